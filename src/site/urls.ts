// Addresses of the site (docs/format.md, "Addresses": a contract, people link to them).
// Every address here is site-relative and without the path prefix; `withPrefix` adds it at the
// moment a link is printed, so pages can be hosted under any sub-path.
import type { Attachment, Kommune, Meeting } from "../minutes/model.ts";

/** Normalises a path prefix to a leading and trailing slash: "referater" → "/referater/", "" → "/". */
export function normalisePathPrefix(prefix?: string): string {
  const parts = (prefix ?? "").split("/").filter((part) => part !== "" && part !== ".");
  return parts.length === 0 ? "/" : `/${parts.join("/")}/`;
}

/** Puts a site-relative address (starting with "/") under the prefix: ("/referater/", "/a/") → "/referater/a/". */
export function withPrefix(pathPrefix: string, address: string): string {
  if (!address.startsWith("/")) return address;
  return pathPrefix + address.slice(1);
}

/** Where the search page finds its configuration (which search indexes to load), relative to the site root. */
export const SEARCH_CONFIG_PATH = "soeg/indexes.json";

/** "/" */
export function portalUrl(): string {
  return "/";
}

/** "/gladsaxe/" */
export function kommuneUrl(kommune: string): string {
  return `/${kommune}/`;
}

/** "/gladsaxe/udsatteraadet/" */
export function councilUrl(kommune: string, raad: string): string {
  return `/${kommune}/${raad}/`;
}

/** "/gladsaxe/udsatteraadet/2023/" */
export function yearUrl(kommune: string, raad: string, year: string): string {
  return `/${kommune}/${raad}/${year}/`;
}

/** "/gladsaxe/udsatteraadet/2023-09-06/" */
export function meetingUrl(meeting: Pick<Meeting, "kommune" | "raad" | "slug">): string {
  return `/${meeting.kommune}/${meeting.raad}/${meeting.slug}/`;
}

/** "#punkt-3", the anchor of an item on its meeting page. */
export function itemAnchor(number: number): string {
  return `punkt-${number}`;
}

/** "/gladsaxe/udsatteraadet/2023-09-06/bilag.pdf": attachments lie beside the meeting page. */
export function attachmentUrl(meeting: Pick<Meeting, "kommune" | "raad" | "slug">, attachment: Pick<Attachment, "file">): string {
  return `${meetingUrl(meeting)}${encodeURIComponent(attachment.file)}`;
}

/** Output path (relative to the site folder, forward slashes) of an attachment. */
export function attachmentOutputPath(meeting: Pick<Meeting, "kommune" | "raad" | "slug">, attachment: Pick<Attachment, "file">): string {
  return `${meeting.kommune}/${meeting.raad}/${meeting.slug}/${attachment.file}`;
}

/** "/gladsaxe/logo.svg", or undefined when the municipality has no logo. */
export function logoUrl(kommune: Pick<Kommune, "slug" | "look">): string | undefined {
  return kommune.look.logo ? `/${kommune.slug}/${encodeURIComponent(kommune.look.logo)}` : undefined;
}

/** Output path (relative to the site folder) of a municipality's logo. */
export function logoOutputPath(kommune: Pick<Kommune, "slug" | "look">): string | undefined {
  return kommune.look.logo ? `${kommune.slug}/${kommune.look.logo}` : undefined;
}

/**
 * "/soeg/": the search page (the search work renders it); "/soeg/gladsaxe/": one municipality's
 * search page, on a site of several (templates/soeg-kommune.11ty.tsx).
 */
export function searchUrl(kommuneSlug?: string): string {
  return kommuneSlug ? `/soeg/${kommuneSlug}/` : "/soeg/";
}

/** "/assets/style.css" and the like: files copied from templates/assets/. */
export function assetUrl(file: string): string {
  return `/assets/${file}`;
}

/** The output file of an address: "/a/b/" → "a/b/index.html". */
export function outputPathOf(address: string): string {
  return `${address.replace(/^\//, "")}index.html`;
}
