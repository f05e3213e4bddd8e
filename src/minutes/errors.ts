// Named errors for content failures. Each carries the file it concerns and the original error as
// `cause`. loadArchive never throws them for bad content (it returns problems); they exist for
// callers that want one meeting or one archive or nothing, e.g. the build and the preview.
import type { Problem } from "../report/problem.ts";

/** Base class: a failure that concerns one content file. */
export class ContentFileError extends Error {
  override name = "ContentFileError";
  constructor(
    message: string,
    /** The file, as the user should see it. */
    readonly file: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** The front matter of a meeting could not be split or read (gray-matter failed). */
export class MinutesFrontMatterError extends ContentFileError {
  override name = "MinutesFrontMatterError";
  constructor(file: string, cause: unknown) {
    super(`${file}: filens hoved kan ikke læses: ${cause instanceof Error ? cause.message : String(cause)}`, file, { cause });
  }
}

/** A content file could not be read from disk. */
export class ContentReadError extends ContentFileError {
  override name = "ContentReadError";
  constructor(file: string, cause: unknown) {
    super(`${file}: filen kan ikke læses: ${cause instanceof Error ? cause.message : String(cause)}`, file, { cause });
  }
}

/** A meeting (or the whole content folder) did not validate; `problems` lists every problem found. */
export class MinutesValidationError extends ContentFileError {
  override name = "MinutesValidationError";
  constructor(
    file: string,
    readonly problems: readonly Problem[],
    options?: { cause?: unknown },
  ) {
    super(`${file}: ${problems.length} ${problems.length === 1 ? "fejl" : "fejl"} i indholdet`, file, options);
  }
}
