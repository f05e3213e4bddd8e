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
  return DateTime.fromMillis(Math.floor(at / 1000) * 1000, { zone: ZONE }).toISO({ suppressMilliseconds: true }) ?? "";
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
