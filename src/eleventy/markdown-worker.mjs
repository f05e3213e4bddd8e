// Entry of a Markdown worker thread (src/eleventy/item-html.ts). Plain JavaScript, so the thread
// can start under any runner; it loads the worker's compiled code, or its TypeScript through tsx
// where that cannot be made (src/workers/compiled.mjs).
import { loadWorkerModule } from "../workers/compiled.mjs";

await loadWorkerModule("markdown-worker");
