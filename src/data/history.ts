// When each meeting was first published and last changed, from the git history of its file: the
// first and the last commit that touched it (committer dates). A file with changes not yet
// committed, or not in git at all, was last changed at its modification time. Under
// SOURCE_DATE_EPOCH (reproducible builds) every time is clamped to that moment, so a build of the
// same commit gives the same bytes. A shallow clone knows only its last commit: CI that publishes
// must fetch the whole history (README, "Hosting").
import { execFile } from "node:child_process";
import { stat } from "node:fs/promises";
import { dirname, relative, resolve, sep } from "node:path";
import { promisify } from "node:util";
import { DateTime } from "luxon";
import type { MeetingHistory } from "./record.ts";

const run = promisify(execFile);
const ZONE = "Europe/Copenhagen";

/** The deepest folder that holds every path. */
function commonFolder(paths: readonly string[]): string {
  let folder = dirname(resolve(paths[0] ?? "."));
  for (const path of paths) {
    while (!resolve(path).startsWith(folder.endsWith(sep) ? folder : folder + sep)) {
      const parent = dirname(folder);
      if (parent === folder) return folder;
      folder = parent;
    }
  }
  return folder;
}

async function git(cwd: string, args: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await run("git", args, { cwd, maxBuffer: 1024 * 1024 * 1024, encoding: "utf8" });
    return stdout;
  } catch {
    return undefined;
  }
}

/** SOURCE_DATE_EPOCH in milliseconds, when set to a whole number of seconds. */
export function sourceDateEpoch(env: NodeJS.ProcessEnv = process.env): number | undefined {
  const value = env.SOURCE_DATE_EPOCH;
  return value !== undefined && /^\d+$/.test(value.trim()) ? Number(value.trim()) * 1000 : undefined;
}

function iso(ms: number, clamp: number | undefined): string {
  const at = clamp !== undefined && ms > clamp ? clamp : ms;
  return isoInCopenhagen(Math.floor(at / 1000) * 1000);
}

/** Copenhagen's offset from UTC in minutes, by UTC hour: it only ever changes on the hour. */
const offsets = new Map<number, number>();
const HOUR_MS = 60 * 60 * 1000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/**
 * A moment as Copenhagen's ISO 8601 time with its offset, e.g. `2023-01-11T11:00:00+01:00`: what
 * luxon's `toISO({ suppressMilliseconds: true })` gives (test/data/history.test.ts), written here from
 * the offset (asked of luxon once per hour), because luxon's formatting took about 0.1 ms a time,
 * two times a meeting, each build.
 */
export function isoInCopenhagen(ms: number): string {
  const hour = Math.floor(ms / HOUR_MS);
  let offset = offsets.get(hour);
  if (offset === undefined) {
    offset = DateTime.fromMillis(hour * HOUR_MS, { zone: ZONE }).offset;
    offsets.set(hour, offset);
  }
  const local = new Date(ms + offset * 60_000);
  const year = local.getUTCFullYear();
  // Luxon writes years outside 0000–9999 (and fractions of a second) its own way: asked directly.
  if (!(year >= 0 && year <= 9999) || ms % 1000 !== 0) return DateTime.fromMillis(ms, { zone: ZONE }).toISO({ suppressMilliseconds: true }) ?? "";
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${pad(year, 4)}-${pad(local.getUTCMonth() + 1)}-${pad(local.getUTCDate())}T${pad(local.getUTCHours())}:${pad(local.getUTCMinutes())}:${pad(local.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** The history of each file, by absolute path (as given). */
export async function readHistory(paths: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<Map<string, MeetingHistory>> {
  const history = new Map<string, MeetingHistory>();
  if (paths.length === 0) return history;
  const clamp = sourceDateEpoch(env);
  const folder = commonFolder(paths);
  const committed = new Map<string, { first: number; last: number }>();
  const dirty = new Set<string>();
  const top = (await git(folder, ["rev-parse", "--show-toplevel"]))?.trim();
  if (top) {
    const scope = relative(top, folder) || ".";
    // Newest commit first: a file's first sighting is its last change, its last sighting its first.
    const log = await git(top, ["log", "--format=%x01%ct", "--name-only", "--no-renames", "-z", "--", scope]);
    if (log !== undefined) {
      let when = 0;
      for (const field of log.split("\0")) {
        const name = field.replace(/^\n/, "");
        if (name === "") continue;
        // "\x01<seconds>" opens a commit (no file name starts with \x01); the names that follow are its files.
        if (name.startsWith("\x01")) {
          when = Number(name.slice(1)) * 1000;
          continue;
        }
        const file = resolve(top, name);
        const known = committed.get(file);
        if (known) known.first = when;
        else committed.set(file, { first: when, last: when });
      }
    }
    const status = await git(top, ["status", "--porcelain", "-z", "--untracked-files=all", "--", scope]);
    for (const entry of status?.split("\0") ?? []) if (entry.length > 3) dirty.add(resolve(top, entry.slice(3)));
  }
  await Promise.all(
    paths.map(async (path) => {
      const absolute = resolve(path);
      const known = committed.get(absolute);
      if (known && !dirty.has(absolute)) {
        history.set(path, { created: iso(known.first, clamp), modified: iso(known.last, clamp) });
        return;
      }
      let mtime: number;
      try {
        mtime = (await stat(absolute)).mtimeMs;
      } catch {
        return;
      }
      history.set(path, { created: iso(known ? known.first : mtime, clamp), modified: iso(mtime, clamp) });
    }),
  );
  return history;
}
