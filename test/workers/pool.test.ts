// The worker pool's threads (src/workers/pool.ts) start under vitest as under the CLI (they load the
// compiled code, or register tsx themselves), give the same plain data as the caller's own thread,
// and a thread that fails rejects its request (never a hang), whose work the loader then does itself.
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it, vi } from "vitest";
import { generateArchive } from "../../scripts/bench/generate.ts";
import { attachmentKey, type FileScan } from "../../src/trust/cpr.ts";
import { readMeetingFile, type MeetingJob } from "../../src/content/meeting-file.ts";
import { loadArchive } from "../../src/content/load.ts";
import { acquirePool, closeWorkerPool, poolSize } from "../../src/workers/pool.ts";
import { createSiteData } from "../../src/eleventy/data.ts";
import { prerenderItemHtml } from "../../src/eleventy/item-html.ts";
import { checkLinks } from "../../src/trust/links.ts";
import { makeArchive } from "../site/archive-fixture.ts";

const content = path.resolve(import.meta.dirname, "../fixtures/trust/cpr/content");

function job(date: string): MeetingJob {
  return {
    absolutePath: path.join(content, `eksempelby/udsatteraadet/2024/${date}.md`),
    sourcePath: `eksempelby/udsatteraadet/2024/${date}.md`,
    kommune: "eksempelby",
    raad: "udsatteraadet",
    year: "2024",
    slug: date,
    councilName: "Udsatterådet",
    hasFolder: date === "2024-03-20",
  };
}

describe("the worker pool", () => {
  it("loads meeting files and scans attachments in a worker thread, as in this thread", async () => {
    const pool = acquirePool();
    try {
      const jobs = [job("2024-01-10"), job("2024-03-20")];
      const inWorker = await pool.run({ kind: "load", jobs });
      expect(inWorker).toEqual({ results: jobs.map((j: MeetingJob) => readMeetingFile(j)) });
      const file = path.join(content, "eksempelby/udsatteraadet/2024/2024-03-20/notat.pdf");
      const { scan, key } = await pool.run<FileScan>({ kind: "extract", file, type: "pdf" });
      expect(key).toBe(attachmentKey("pdf", await readFile(file)));
      expect(scan.kind === "scanned" ? scan.findings.map((f) => [f.place, f.match.masked]) : scan).toEqual([[{ kind: "pdf-page", page: 2 }, "010190-****"]]);
    } finally {
      await closeWorkerPool();
    }
  }, 60_000);
});

describe("a pool whose threads fail", () => {
  // The threads take their code from the folder REFERAT_WORKER_CODE names (src/workers/compiled.mjs):
  // here, a content worker that fails as it starts, in each of two ways.
  for (const [how, code] of [
    ["throws as it starts", 'throw new Error("kaput");\n'],
    ["ends its thread as it starts", "process.exit(3);\n"],
  ] as const) {
    it(`rejects a request when the worker code ${how}, and a load does that work in its own thread`, async () => {
      const generated = await mkdtemp(path.join(tmpdir(), "referat-pool-"));
      try {
        const archive = path.join(generated, "content");
        generateArchive({ outDir: archive, meetings: 200, kommuner: 1 });
        await mkdir(path.join(generated, "code"));
        await writeFile(path.join(generated, "code", "content-worker.mjs"), code);
        await closeWorkerPool();
        vi.stubEnv("REFERAT_WORKER_CODE", path.join(generated, "code"));
        await expect(acquirePool().run({ kind: "load", jobs: [job("2024-01-10")] })).rejects.toThrow();
        const alone = await loadArchive(archive, { workers: 0 });
        const withFailingThreads = await loadArchive(archive, { workers: 2 });
        expect(withFailingThreads.problems).toStrictEqual(alone.problems);
        expect(withFailingThreads.archive).toStrictEqual(alone.archive);
      } finally {
        await closeWorkerPool();
        vi.unstubAllEnvs();
        await rm(generated, { recursive: true, force: true });
      }
    }, 60_000);
  }

  // The same two failures in the Markdown and link-check code: the render's pages then render their
  // Markdown themselves, and the link check reads every page itself; nothing waits for ever.
  for (const [how, code] of [
    ["throws as it starts", 'throw new Error("kaput");\n'],
    ["ends its thread as it starts", "process.exit(3);\n"],
  ] as const) {
    it(`lets the templates render the Markdown, and the link check read the pages itself, when the worker code ${how}`, async () => {
      const generated = await mkdtemp(path.join(tmpdir(), "referat-pool-"));
      try {
        const codeDir = path.join(generated, "code");
        await mkdir(codeDir);
        // A working content worker (the thread takes the folder only if it has one), failing others.
        await writeFile(path.join(codeDir, "content-worker.mjs"), "export const load = () => [];\n");
        await writeFile(path.join(codeDir, "markdown-worker.mjs"), code);
        await writeFile(path.join(codeDir, "link-worker.mjs"), code);
        await closeWorkerPool();
        vi.stubEnv("REFERAT_WORKER_CODE", codeDir);
        const archive = makeArchive();
        const site = createSiteData(archive, { pathPrefix: "/" });
        const itemHtml = prerenderItemHtml(archive, site.meetingPages, { pathPrefix: "/", workers: 2 });
        try {
          for (const page of site.meetingPages) {
            await itemHtml.ready(page.meeting);
            expect(itemHtml.take(page.meeting)).toBeUndefined();
          }
        } finally {
          await itemHtml.close();
        }
        const siteDir = path.resolve(import.meta.dirname, "../fixtures/trust/links/site");
        const linkArchive = { kommuner: [] };
        const alone = await checkLinks({ siteDir, archive: linkArchive, pathPrefix: "/referater/", workers: 0 });
        const withFailingThreads = await checkLinks({ siteDir, archive: linkArchive, pathPrefix: "/referater/", workers: 2 });
        expect(alone.length).toBeGreaterThan(0);
        expect(withFailingThreads).toStrictEqual(alone);
      } finally {
        await closeWorkerPool();
        vi.unstubAllEnvs();
        await rm(generated, { recursive: true, force: true });
      }
    }, 60_000);
  }
});

describe("an urgent request", () => {
  it("runs before the requests that wait and are not urgent", async () => {
    const pool = acquirePool();
    try {
      const file = path.join(content, "eksempelby/udsatteraadet/2024/2024-03-20/notat.pdf");
      const order: string[] = [];
      // More requests than the pool has threads: the later ones wait.
      const waiting = Array.from({ length: 4 * poolSize() + 4 }, (_, i) =>
        pool.run({ kind: "extract", file, type: "pdf" }).then(() => order.push(`extract ${i}`)),
      );
      const urgent = pool.run({ kind: "load", jobs: [job("2024-01-10")] }, { urgent: true }).then(() => order.push("urgent"));
      await Promise.all([...waiting, urgent]);
      // It starts as soon as a thread is free, after the requests already running (one per thread):
      // in the first half, where first come, first served would put it last.
      expect(order.indexOf("urgent")).toBeLessThan(waiting.length / 2);
    } finally {
      await closeWorkerPool();
    }
  }, 60_000);
});
