import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/content/load.ts";
import { searchExamples } from "../../src/search/examples.ts";

describe("searchExamples", () => {
  it("takes words and a phrase from the example archive's item titles, none beginning another", async () => {
    const { archive } = await loadArchive(join(import.meta.dirname, "../../content"));
    const all = searchExamples(archive.kommuner);
    expect(all).toEqual(["udsatte", "forvaltningen", "socialudvalget", '"socialt frikort"']);
    const roskilde = archive.kommuner.find((k) => k.slug === "roskilde");
    expect(searchExamples(roskilde ? [roskilde] : [])).toEqual(["klagestatistik", "nødovernatning", "udsattepolitik", '"social profil"']);
    expect(searchExamples([])).toEqual([]);
  });

  it("gives after a meeting is replaced in place what a fresh archive with that meeting gives", async () => {
    const dir = join(import.meta.dirname, "../../content");
    const { archive } = await loadArchive(dir);
    const roskilde = archive.kommuner.find((k) => k.slug === "roskilde")!;
    expect(searchExamples([roskilde])).toEqual(["klagestatistik", "nødovernatning", "udsattepolitik", '"social profil"']);
    searchExamples(archive.kommuner);
    // As referat serve does: a new meeting object in the old one's place, here with new item titles.
    const council = roskilde.councils[0]!;
    const before = council.meetings[0]!;
    const titles = ["Vinterberedskab for gadesovere", "Vinterberedskab for gadesovere og varmestuer", "Vinterberedskab i weekenden"];
    const changed = { ...before, items: before.items.map((item, i) => ({ ...item, title: titles[i % titles.length]!, editorial: [], closed: false })) };
    council.meetings[0] = changed;
    const fresh = structuredClone(archive);
    const freshRoskilde = fresh.kommuner.find((k) => k.slug === "roskilde")!;
    expect(searchExamples([roskilde])).toEqual(searchExamples([freshRoskilde]));
    expect(searchExamples(archive.kommuner)).toEqual(searchExamples(fresh.kommuner));
    expect(searchExamples([roskilde])).toContain("vinterberedskab");
    // And back: the counts of the replaced meeting are taken out again.
    council.meetings[0] = before;
    expect(searchExamples([roskilde])).toEqual(["klagestatistik", "nødovernatning", "udsattepolitik", '"social profil"']);
  });
});
