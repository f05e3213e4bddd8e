#!/usr/bin/env node
// The `referat` command: registers tsx so the TypeScript sources run as they are, then hands over.
// Meanwhile the worker threads' code is found, or compiled once for these sources
// (src/workers/compiled.mjs), so that a worker started later loads plain JavaScript.
import { register } from "tsx/esm/api";
import { prepareWorkerCode } from "../src/workers/compiled.mjs";

void prepareWorkerCode();
register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
