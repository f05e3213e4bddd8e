#!/usr/bin/env node
// The `referat` command. Runs the command line compiled once for these sources, in plain JavaScript
// (src/workers/compiled.mjs: bundled with esbuild into node_modules/.cache/referatarkiv-code/<hash>/,
// made on first use), or, where that cannot be made or REFERAT_WORKER_CODE=off, the TypeScript
// sources through tsx. The worker threads' code is in the same folder.
import { loadCli } from "../src/workers/compiled.mjs";

const { main } = await loadCli();
process.exitCode = await main(process.argv.slice(2));
