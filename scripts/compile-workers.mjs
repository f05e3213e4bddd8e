// `npm install`'s postinstall: compiles the worker threads' code for the installed sources
// (src/workers/compiled.mjs), so that the first build does not. Never fails the install: where the
// code cannot be compiled, the first run tries again, and the workers fall back to tsx.
import { prepareWorkerCode } from "../src/workers/compiled.mjs";

try {
  await prepareWorkerCode();
} catch {
  // See above.
}
