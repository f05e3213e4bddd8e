// Entry of a loader worker thread (src/content/pool.ts). Plain JavaScript, so that it starts under
// any runner (the CLI, vitest, node --import tsx): it loads the worker's compiled code, or its
// TypeScript through tsx where that cannot be made (src/workers/compiled.mjs).
import { loadWorkerModule } from "../workers/compiled.mjs";

await loadWorkerModule("content-worker");
