// The secretaries' guide (docs/vejledning.md) stays true: its example municipality passes the
// checks, its links, anchors and pictures exist, and the error messages it quotes are the ones
// `referat check` prints for those mistakes in its own example meeting.
import { cp, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/content/load.ts";
import { SHOTS } from "../../scripts/screenshots.ts";
import { tempDir } from "../build/helpers.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
const GUIDE = path.join(ROOT, "docs/vejledning.md");
const EXAMPLE = path.join(ROOT, "docs/eksempel/content");
const MEETING = "eksempelby/udsatteraadet/2024/2024-05-14.md";

/** GitHub's anchor for a heading. */
function slug(heading: string): string {
  return heading.trim().toLowerCase().replace(/[^\p{L}\p{N}\s-]/gu, "").replace(/\s/g, "-");
}

const exists = (file: string) => stat(file).then(() => true, () => false);

describe("docs/vejledning.md", () => {
  it("is linked from the README", async () => {
    expect(await readFile(path.join(ROOT, "README.md"), "utf8")).toContain("(docs/vejledning.md)");
  });

  it("links only to files that exist and to its own headings", async () => {
    const text = await readFile(GUIDE, "utf8");
    const headings = new Set([...text.matchAll(/^#{1,6} (.+)$/gm)].map((match) => slug(match[1]!)));
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1]!);
    expect(targets.length).toBeGreaterThan(20);
    for (const target of targets) {
      if (/^https?:/.test(target)) continue;
      const [file, anchor] = target.split("#");
      if (file) expect(await exists(path.join(ROOT, "docs", file)), target).toBe(true);
      if (!file && anchor) expect(headings.has(decodeURIComponent(anchor)), target).toBe(true);
    }
  });

  it("shows every screenshot the script takes, and each is committed", async () => {
    const text = await readFile(GUIDE, "utf8");
    for (const shot of SHOTS) {
      expect(text, shot.file).toContain(`](vejledning/${shot.file})`);
      expect(await exists(path.join(ROOT, "docs/vejledning", shot.file)), shot.file).toBe(true);
    }
  });

  it("has an example municipality that passes every check", async () => {
    const { problems, archive } = await loadArchive(EXAMPLE);
    expect(problems).toEqual([]);
    expect(archive.kommuner[0]?.councils[0]?.meetings.map((meeting) => [meeting.date, meeting.status])).toEqual([
      ["2024-06-11", "dagsorden"],
      ["2024-05-14", "referat"],
      ["2023-11-21", "referat"],
    ]);
  });

  it("quotes the messages referat check prints for the mistakes it describes", async () => {
    const text = await readFile(GUIDE, "utf8");
    const table = text.slice(text.indexOf("| fejlbesked (uddrag)"), text.indexOf("\n\n", text.indexOf("| fejlbesked (uddrag)")));
    const quoted = [...table.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1]!.replace(/ …$/, ""));
    expect(quoted).toHaveLength(5);
    const work = await tempDir("guide");
    try {
      const messages: string[] = [];
      // Each mistake in the example meeting on its own, as a secretary would make it.
      const mistakes: ((source: string) => string)[] = [
        (source) => source.replace("  - title: Vinternatvarme for hjemløse\n", "  - title: Høring: Vinternatvarme\n"),
        (source) => source.replace("minute_taker:", "referent:"),
        (source) => source.replace("## Vinternatvarme for hjemløse", "## Vinternatvarme"),
        (source) => source.replace("  - Bo Lund (Værestedet Broen)\n", "  - Bo Lund (Værestedet Broen)\n  - Anna Holm\n"),
        (source) => source.replace("    kind: drøftelse\n", "     kind: drøftelse\n"),
        (source) => source.replace("    kind: drøftelse\n", "    kind: droftelse\n"),
      ];
      for (const [index, mistake] of mistakes.entries()) {
        const content = path.join(work, String(index));
        await cp(EXAMPLE, content, { recursive: true });
        const file = path.join(content, MEETING);
        const changed = mistake(await readFile(file, "utf8"));
        await writeFile(file, changed);
        const { problems } = await loadArchive(content);
        messages.push(...problems.map((problem) => problem.message));
      }
      for (const message of quoted) expect(messages.some((found) => found.includes(message)), message).toBe(true);
      const example = /^content\/\S+: (items\[2\]\.kind: .+)$/m.exec(text)?.[1];
      expect(messages).toContain(example?.replace(/^items\[2\]\.kind: /, ""));
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
