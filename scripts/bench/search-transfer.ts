// What a first search costs a citizen's browser: serve a built site on 127.0.0.1 with a small
// node:http server that counts every byte it sends (gzip for text, as a static host serves it;
// Pagefind's own files are already compressed and go out as they are), open `/soeg/?q=<word>` in
// Chromium (playwright-core, Debian's /usr/bin/chromium), and count everything the server sent from
// page load until the results are shown, Web Worker and WebAssembly fetches included.
import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { CHROMIUM_ARGS } from "../../test/browser/harness.ts";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".xml": "application/xml; charset=utf-8",
  ".ics": "text/calendar; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  ".png": "image/png",
  ".woff2": "font/woff2",
  ".pdf": "application/pdf",
};
const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".ics", ".txt", ".wasm"]);

export interface Request {
  path: string;
  status: number;
  /** Bytes of the file (what an uncompressed host sends). */
  raw: number;
  /** Bytes actually sent (gzip when the browser accepts it and the type is compressible). */
  sent: number;
  atMs: number;
}

export interface CountingServer {
  url: string;
  requests: Request[];
  reset(): void;
  close(): Promise<void>;
}

export interface ServeCountingOptions {
  /**
   * Answer every request with `Access-Control-Allow-Origin: *` (and preflights with 204), as the
   * host of a site whose index a portal on another origin merges must (docs/search.md).
   */
  cors?: boolean;
}

/** Serves `root` on 127.0.0.1 (a free port). `/x/` serves `/x/index.html`. */
export async function serveCounting(root: string, options: ServeCountingOptions = {}): Promise<CountingServer> {
  const requests: Request[] = [];
  let t0 = performance.now();
  const gzCache = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    if (options.cors) {
      res.setHeader("access-control-allow-origin", "*");
      if (req.method === "OPTIONS") {
        res.writeHead(204, { "access-control-allow-methods": "GET, HEAD", "access-control-allow-headers": "*", "access-control-max-age": "600" }).end();
        return;
      }
    }
    const url = new URL(req.url ?? "/", "http://localhost");
    let path = decodeURIComponent(url.pathname);
    const file0 = normalize(join(root, path));
    if (!file0.startsWith(normalize(root + sep)) && file0 !== normalize(root)) {
      res.writeHead(403).end();
      return;
    }
    let file = file0;
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!path.endsWith("/")) {
        res.writeHead(301, { location: `${path}/${url.search}` }).end();
        requests.push({ path, status: 301, raw: 0, sent: 0, atMs: performance.now() - t0 });
        return;
      }
      file = join(file, "index.html");
      path += "index.html";
    }
    if (!existsSync(file)) {
      const body = "Not found";
      res.writeHead(404, { "content-type": "text/plain" }).end(body);
      requests.push({ path, status: 404, raw: body.length, sent: body.length, atMs: performance.now() - t0 });
      return;
    }
    const ext = extname(file).toLowerCase();
    const type = TYPES[ext] ?? "application/octet-stream";
    const size = statSync(file).size;
    const gzip = COMPRESSIBLE.has(ext) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""));
    if (gzip) {
      let body = gzCache.get(file);
      if (!body) {
        body = gzipSync(readFileSync(file), { level: 6 });
        gzCache.set(file, body);
      }
      res.writeHead(200, { "content-type": type, "content-encoding": "gzip", "content-length": body.length, "cache-control": "no-store" });
      res.end(body);
      requests.push({ path, status: 200, raw: size, sent: body.length, atMs: performance.now() - t0 });
    } else {
      res.writeHead(200, { "content-type": type, "content-length": size, "cache-control": "no-store" });
      createReadStream(file).pipe(res);
      requests.push({ path, status: 200, raw: size, sent: size, atMs: performance.now() - t0 });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    reset() {
      requests.length = 0;
      t0 = performance.now();
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

// The flags of the browser tests (test/browser/harness.ts): one list for every Chromium this project starts.
export { CHROMIUM_ARGS };

/** Selectors that mark a shown search result, in our UI, Pagefind's default UI or the baseline page. */
const RESULT_SELECTORS = [
  "[data-search-done]",
  ".pagefind-ui__result",
  ".search-result",
  "[data-pagefind-result]",
  ".soeg-resultat",
  ".resultat",
  "#resultater li",
  "[data-result]",
].join(", ");

export interface SearchTransfer {
  url: string;
  query: string;
  /** Everything sent until the results were shown. */
  requests: number;
  rawBytes: number;
  sentBytes: number;
  /** … and after the network had been quiet for `settleMs` (late fetches, e.g. more fragments). */
  settledRequests: number;
  settledRawBytes: number;
  settledSentBytes: number;
  msToResults: number;
  resultsShown: boolean;
  /** Bytes sent per kind of file (settled): html, js, css, pagefind-index, pagefind-fragment, wasm, other. */
  byKind: Record<string, { requests: number; raw: number; sent: number }>;
  paths: string[];
}

function kindOf(path: string): string {
  if (path.includes(".pf_fragment")) return "pagefind-fragment";
  if (path.includes(".pf_index")) return "pagefind-index";
  if (path.includes(".pf_meta") || path.endsWith("pagefind-entry.json")) return "pagefind-meta";
  if (path.includes("wasm")) return "pagefind-wasm";
  if (path.includes(".pf_filter")) return "pagefind-filter";
  const ext = extname(path);
  if (ext === ".js" || ext === ".mjs") return "js";
  if (ext === ".css") return "css";
  if (ext === ".html") return "html";
  return "other";
}

/**
 * Opens `<server>/<pagePath>?q=<query>` in a fresh Chromium context and counts what the server sent.
 * Results count as shown when a result element appears, or failing that, when a Pagefind fragment has
 * been fetched and the network has gone quiet.
 */
export async function measureFirstSearch(
  siteDir: string,
  pagePath: string,
  query: string,
  options: { settleMs?: number; timeoutMs?: number } = {},
): Promise<SearchTransfer> {
  const { chromium } = await import("playwright-core");
  const server = await serveCounting(siteDir);
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS });
  const settleMs = options.settleMs ?? 750;
  const timeoutMs = options.timeoutMs ?? 60_000;
  try {
    const context = await browser.newContext({ serviceWorkers: "block" });
    const page = await context.newPage();
    const url = `${server.url}${pagePath}?q=${encodeURIComponent(query)}`;
    server.reset();
    const t0 = performance.now();
    await page.goto(url, { waitUntil: "domcontentloaded" });
    let resultsShown = false;
    const deadline = t0 + timeoutMs;
    // Wait for a result element, or a fragment fetch followed by quiet.
    while (performance.now() < deadline) {
      if (await page.$(RESULT_SELECTORS)) {
        resultsShown = true;
        break;
      }
      const sawFragment = server.requests.some((r) => r.path.includes(".pf_fragment"));
      const last = server.requests.at(-1)?.atMs ?? 0;
      if (sawFragment && performance.now() - t0 - last > settleMs) break;
      await page.waitForTimeout(25);
    }
    const msToResults = performance.now() - t0;
    const atResults = server.requests.slice();
    // Settle: no request for settleMs.
    for (;;) {
      const last = server.requests.at(-1)?.atMs ?? 0;
      if (performance.now() - t0 - last > settleMs || performance.now() > deadline) break;
      await page.waitForTimeout(50);
    }
    const settled = server.requests.slice();
    await context.close();
    const byKind: SearchTransfer["byKind"] = {};
    for (const r of settled) {
      const k = (byKind[kindOf(r.path)] ??= { requests: 0, raw: 0, sent: 0 });
      k.requests++;
      k.raw += r.raw;
      k.sent += r.sent;
    }
    const sum = (list: Request[], key: "raw" | "sent") => list.reduce((a, r) => a + r[key], 0);
    return {
      url: pagePath,
      query,
      requests: atResults.length,
      rawBytes: sum(atResults, "raw"),
      sentBytes: sum(atResults, "sent"),
      settledRequests: settled.length,
      settledRawBytes: sum(settled, "raw"),
      settledSentBytes: sum(settled, "sent"),
      msToResults,
      resultsShown,
      byKind,
      paths: settled.map((r) => `${r.status} ${r.sent} ${r.path}`),
    };
  } finally {
    await browser.close();
    await server.close();
  }
}
