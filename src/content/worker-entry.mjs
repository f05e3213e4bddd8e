// Entry of a loader worker thread (src/content/pool.ts). Plain JavaScript, so that it starts under
// any runner (the CLI, vitest, node --import tsx): it registers tsx for this thread, then loads the
// TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
