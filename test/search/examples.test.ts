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
});
