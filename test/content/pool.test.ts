// The loader's worker threads start under vitest as under the CLI (they register tsx themselves),
// and give the same plain data as the loader's own thread.
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { AttachmentScan } from "../../src/trust/attachment-text.ts";
import { readMeetingFile, type MeetingJob } from "../../src/content/meeting-file.ts";
import { WorkerPool } from "../../src/content/pool.ts";

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

describe("WorkerPool", () => {
  it("loads meeting files and scans attachments in a worker thread, as in this thread", async () => {
    const pool = new WorkerPool(1);
    try {
      const jobs = [job("2024-01-10"), job("2024-03-20")];
      const inWorker = await pool.run({ kind: "load", jobs });
      expect(inWorker).toEqual(jobs.map((j) => readMeetingFile(j)));
      const scan = await pool.run<AttachmentScan>({
        kind: "extract",
        file: path.join(content, "eksempelby/udsatteraadet/2024/2024-03-20/notat.pdf"),
        type: "pdf",
      });
      expect(scan.kind === "scanned" ? scan.findings.map((f) => [f.place, f.match.masked]) : scan).toEqual([
        [{ kind: "pdf-page", page: 2 }, "010190-****"],
      ]);
    } finally {
      await pool.close();
    }
  }, 60_000);
});
