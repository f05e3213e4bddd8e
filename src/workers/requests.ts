// The requests the pool's threads answer beside the loader's and the CPR guard's
// (src/content/worker.ts): plain data, structured-cloned, each named by the function of
// src/workers/entry.mjs that answers it.
import type { CheckerSetup } from "../trust/links/check-pages.ts";
import type { BuildData } from "./build-data.ts";

/** What a Markdown request's meetings resolve their links against: the same for every request of a build. */
export interface MarkdownBuildData {
  pathPrefix: string;
  /** [content path, address] of every meeting: what links between meetings resolve against. */
  targets: [string, string][];
}

/** A batch of meetings to render the Markdown of (src/eleventy/item-html.ts): [content path, the open items' Markdown]. */
export interface MarkdownRequest {
  kind: "markdown";
  build: BuildData;
  meetings: [string, string[]][];
}

/** The HTML of each meeting's open items, and what each meeting's links resolved to ([href, address or null]). */
export interface MarkdownReply {
  html: string[][];
  links: [string, string | null][][];
}

/** Pages to read for the link check, shared with the thread that asked (src/trust/links.ts). */
export interface LinkPagesRequest {
  kind: "linkPages";
  setup: CheckerSetup;
}

export type PoolRequest = MarkdownRequest | LinkPagesRequest;
