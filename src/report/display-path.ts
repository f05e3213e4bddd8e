// How a file is named in everything the user reads: problems, errors and progress. The one rule,
// so that the loader, the CPR guard, the link check and the CLI name a file the same way and a
// secretary can paste it into an editor. Lives beside `Problem`, below every layer that reports.
import path from "node:path";

/**
 * The path as the user should see it: relative to `cwd` (the working directory by default), with
 * forward slashes; `.` for `cwd` itself; absolute when no relative path exists (another drive).
 */
export function displayPath(file: string, cwd: string = process.cwd()): string {
  const relative = path.relative(cwd, file);
  const shown = relative === "" ? "." : path.isAbsolute(relative) ? file : relative;
  return shown.split(path.sep).join("/");
}
