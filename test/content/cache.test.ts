// The loader's cache of validated meetings: a load that takes meetings from the cache gives the
// same archive, the same problems (with their positions) and the same CPR scans as a load without
// one, after each kind of change to the content and after an entry in the cache is tampered with.
// Real files: a small generated archive and the CPR guard's fixture (attachments, CPR numbers).
import { cp, mkdtemp, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { generateArchive } from "../../scripts/bench/generate.ts";
import { loadArchive, type LoadResult } from "../../src/content/load.ts";
import { meetingCacheIn } from "../../src/content/meeting-file.ts";
import { openMeetingCache } from "../../src/build/stages.ts";
import { editKeepingSizeAndTimes } from "../build/helpers.ts";
import { IDENTITY_SETTLED_MS, type MeetingCache, type MeetingCacheRef } from "../../src/content/cache.ts";

const CPR_FIXTURE = join(import.meta.dirname, "../fixtures/trust/cpr/content/eksempelby");

let work: string;
let content: string;
let ref: MeetingCacheRef;

/** Everything the CPR guard is given of a loaded archive, by file. */
function scans({ archive, scans }: LoadResult) {
  const valid = archive.kommuner.flatMap((k) => k.councils.flatMap((c) => c.meetings.map((m) => scans.meetings.get(m))));
  return { valid, rejected: scans.rejected };
}

/** Loads without a cache and with the cache (in this thread); both must give the same result. Returns the cache's hits. */
async function warmEqualsCold(workers = 0): Promise<{ hits: number; cold: LoadResult }> {
  const cache = meetingCacheIn(ref);
  if (!cache) throw new Error("no meeting cache");
  const cold = await loadArchive(content, { workers });
  const before = cache.hits;
  const warm = await loadArchive(content, { workers, cache: ref });
  expect(warm.problems).toStrictEqual(cold.problems);
  expect(warm.archive).toStrictEqual(cold.archive);
  expect(scans(warm)).toStrictEqual(scans(cold));
  expect(scans(cold).valid.every((scan) => scan !== undefined)).toBe(true);
  return { hits: cache.hits - before, cold };
}

async function meetingFiles(): Promise<string[]> {
  const entries = await readdir(content, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith(".md"))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

/** The packs in the cache folder, and how many entries each holds (its header's). */
async function packs(): Promise<{ file: string; entries: number }[]> {
  const names = (await readdir(join(ref.root, "meetings"))).filter((name) => name.endsWith(".pack")).sort();
  return Promise.all(
    names.map(async (name) => {
      const bytes = await readFile(join(ref.root, "meetings", name));
      const header = JSON.parse(bytes.toString("utf8", 65, bytes.indexOf(10, 65))) as { entries: object };
      return { file: join(ref.root, "meetings", name), entries: Object.keys(header.entries).length };
    }),
  );
}

/** The meeting files' folders (a council's year): one pack each. */
async function yearFolders(): Promise<number> {
  return new Set((await meetingFiles()).map((file) => file.slice(0, file.lastIndexOf("/")))).size;
}

beforeAll(async () => {
  vi.stubEnv("REFERAT_CACHE_SECRET", "a secret for the meeting cache test");
  work = await mkdtemp(join(tmpdir(), "referat-meeting-cache-"));
  content = join(work, "content");
  generateArchive({ outDir: content, meetings: 40, kommuner: 2 });
  await cp(CPR_FIXTURE, join(content, "eksempelby"), { recursive: true });
  // Files with problems: a validation error, a missing attachment, a date against its file name.
  const council = join(content, "eksempelby", "udsatteraadet", "2024");
  await writeFile(
    join(council, "2024-07-03.md"),
    "---\ndate: 2024-07-03\nvenue: Rådhuset\nattendees: nej\nitems:\n  - title: Punkt\n---\n\n## Punkt\n\nTekst.\n",
  );
  await writeFile(
    join(council, "2024-07-17.md"),
    "---\ndate: 2024-07-17\nvenue: Rådhuset\nattendees: []\nitems:\n  - title: Punkt\n    attachments:\n      - file: mangler.pdf\n        title: Mangler\n---\n\n## Punkt\n\nTekst.\n",
  );
  await writeFile(
    join(council, "2024-08-07.md"),
    "---\ndate: 2024-08-08\nvenue: Rådhuset\nattendees: []\nitems:\n  - title: Punkt\n---\n\n## Punkt\n\nTekst.\n",
  );
  const opened = await openMeetingCache(join(work, "cache"));
  if (!opened) throw new Error("no meeting cache");
  ref = opened;
});

afterAll(async () => {
  vi.unstubAllEnvs();
  await rm(work, { recursive: true, force: true });
});

describe("the cache of validated meetings", () => {
  it("gives the same archive, problems and CPR scans as a load without it, on the first load and the next", async () => {
    const files = (await meetingFiles()).length;
    const first = await warmEqualsCold();
    expect(first.hits).toBe(0);
    const placed = first.cold.problems.filter((p) => /2024-0[78]-\d\d\.md$/.test(p.file));
    expect(placed.map((p) => `${p.file.split("/").pop()}:${p.line}:${p.col}: ${p.field}`)).toEqual([
      "2024-07-03.md:4:12: attendees",
      "2024-07-17.md:8:15: items[1].attachments[1].file",
      "2024-08-07.md:2:7: date",
    ]);
    const written = await packs();
    expect(written.length).toBe(await yearFolders());
    expect(written.reduce((n, pack) => n + pack.entries, 0)).toBe(files);
    const second = await warmEqualsCold();
    expect(second.hits).toBe(files);
  });

  it("validates only the edited, added and renamed files again", async () => {
    const files = await meetingFiles();
    const edited = files.find((f) => f.includes("/eksempelby/") && f.endsWith("2024-01-10.md")) as string;
    await writeFile(edited, (await readFile(edited, "utf8")).replace("## ", "## Ændret: "));
    const { hits } = await warmEqualsCold();
    expect(hits).toBe(files.length - 1);

    const added = join(content, "eksempelby", "udsatteraadet", "2024", "2024-09-04.md");
    await writeFile(added, "---\ndate: 2024-09-04\nvenue: Rådhuset\nattendees: []\nitems:\n  - title: Nyt punkt\n---\n\n## Nyt punkt\n\nTekst.\n");
    expect((await warmEqualsCold()).hits).toBe(files.length);

    await unlink(added);
    expect((await warmEqualsCold()).hits).toBe(files.length);
  });

  it("validates a council's meetings again when kommune.yaml renames the council", async () => {
    const kommuneFile = join(content, "eksempelby", "kommune.yaml");
    await writeFile(kommuneFile, (await readFile(kommuneFile, "utf8")).replace("name: Udsatterådet", "name: Rådet for udsatte"));
    const eksempelby = (await meetingFiles()).filter((f) => f.includes("/eksempelby/")).length;
    const all = (await meetingFiles()).length;
    const { hits, cold } = await warmEqualsCold();
    expect(hits).toBe(all - eksempelby);
    const titles = cold.archive.kommuner.find((k) => k.slug === "eksempelby")?.councils[0]?.meetings.map((m) => m.title) ?? [];
    expect(titles).toContain("Referat af møde i Rådet for udsatte den 24. januar 2024");
  });

  it("does not use a pack whose bytes were changed, nor one replaced by another pack", async () => {
    // A fresh cache, so that every entry in it is one the next load asks for.
    await rm(join(ref.root, "meetings"), { recursive: true, force: true });
    await warmEqualsCold();
    const written = await packs();
    const all = (await meetingFiles()).length;
    expect(written.reduce((n, pack) => n + pack.entries, 0)).toBe(all);
    // A changed body under the same seal: a title rewritten.
    const [first, second, third] = [...written].sort((a, b) => b.entries - a.entries) as [(typeof written)[0], (typeof written)[0], (typeof written)[0]];
    const text = (await readFile(first.file)).toString("utf8");
    expect(text).toContain('"title":"');
    await writeFile(first.file, text.replace(/"title":"[^"]*"/, '"title":"Forfalsket"'));
    // Another pack, sealed and all, in this one's place.
    await writeFile(second.file, await readFile(third.file));
    const { hits } = await warmEqualsCold();
    expect(hits).toBe(all - first.entries - second.entries);
  });

  it("takes a file's recorded hash only while lstat finds the identity it was read with", async () => {
    await rm(join(ref.root, "meetings"), { recursive: true, force: true });
    // Identities are recorded only for files whose times are IDENTITY_SETTLED_MS old.
    await new Promise((resolve) => setTimeout(resolve, IDENTITY_SETTLED_MS + 100));
    const cache = meetingCacheIn(ref) as MeetingCache;
    await warmEqualsCold();
    const files = await meetingFiles();
    const attachments = (await readdir(content, { recursive: true, withFileTypes: true })).filter((e) => e.isFile() && /\.(pdf|docx|csv|txt)$/.test(e.name)).length;
    let trusted = cache.trusted;
    await warmEqualsCold();
    // Every meeting file and every attachment with text, none read.
    expect(cache.trusted - trusted).toBe(files.length + attachments);
    // An edit of the same size with the modification time put back: the status-change time tells.
    const edited = files.find((f) => f.includes("/eksempelby/") && f.endsWith("2024-01-24.md")) as string;
    await editKeepingSizeAndTimes(edited, "venue: Rådhuset", "venue: Rådhusot");
    trusted = cache.trusted;
    const { cold } = await warmEqualsCold();
    expect(cache.trusted - trusted).toBe(files.length + attachments - 1);
    expect(JSON.stringify(cold.archive)).toContain("Rådhusot");
  });

  it("gives the same result with a worker thread loading from the cache, and keeps what the worker validated", async () => {
    await warmEqualsCold(1);
    await rm(join(ref.root, "meetings"), { recursive: true, force: true });
    expect((await warmEqualsCold(1)).hits).toBe(0);
    expect((await warmEqualsCold(0)).hits).toBe((await meetingFiles()).length);
  }, 60_000);
});
