// A build's data for the pool's threads: what every request of one build needs and is too large to
// send with each. It is encoded once into a SharedArrayBuffer, which a message shares rather than
// copies, and sent with every request with an id; a thread decodes it at its first request of that
// build and keeps it for the next ones (the last few builds' only: a thread outlives a build in
// `referat serve`). Requests stay self-contained: any thread can answer any of them, and a thread
// that replaces a failed one needs nothing sent to it first.
import { randomUUID } from "node:crypto";

/** One build's data, as a request carries it. */
export interface BuildData {
  id: string;
  bytes: SharedArrayBuffer;
}

/** Encodes `value` (plain JSON data) for the requests of one build. */
export function shareBuildData(value: unknown): BuildData {
  const json = Buffer.from(JSON.stringify(value), "utf8");
  const bytes = new SharedArrayBuffer(json.length);
  json.copy(Buffer.from(bytes));
  return { id: randomUUID(), bytes };
}

/** Builds whose data a thread keeps decoded. */
const KEEP = 2;
const decoded = new Map<string, unknown>();

/** The data of a request's build, decoded once per thread and build, made into what the thread uses by `make`. */
export function readBuildData<T>(data: BuildData, make: (value: unknown) => T): T {
  if (decoded.has(data.id)) return decoded.get(data.id) as T;
  // Copied out of the shared memory first: a text decoder does not read shared memory.
  const value = make(JSON.parse(Buffer.from(new Uint8Array(data.bytes)).toString("utf8")));
  decoded.set(data.id, value);
  for (const id of decoded.keys()) {
    if (decoded.size <= KEEP) break;
    decoded.delete(id);
  }
  return value;
}
