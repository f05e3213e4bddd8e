// Naming the source of a broken link: the meeting file (at the line where the secretary wrote the
// address, when it can be found), the municipality's kommune.yaml, or the page's own address for
// pages made from no single file; as the loader names files.
import { readFile } from "node:fs/promises";
import type { Archive, Kommune, Meeting } from "../../minutes/model.ts";
import { displayPath } from "../../report/display-path.ts";
import type { Problem } from "../../report/problem.ts";
import { decodePath, type Found } from "./check-pages.ts";

/** Where a page came from: the meeting file, kommune.yaml, or nothing (a page of the site itself). */
interface Origin {
  meeting?: Meeting;
  kommune?: Kommune;
}

function originsOf(archive: Archive): Map<string, Origin> {
  const origins = new Map<string, Origin>();
  for (const kommune of archive.kommuner) {
    origins.set(`/${kommune.slug}/`, { kommune });
    for (const council of kommune.councils) {
      for (const meeting of council.meetings) origins.set(meeting.url, { meeting, kommune });
    }
  }
  return origins;
}

/** Line and column of the first of `needles` found in `text`, at or after line `fromLine` if there, else anywhere. */
function locate(text: string, needles: string[], fromLine: number): { line: number; col: number } | undefined {
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const from = lineStarts[Math.max(0, fromLine - 1)] ?? 0;
  // The most exact needle wins, first within the item, then anywhere (front matter).
  for (const needle of needles) {
    if (needle === "") continue;
    for (const start of [from, 0]) {
      const index = text.indexOf(needle, start);
      if (index === -1) continue;
      let line = 1;
      while (line < lineStarts.length && (lineStarts[line] as number) <= index) line += 1;
      return { line, col: index - (lineStarts[line - 1] as number) + 1 };
    }
  }
  return undefined;
}

/** The problems of `found`, each named by its source (unsorted). */
export async function nameSources(found: readonly Found[], archive: Archive, prefix: string, cwd: string): Promise<Problem[]> {
  const origins = originsOf(archive);
  // Name the source: the meeting file (at the link's line when it can be found), kommune.yaml,
  // or the page itself for pages made from no single file.
  const sources = new Map<string, Promise<string>>();
  const readSource = (file: string) => {
    let text = sources.get(file);
    if (!text) {
      text = readFile(file, "utf8").catch(() => "");
      sources.set(file, text);
    }
    return text;
  };
  const problems: Problem[] = [];
  for (const { page, ref, message } of found) {
    const siteAddress = `/${page.address.slice(prefix.length)}`;
    const origin = origins.get(siteAddress) ?? origins.get(`/${siteAddress.split("/")[1] ?? ""}/`);
    const meeting = origins.get(siteAddress)?.meeting;
    if (meeting) {
      const itemOf = ref.item === undefined ? undefined : meeting.items.find((i) => i.number === ref.item);
      const text = await readSource(meeting.absolutePath);
      const unprefixed = ref.raw.startsWith(prefix) ? `/${ref.raw.slice(prefix.length)}` : ref.raw;
      const [pathPart = ""] = unprefixed.split(/[?#]/);
      const lastSegment = decodePath(pathPart.replace(/\/$/, "").split("/").pop() ?? "") ?? "";
      const needles = [ref.raw, unprefixed, pathPart.length > 1 ? pathPart : "", lastSegment.length > 3 ? lastSegment : ""];
      const at = locate(text, needles, itemOf?.line ?? 1) ?? (itemOf ? { line: itemOf.line, col: 1 } : { line: 1, col: 1 });
      // Fields as the loader names them: `items[2]` in the front matter (follows, attachments),
      // `## Title` for an item's section, `link` elsewhere on the page.
      let field = "link";
      if (itemOf) field = at.line < itemOf.line ? `items[${meeting.items.indexOf(itemOf) + 1}]` : `## ${itemOf.title}`;
      problems.push({ file: displayPath(meeting.absolutePath, cwd), line: at.line, col: at.col, field, message });
    } else if (origin?.kommune) {
      problems.push({ file: displayPath(origin.kommune.sourcePath, cwd), line: 1, col: 1, field: "link", message });
    } else {
      problems.push({ file: page.address, line: 1, col: 1, field: "link", message });
    }
  }
  return problems;
}
