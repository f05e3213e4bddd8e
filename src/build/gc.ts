// A full garbage collection at a point where the build knows that most of its heap has just
// become garbage: after the pages are written, the site data (page models, indexes) and the
// items' Markdown are gone, but V8 collects the old generation only when the heap has grown well
// past what survived the last full collection (about 2.4 times, for this build: once, at the end
// of loading). Until then the dead pages stay in memory, and at 50,000 meetings they sat beside
// Pagefind's process during the whole search stage. Collecting once there, and letting V8 give
// the pages back, keeps the Node process's memory where the live data is.
//
// Node exposes `gc` only with --expose-gc; setting the flag at run time and reading `gc` from a
// fresh context is V8's documented way to get it without restarting the process. Where that is
// not possible (a runtime without V8 flags), nothing happens and the build goes on as before.
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | undefined | null = null;

/** Runs a full garbage collection (and compaction) now, if the runtime allows it. */
export function collectGarbage(): void {
  if (collect === null) {
    try {
      setFlagsFromString("--expose-gc");
      const gc = runInNewContext("gc") as unknown;
      collect = typeof gc === "function" ? (gc as () => void) : undefined;
    } catch {
      collect = undefined;
    }
  }
  collect?.();
}
