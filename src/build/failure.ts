// Why a stage of the build failed, in Danish, when the reason is the machine rather than the
// content: no permission to write, a read-only drive, a full disk, too many open files. The cause
// is often wrapped (Eleventy reports "Having trouble rendering … template" around it; Pagefind, a
// Rust program, prints a panic with "os error 28"), so the whole chain of causes is searched. A
// failure with no such reason keeps its own message.
import { isAbsolute, relative } from "node:path";

/** The system errors a build can meet on its disk, by their code and by Rust's "os error N". */
const BY_CODE: Record<string, (path: string | undefined) => string> = {
  EACCES: (path) =>
    `der er ikke adgang til at skrive${where(path)} (EACCES); giv den bruger, der bygger arkivet, skriveadgang til mappen, hvor --out-mappen ligger, eller vælg en anden mappe med --out`,
  EPERM: (path) =>
    `det er ikke tilladt at skrive${where(path)} (EPERM); giv den bruger, der bygger arkivet, skriveadgang til mappen, hvor --out-mappen ligger, eller vælg en anden mappe med --out`,
  EROFS: (path) => `drevet kan kun læses, ikke skrives${where(path)} (EROFS); vælg en mappe på et drev, der kan skrives, med --out`,
  ENOSPC: (path) => `disken er fuld${where(path)} (ENOSPC); frigør plads på disken, eller vælg en mappe på et andet drev med --out`,
  EDQUOT: (path) => `din kvote på disken er brugt op${where(path)} (EDQUOT); frigør plads, eller vælg en mappe på et andet drev med --out`,
  EMFILE: () => "der er for mange åbne filer (EMFILE); luk andre programmer, eller hæv grænsen (ulimit -n), og byg igen",
  ENFILE: () => "systemet har for mange åbne filer (ENFILE); luk andre programmer, og byg igen",
};

/** Rust's io::Error prints the OS error number ("No space left on device (os error 28)"). */
const OS_ERRORS: Record<number, string> = { 1: "EPERM", 13: "EACCES", 28: "ENOSPC", 30: "EROFS", 122: "EDQUOT", 24: "EMFILE", 23: "ENFILE" };

function where(path: string | undefined): string {
  if (!path) return "";
  const rel = relative(process.cwd(), path);
  return ` i ${rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : path}`;
}

/** Every error in the chain: `cause`, Eleventy's `originalError`, an AggregateError's `errors`. */
function* chain(error: unknown, seen = new Set<unknown>()): Generator<unknown> {
  if (error === undefined || error === null || seen.has(error)) return;
  seen.add(error);
  yield error;
  if (typeof error !== "object") return;
  const record = error as { cause?: unknown; originalError?: unknown; errors?: unknown };
  yield* chain(record.cause, seen);
  yield* chain(record.originalError, seen);
  if (Array.isArray(record.errors)) for (const inner of record.errors) yield* chain(inner, seen);
  if (Array.isArray(record.cause)) for (const inner of record.cause) yield* chain(inner, seen);
}

/** The Danish reason for a failure caused by the disk or the system, or undefined. */
export function systemReason(error: unknown): string | undefined {
  for (const link of chain(error)) {
    const code = (link as NodeJS.ErrnoException | undefined)?.code;
    if (typeof code === "string" && BY_CODE[code]) return BY_CODE[code]((link as NodeJS.ErrnoException).path);
    const text = typeof link === "string" ? link : link instanceof Error ? link.message : "";
    const os = /\(os error (\d+)\)|\bcode: (\d+), kind:/.exec(text);
    const number = os ? Number(os[1] ?? os[2]) : undefined;
    const mapped = number === undefined ? undefined : OS_ERRORS[number];
    if (mapped && BY_CODE[mapped]) return BY_CODE[mapped](undefined);
  }
  return undefined;
}

/** The message a failed stage prints: the system's reason in Danish, else the error's own message. */
export function describeFailure(error: unknown): string {
  return systemReason(error) ?? (error instanceof Error ? error.message : String(error));
}
