// Entry of a link-check worker thread (src/trust/links.ts). Plain JavaScript, so the thread can
// start under any runner; it loads the link check's compiled code, or its TypeScript through tsx
// where that cannot be made (src/workers/compiled.mjs), and runs the worker.
import { loadWorkerModule } from "../workers/compiled.mjs";

const { linkCheckWorkerMain } = /** @type {{ linkCheckWorkerMain: () => void }} */ (await loadWorkerModule("link-worker"));
linkCheckWorkerMain();
