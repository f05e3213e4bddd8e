// A meeting's digest: the SHA-256 (hex) of its JSON, made once per meeting object. Several caches
// key what they make of a meeting by it (the render cache's page keys, src/build/cache/page-key.ts;
// the open data's parts, src/data/cache.ts), so a build hashes each meeting's text once. The
// model's meetings hold plain data only (no councils, maps or functions), so plain JSON is all of
// it, and a loaded meeting never changes (serve puts a new meeting object in the old one's place):
// an object's digest stays right as long as the object lives.
import { createHash } from "node:crypto";
import type { Meeting } from "./model.ts";

const digests = new WeakMap<Meeting, string>();

/** The SHA-256 (hex) of the meeting's JSON, kept per meeting object. */
export function meetingDigest(meeting: Meeting): string {
  let digest = digests.get(meeting);
  if (digest === undefined) {
    digest = createHash("sha256").update(JSON.stringify(meeting)).digest("hex");
    digests.set(meeting, digest);
  }
  return digest;
}
