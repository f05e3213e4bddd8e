// A worker thread of the loader's pool (src/content/pool.ts, started through worker-entry.mjs):
// loads batches of meeting files, and extracts and scans attachments for the CPR guard.
import { parentPort } from "node:worker_threads";
import { scanAttachmentFile } from "../trust/cpr.ts";
import { meetingCacheIn, readMeetingFile, type MeetingJob } from "./meeting-file.ts";
import type { MeetingCacheRef } from "../build/cache/meetings.ts";

async function loadJobs(jobs: MeetingJob[], ref?: MeetingCacheRef) {
  const cache = ref ? meetingCacheIn(ref) : undefined;
  const results = jobs.map((job) => readMeetingFile(job, cache));
  // The entries are written before the answer: an idle pool's workers may be stopped at any time.
  await cache?.flush();
  return results;
}

export type WorkerRequest = { kind: "load"; jobs: MeetingJob[]; cache?: MeetingCacheRef } | { kind: "extract"; file: string; type: string };

const port = parentPort;
if (port) {
  const answer = async (request: WorkerRequest): Promise<void> => {
    try {
      const result = request.kind === "load" ? await loadJobs(request.jobs, request.cache) : await scanAttachmentFile(request.file, request.type);
      port.postMessage({ ok: true, result });
    } catch (error) {
      port.postMessage({ ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  };
  // `answer` catches every failure and answers it, so its promise never rejects.
  port.on("message", (request: WorkerRequest) => void answer(request));
  port.postMessage({ ready: true });
}
