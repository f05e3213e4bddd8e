// Addresses of the open-data files (a contract like the pages' addresses: people subscribe to
// them and scripts download them), and how an address becomes absolute for feeds, calendars,
// sitemaps and canonical links.
import type { Meeting } from "../minutes/model.ts";
import { meetingUrl, withPrefix } from "../site/urls.ts";

/** "/schema/meeting.json": the JSON Schema of referat.json. */
export const SCHEMA_URL = "/schema/meeting.json";

/** "/gladsaxe/udsatteraadet/2023-09-06/referat.json". */
export function recordUrl(meeting: Pick<Meeting, "kommune" | "raad" | "slug">): string {
  return `${meetingUrl(meeting)}referat.json`;
}

/** The folder of a site's or a municipality's own files: "/" or "/gladsaxe/" (and "/gladsaxe/udsatteraadet/"). */
function folderOf(kommune?: string, raad?: string): string {
  if (kommune && raad) return `/${kommune}/${raad}/`;
  if (kommune) return `/${kommune}/`;
  return "/";
}

/** "/feed.xml", "/gladsaxe/feed.xml", "/gladsaxe/udsatteraadet/feed.xml": Atom feeds. */
export function feedUrl(kommune?: string, raad?: string): string {
  return `${folderOf(kommune, raad)}feed.xml`;
}

/** "/gladsaxe/kalender.ics", "/gladsaxe/udsatteraadet/kalender.ics": iCalendar files. */
export function calendarUrl(kommune: string, raad?: string): string {
  return `${folderOf(kommune, raad)}kalender.ics`;
}

/** The export files, per municipality and for the whole site. */
export const EXPORT_FILES = {
  /** Every meeting's referat.json, one per line. */
  meetingsNdjson: "moeder.ndjson",
  /** One row per meeting. */
  meetingsCsv: "moeder.csv",
  /** One row per item. */
  itemsCsv: "punkter.csv",
} as const;
export type ExportFile = keyof typeof EXPORT_FILES;

/** "/data/moeder.ndjson", "/gladsaxe/data/punkter.csv". */
export function exportUrl(file: ExportFile, kommune?: string): string {
  return `${folderOf(kommune)}data/${EXPORT_FILES[file]}`;
}

/** "/sitemap.xml" (the index of a portal, or a one-municipality site's map), "/gladsaxe/sitemap.xml". */
export function sitemapUrl(kommune?: string): string {
  return `${folderOf(kommune)}sitemap.xml`;
}

/** "/robots.txt". */
export const ROBOTS_URL = "/robots.txt";

/**
 * Names the open data takes inside a municipality's or council's folder, and at the top of the
 * site: a council or municipality slug must not be one of them (the loader's reserved names).
 */
export const DATA_NAMES = ["feed.xml", "kalender.ics", "data", "sitemap.xml", "referat.json", "schema", "robots.txt"] as const;

/** How addresses are printed in data files: with the path prefix, and absolute when the site has a base URL. */
export interface DataLinks {
  pathPrefix: string;
  /** The origin the site is served from (`https://referater.gladsaxe.dk`), if known. */
  origin?: string;
  /** An address with the path prefix, absolute when the origin is known. */
  absolute(address: string): string;
}

export function createDataLinks(pathPrefix: string, baseUrl?: string): DataLinks {
  const origin = baseUrl ? new URL(baseUrl).origin : undefined;
  return {
    pathPrefix,
    ...(origin ? { origin } : {}),
    absolute(address: string) {
      const prefixed = withPrefix(pathPrefix, address);
      return origin && prefixed.startsWith("/") ? `${origin}${prefixed}` : prefixed;
    },
  };
}

/**
 * Reads `--base-url`: an http(s) address of the site's root. Its path, if any, is the path
 * prefix; a different `--path-prefix` beside it is an error. Returns the origin and the prefix.
 */
export function parseBaseUrl(value: string, pathPrefix?: string): { ok: true; origin: string; pathPrefix?: string } | { ok: false; message: string } {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return { ok: false, message: `skal være en webadresse som https://referater.eksempelby.dk/, men er "${value}"` };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, message: `skal begynde med https://, men er "${value}"` };
  }
  if (url.search || url.hash || url.username || url.password) {
    return { ok: false, message: `skal være sitets adresse uden ?, # eller brugernavn, men er "${value}"` };
  }
  const path = url.pathname.replace(/\/+$/, "") + "/";
  const normalised = (p: string) => `/${p.split("/").filter(Boolean).join("/")}/`.replace(/^\/\/$/, "/");
  if (pathPrefix !== undefined && path !== "/" && normalised(pathPrefix) !== normalised(path)) {
    return { ok: false, message: `siger stien ${path}, men --path-prefix siger ${normalised(pathPrefix)}; udelad --path-prefix, eller gør dem ens` };
  }
  return { ok: true, origin: url.origin, ...(path !== "/" ? { pathPrefix: path } : {}) };
}
