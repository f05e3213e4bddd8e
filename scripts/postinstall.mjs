// `npm install`'s postinstall: prepares what the build derives from the installed files alone, so
// that the first build does not: the worker threads' compiled code (src/workers/compiled.mjs) and
// the Danish lexicon for compound splitting (loadDanishLexicon in src/search/compounds.ts). Never
// fails the install: whatever cannot be prepared here, the first run makes (or does without).
import { prepareWorkerCode } from "../src/workers/compiled.mjs";

try {
  await prepareWorkerCode();
  const { register } = await import("tsx/esm/api");
  register();
  const { loadDanishLexicon } = await import("../src/search/compounds.ts");
  await loadDanishLexicon();
} catch {
  // See above.
}
