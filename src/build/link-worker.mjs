// Entry of a link-check worker thread (src/trust/links.ts). Plain JavaScript, so the thread can
// start under any runner; it registers tsx and runs the TypeScript worker itself.
import { register } from "tsx/esm/api";

register();
const { linkCheckWorkerMain } = await import("../trust/links.ts");
linkCheckWorkerMain();
