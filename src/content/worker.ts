// What a thread of the worker pool (src/workers/pool.ts, through src/workers/entry.mjs) does for the
// loader and the CPR guard: loads batches of meeting files, and extracts and scans attachments.
import type { CacheChanges, MeetingCacheRef } from "./cache.ts";
import { scanAttachmentFile, type FileScan } from "../trust/cpr.ts";
import { meetingCacheIn, readMeetingFile, type MeetingFileResult, type MeetingJob } from "./meeting-file.ts";

export type WorkerRequest = { kind: "load"; jobs: MeetingJob[]; cache?: MeetingCacheRef } | { kind: "extract"; file: string; type: string };

/** What a worker's load gives: the batch's results, and what it added to the cache (the loader's thread writes it). */
export interface LoadedBatch {
  results: MeetingFileResult[];
  changes?: CacheChanges;
}

/** Loads a batch of meeting files, as the loader's own thread does. */
export async function load(request: Extract<WorkerRequest, { kind: "load" }>): Promise<LoadedBatch> {
  const cache = request.cache ? meetingCacheIn(request.cache) : undefined;
  const results = request.jobs.map((job) => readMeetingFile(job, cache));
  // Nothing is kept in the thread between requests: an idle pool's threads may be stopped at any time.
  return { results, ...(cache ? { changes: cache.takeChanges() } : {}) };
}

/** Extracts an attachment's text and scans it for CPR numbers; names the key of the bytes read. */
export function extract(request: Extract<WorkerRequest, { kind: "extract" }>): Promise<FileScan> {
  return scanAttachmentFile(request.file, request.type);
}
