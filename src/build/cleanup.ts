// What a build leaves behind when it is stopped: its temporary folders (the site being rendered
// beside the output folder) and the processes it started (Pagefind). Every temporary folder and
// child process is registered here while it lives; on SIGINT or SIGTERM `referat build` removes
// the folders, ends the processes and exits 130 or 143 (src/cli/build.ts). Folders a build killed
// harder (SIGKILL, a power cut) left are removed by the next successful build (src/build/swap.ts).
import type { ChildProcess } from "node:child_process";
import { rmSync } from "node:fs";

const folders = new Set<string>();
const children = new Set<ChildProcess>();

/** Registers a temporary folder until `release`; removed on a signal. */
export function trackFolder(folder: string): () => void {
  folders.add(folder);
  return () => folders.delete(folder);
}

/** Registers a child process until it exits; ended on a signal. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once("exit", () => children.delete(child));
  child.once("error", () => children.delete(child));
}

/** Ends the registered child processes and removes the registered folders, synchronously. */
export function removeTemporaryFoldersSync(): void {
  for (const child of children) {
    try {
      child.kill("SIGKILL");
    } catch {
      // Already gone.
    }
  }
  children.clear();
  for (const folder of folders) {
    try {
      rmSync(folder, { recursive: true, force: true, maxRetries: 3 });
    } catch {
      // The next build removes what is left.
    }
  }
  folders.clear();
}

const EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

/**
 * On SIGINT or SIGTERM: end the build's processes, remove its temporary folders, say so, and exit
 * with 128 + the signal's number (130, 143), as a shell does for a process a signal ended.
 */
export function cleanUpOnSignals(say: (line: string) => void): () => void {
  const handlers = (Object.keys(EXIT_CODES) as (keyof typeof EXIT_CODES)[]).map((signal) => {
    const handler = () => {
      removeTemporaryFoldersSync();
      say("Bygningen blev afbrudt; intet er ændret, og de midlertidige mapper er fjernet.\n");
      process.exit(EXIT_CODES[signal]);
    };
    process.once(signal, handler);
    return () => process.off(signal, handler);
  });
  return () => handlers.forEach((off) => off());
}
