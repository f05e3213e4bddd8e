// Entry of a Markdown worker thread (src/eleventy/item-html.ts). Plain JavaScript, so the thread
// can start under any runner; it registers tsx and loads the TypeScript worker itself.
import { register } from "tsx/esm/api";

register();
await import("./markdown-worker.ts");
