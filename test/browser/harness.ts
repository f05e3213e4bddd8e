// Shared harness for the browser tests: a static file server on 127.0.0.1 that counts the bytes it
// sends (Pagefind fetches from a Web Worker, which page-level network events miss), and Debian's
// Chromium driven by playwright-core. Nothing here touches the network beyond 127.0.0.1.
import { readFile, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { gzipSync } from "node:zlib";
import { AxeBuilder } from "@axe-core/playwright";
import { chromium, type Browser, type Page } from "playwright-core";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".xml": "application/atom+xml; charset=utf-8",
  ".ics": "text/calendar; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".webp": "image/webp",
  ".pdf": "application/pdf",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
  // Pagefind's own files: already gzip-compressed binary chunks.
  ".pagefind": "application/wasm",
  ".pf_meta": "application/octet-stream",
  ".pf_index": "application/octet-stream",
  ".pf_fragment": "application/octet-stream",
  ".pf_filter": "application/octet-stream",
};

/** What the server sent for one request. */
export interface ServedRequest {
  path: string;
  status: number;
  /** Body bytes as sent on the wire (after gzip when the server compressed). */
  bytes: number;
  /** Body bytes before compression. */
  rawBytes: number;
}

export interface StaticServerOptions {
  /** Gzip text responses when the client accepts it, as a typical host does. */
  gzip?: boolean;
  /** Answer with `Access-Control-Allow-Origin: *`, so another site may merge this site's index. */
  cors?: boolean;
  /** Fixed port (default: a free one). */
  port?: number;
  /** The page for a missing address, relative to the root (default "404.html"; "referater/404.html" for a prefixed site). */
  notFound?: string;
  /** Extra headers for the response to a path (e.g. the hosting headers of src/hosting/headers.ts); they replace the defaults. */
  headers?: (path: string) => Record<string, string>;
}

export interface StaticServer {
  /** e.g. `http://127.0.0.1:41234/` */
  url: string;
  port: number;
  requests: ServedRequest[];
  /** Bytes sent since the last reset, on the wire and before compression. */
  bytes(): { sent: number; raw: number };
  reset(): void;
  close(): Promise<void>;
}

function isCompressible(type: string): boolean {
  return /^(text\/|application\/(json|atom\+xml|javascript))|image\/svg/.test(type);
}

/** Serves `root` on 127.0.0.1 with the right content types; a missing file gets the 404 page with status 404. */
export async function startStaticServer(root: string, options: StaticServerOptions = {}): Promise<StaticServer> {
  const requests: ServedRequest[] = [];

  async function resolveFile(urlPath: string): Promise<string | undefined> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    const path = normalize(join(root, decoded));
    if (path !== root && !path.startsWith(root.endsWith(sep) ? root : root + sep)) return undefined;
    for (const candidate of [path, join(path, "index.html")]) {
      try {
        if ((await stat(candidate)).isFile()) return candidate;
      } catch {
        // try the next candidate
      }
    }
    return undefined;
  }

  async function send(req: IncomingMessage, res: ServerResponse, file: string, status: number): Promise<void> {
    const type = CONTENT_TYPES[extname(file).toLowerCase()] ?? "application/octet-stream";
    const body = await readFile(file);
    const headers: Record<string, string> = { "content-type": type, "cache-control": "no-store" };
    if (options.headers) {
      for (const [name, value] of Object.entries(options.headers(new URL(req.url ?? "/", "http://127.0.0.1").pathname))) headers[name.toLowerCase()] = value;
    }
    if (options.cors) headers["access-control-allow-origin"] = "*";
    let out: Buffer = body;
    if (options.gzip && isCompressible(type) && /\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
      out = gzipSync(body, { level: 6 });
      headers["content-encoding"] = "gzip";
    }
    headers["content-length"] = String(out.length);
    res.writeHead(status, headers);
    res.end(req.method === "HEAD" ? undefined : out);
    requests.push({ path: req.url ?? "", status, bytes: out.length, rawBytes: body.length });
  }

  const server = createServer((req, res) => {
    const urlPath = new URL(req.url ?? "/", "http://127.0.0.1").pathname;
    void (async () => {
      const file = await resolveFile(urlPath);
      if (file) {
        // A folder without a trailing slash: redirect, as static hosts do, so relative links work.
        if (file.endsWith(`${sep}index.html`) && !urlPath.endsWith("/") && !urlPath.endsWith("index.html")) {
          res.writeHead(301, { location: `${urlPath}/` });
          res.end();
          return;
        }
        await send(req, res, file, 200);
        return;
      }
      const notFound = join(root, options.notFound ?? "404.html");
      try {
        await send(req, res, notFound, 404);
      } catch {
        res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
        res.end("Not found");
        requests.push({ path: req.url ?? "", status: 404, bytes: 9, rawBytes: 9 });
      }
    })().catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    port,
    requests,
    bytes() {
      return requests.reduce((sum, r) => ({ sent: sum.sent + r.bytes, raw: sum.raw + r.rawBytes }), { sent: 0, raw: 0 });
    },
    reset() {
      requests.length = 0;
    },
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** Flags for Debian's Chromium: headless, sandbox-free (containers), and silent on the network. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Launches `/usr/bin/chromium` (never a downloaded browser). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: "/usr/bin/chromium", args: CHROMIUM_ARGS, headless: true });
}

let registerTsx: unknown;

/** Builds `contentDir` into `outDir` with the real pipeline; throws with the problems if it fails. */
export async function buildTestSite(options: {
  contentDir: string;
  outDir: string;
  kommune?: string;
  pathPrefix?: string;
  searchPartSize?: number;
}): Promise<void> {
  // Eleventy imports the .11ty.tsx templates itself: tsx must handle that import, as bin/referat.js does.
  registerTsx ??= (await import("tsx/esm/api")).register();
  const { buildSite } = await import("../../src/build/pipeline.ts");
  const result = await buildSite(options);
  if (!result.ok) {
    throw new Error(`build failed:\n${result.problems.map((p) => `${p.file}:${p.line}:${p.col}: ${p.field}: ${p.message}`).join("\n")}`);
  }
}

/** Types a search into the search page's field, submits it with Enter, and waits for the announcement. */
export async function searchFor(page: import("playwright-core").Page, query: string): Promise<string> {
  await page.waitForSelector("[data-search][data-ready]");
  const field = page.locator("#soeg-q");
  await field.fill(query);
  await field.press("Enter");
  const status = page.locator("[data-status]");
  await page.waitForFunction((q) => (document.querySelector("[data-status]")?.textContent ?? "").includes(`»${q}«`), query);
  return (await status.textContent()) ?? "";
}

/** The results on the search page: each result's address and the addresses of its item hits. */
export async function resultLinks(page: import("playwright-core").Page): Promise<{ url: string; items: string[] }[]> {
  return page.$$eval(".search-result", (results) =>
    results.map((result) => ({
      url: result.querySelector("h2 a")?.getAttribute("href") ?? "",
      items: [...result.querySelectorAll(".search-result-items a")].map((a) => a.getAttribute("href") ?? ""),
    })),
  );
}

/** The WCAG levels every page must meet (the Danish web-accessibility law: WCAG 2.1 AA). */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** What axe-core finds on the page against WCAG 2.0/2.1 A and AA, one line per rule: id, help, where. */
export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`);
}
