// The entry of a thread of the worker pool (src/workers/pool.ts): one exported function per kind
// of request. Plain JavaScript, so that it starts under any runner (the CLI, vitest, node --import
// tsx): it loads the compiled worker code, or its TypeScript through tsx where that cannot be made
// (src/workers/compiled.mjs). Loaded at the first request rather than as the thread starts, so that
// code that fails to load fails that request (and the caller does the work itself) instead of the
// thread's start, which the pool would wait on for ever.
import { loadWorkerModule } from "./compiled.mjs";

/** @type {Promise<any> | undefined} */
let content;
/** @type {Promise<any> | undefined} */
let markdownModule;
/** @type {Promise<any> | undefined} */
let links;

/** The loader: a batch of meeting files (src/content/worker.ts). @param {unknown} request */
export async function load(request) {
  content ??= loadWorkerModule("content-worker");
  return (await content).load(request);
}

/** The CPR guard: an attachment's text, scanned (src/content/worker.ts). @param {unknown} request */
export async function extract(request) {
  content ??= loadWorkerModule("content-worker");
  return (await content).extract(request);
}

/** The render stage: a batch of meetings' Markdown (src/eleventy/markdown-worker.ts). @param {unknown} request */
export async function markdown(request) {
  markdownModule ??= loadWorkerModule("markdown-worker");
  return (await markdownModule).render(request);
}

/** The link check: pages without a record, read and checked (src/trust/links/check-pages.ts). @param {{ setup: unknown }} request */
export async function linkPages(request) {
  links ??= loadWorkerModule("link-worker");
  return (await links).checkPages(request.setup);
}
