// The problems of the last update, shown in the browser while `referat serve` runs
// (client/fejl.js draws them over the page). The lines are exactly those the terminal printed
// (`path:line:col: field: message` and the count), nothing more. This module keeps them, serves
// the client, its stylesheet and the current state under /.referat/, adds the client to every
// served HTML page (never to the built files), and pushes each new state to open pages over the
// dev server's live-reload WebSocket.
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";

/** Where the client's files and state are served; outside any path prefix, like the dev server's own /.11ty/. */
export const OVERLAY_PATH = "/.referat/";

/** What the pages are told. `lines`: one problem each; `count`: the closing count line. */
export interface OverlayState {
  type: "referat.problems";
  lines: string[];
  count: string;
}

const CLIENT_DIR = fileURLToPath(new URL("./client/", import.meta.url));

/** The tags added before `</head>` of a served page. */
export const OVERLAY_TAGS = `<link rel="stylesheet" href="${OVERLAY_PATH}fejl.css"><script type="module" src="${OVERLAY_PATH}fejl.js"></script>`;

/** Adds the overlay's client to an HTML page (or leaves a page without `</head>` as it is). */
export function injectOverlay(html: string): string {
  const at = html.indexOf("</head>");
  return at === -1 ? html : `${html.slice(0, at)}${OVERLAY_TAGS}${html.slice(at)}`;
}

/**
 * Splits what the terminal printed for a failed update into problem lines and the count line
 * ("2 fejl fundet i 1 fil."): the last line is the count when it reads like one.
 */
export function overlayState(printed: readonly string[]): OverlayState {
  const lines = [...printed];
  const last = lines[lines.length - 1];
  const count = last !== undefined && /^\d+ fejl fundet i \d+ fil(er)?\.$/.test(last) ? (lines.pop() as string) : "";
  return { type: "referat.problems", lines, count };
}

type Next = () => unknown;

/** The part of the dev server the overlay needs. */
export interface Broadcaster {
  sendUpdateNotification(message: unknown): void;
}

/** The current problems, the middleware that serves them, and the push to open pages. */
export class Overlay {
  private state: OverlayState = overlayState([]);
  private broadcaster: Broadcaster | undefined;
  private readonly files: Record<string, { type: string; body: Buffer }>;

  constructor() {
    this.files = {
      "fejl.js": { type: "text/javascript; charset=utf-8", body: readFileSync(`${CLIENT_DIR}fejl.js`) },
      "fejl.css": { type: "text/css; charset=utf-8", body: readFileSync(`${CLIENT_DIR}fejl.css`) },
    };
  }

  /** Open pages are told of each new state through this (the dev server, once it listens). */
  connect(broadcaster: Broadcaster): void {
    this.broadcaster = broadcaster;
  }

  /** The lines of the last update: empty when it succeeded. */
  get lines(): readonly string[] {
    return this.state.lines;
  }

  /** Sets the problems (what the terminal printed; empty: all is well) and tells the open pages. */
  set(printed: readonly string[]): void {
    const next = overlayState(printed);
    if (JSON.stringify(next) === JSON.stringify(this.state)) return;
    this.state = next;
    this.broadcaster?.sendUpdateNotification(this.state);
  }

  /** Dev-server middleware: serves /.referat/ and adds the client to navigations to HTML pages. */
  readonly middleware = (req: IncomingMessage, res: ServerResponse, next: Next): unknown => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    if (path.startsWith(OVERLAY_PATH)) {
      const name = path.slice(OVERLAY_PATH.length);
      const file = this.files[name];
      const body = name === "fejl.json" ? Buffer.from(JSON.stringify(this.state)) : file?.body;
      res.statusCode = body ? 200 : 404;
      res.setHeader("Content-Type", name === "fejl.json" ? "application/json; charset=utf-8" : (file?.type ?? "text/plain; charset=utf-8"));
      res.setHeader("Cache-Control", "no-store");
      res.end(body ?? "Ikke fundet\n");
      return undefined;
    }
    // The dev server's response wrapper turns an HTML body into a page with its reload client
    // (eleventy-dev-server's wrapResponse: `_wrappedTransformHtml`); ours goes in first. A fetch
    // (sec-fetch-mode other than navigate) is left alone, as the dev server leaves it.
    const mode = req.headers["sec-fetch-mode"];
    const wrapped = res as ServerResponse & { _wrappedTransformHtml?: (html: string) => string };
    const transform = wrapped._wrappedTransformHtml;
    if ((!mode || mode === "navigate") && typeof transform === "function") {
      wrapped._wrappedTransformHtml = (html: string) => transform(injectOverlay(html));
    }
    return next();
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The page served instead of the archive while there is none to show: the first build is still
 * running, or it failed and no earlier site exists. Lists the problems, if any; the dev server
 * adds its reload client, so the page is replaced by the archive as soon as it is built.
 */
export function waitingPage(lines: readonly string[]): string {
  const state = overlayState(lines);
  const body =
    state.lines.length === 0
      ? "<h1>Arkivet bygges</h1><p>Siden vises af sig selv, når arkivet er bygget.</p>"
      : "<h1>Arkivet kan ikke vises: der er fejl i indholdet</h1>" +
        "<p>Ret fejlene herunder og gem filen. Siden vises af sig selv, når alt er i orden.</p>" +
        `<ul>${state.lines.map((line) => `<li>${escapeHtml(line)}</li>`).join("")}</ul>` +
        (state.count ? `<p>${escapeHtml(state.count)}</p>` : "");
  return `<!doctype html><html lang="da"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Referatarkiv – forhåndsvisning</title></head><body><main>${body}</main></body></html>`;
}
