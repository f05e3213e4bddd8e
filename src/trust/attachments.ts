// What may be published beside a meeting page: the attachment file types a browser or a web
// server never executes or interprets as a page, by an allow-list, and bytes that are what their
// name says. An attachment is served from the site's own origin, so an HTML, SVG or XML file (or a
// script, a server configuration file) there could run its code as the site, replace a page the
// build writes, or change how the host serves everything else. See docs/trust.md "Attachments".
//
// Pure functions on names and bytes: src/minutes/validate.ts checks the names written in a
// meeting's front matter, src/content/meeting-file.ts the first bytes of each file on disk.
import { DATA_NAMES } from "../data/urls.ts";

/** The types an attachment may have, by extension (compared in lower case), with what they are called. */
export const ATTACHMENT_TYPES: Readonly<Record<string, string>> = {
  pdf: "PDF",
  docx: "Word",
  xlsx: "Excel",
  pptx: "PowerPoint",
  odt: "OpenDocument-tekst",
  ods: "OpenDocument-regneark",
  odp: "OpenDocument-præsentation",
  txt: "tekst",
  csv: "CSV",
  png: "PNG",
  jpg: "JPEG",
  jpeg: "JPEG",
  gif: "GIF",
  webp: "WebP",
};

/** The allowed extensions, in the order the README lists them. */
export const ATTACHMENT_EXTENSIONS: readonly string[] = Object.keys(ATTACHMENT_TYPES);

// Extensions that a browser renders as a page or runs, or that a web server runs or obeys, named
// so that the message can say why. Also refused inside a name (`notat.php.pdf`): Apache's
// mod_mime and some IIS set-ups act on every extension of a name, not only the last.
const EXECUTED = new Set([
  // Pages and documents that run script in a browser.
  "html",
  "htm",
  "xhtml",
  "xht",
  "shtml",
  "shtm",
  "stm",
  "mht",
  "mhtml",
  "svg",
  "svgz",
  "xml",
  "xsl",
  "xslt",
  "xsd",
  "rss",
  "atom",
  "hta",
  "htc",
  "swf",
  "xbap",
  "jnlp",
  // Script and code.
  "js",
  "mjs",
  "cjs",
  "jsx",
  "ts",
  "wasm",
  "vbs",
  "vbe",
  "wsf",
  "wsh",
  "ps1",
  "bat",
  "cmd",
  "com",
  "exe",
  "msi",
  "scr",
  "jar",
  "sh",
  // Run by a web server.
  "php",
  "php3",
  "php4",
  "php5",
  "php7",
  "phtml",
  "phar",
  "pht",
  "inc",
  "asp",
  "aspx",
  "ascx",
  "ashx",
  "asmx",
  "axd",
  "cer",
  "asa",
  "cshtml",
  "vbhtml",
  "jsp",
  "jspx",
  "cfm",
  "cfml",
  "cgi",
  "pl",
  "py",
  "rb",
  "lua",
  // Server configuration.
  "htaccess",
  "htpasswd",
  "htgroup",
  "config",
  "conf",
  "ini",
]);

/**
 * Names the build writes or a host treats specially (compared in lower case): the build's own
 * files and folders (the open data's names from src/data/urls.ts among them), and `index.*`, which a host's directory index or content negotiation
 * (Apache's MultiViews) may serve in place of the meeting page.
 */
const RESERVED_NAMES = new Set<string>([...DATA_NAMES, "index.html", "pagefind", "soeg", "assets", "404.html", "favicon.ico"]);
const RESERVED_STEMS = new Set(["index"]);

/** Why a name cannot be published as an attachment. */
export type AttachmentNameProblem =
  | { kind: "hidden" }
  | { kind: "trailing" }
  | { kind: "control" }
  | { kind: "noExtension" }
  | { kind: "executed"; extension: string }
  | { kind: "innerExecuted"; extension: string }
  | { kind: "notAllowed"; extension: string }
  | { kind: "reserved" };

/** The extension of a name as a host sees it: after the last dot, in lower case ("" without one). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/**
 * Whether `name` (a plain file name: the schema has already refused folders) may be published as
 * an attachment, and if not, why. Checked in this order: a dotfile, a name ending in a dot or a
 * space (Windows and some hosts drop them: `notat.html.` is served as `notat.html`), invisible or
 * control characters, no extension, an executed extension (last, or inside the name), an extension
 * outside the allow-list, a name the build or a host uses itself.
 */
export function attachmentNameProblem(name: string): AttachmentNameProblem | undefined {
  if (name.startsWith(".")) return { kind: "hidden" };
  if (/[.\s\u00a0]$/u.test(name)) return { kind: "trailing" };
  if (/[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff]/u.test(name)) return { kind: "control" };
  const folded = name.normalize("NFKC").toLowerCase();
  const parts = folded.split(".");
  const extension = parts.length > 1 ? (parts[parts.length - 1] ?? "").trim() : "";
  if (extension === "") return { kind: "noExtension" };
  if (EXECUTED.has(extension) || folded === "web.config") return { kind: "executed", extension };
  const inner = parts
    .slice(1, -1)
    .map((part) => part.trim())
    .find((part) => EXECUTED.has(part));
  if (inner !== undefined) return { kind: "innerExecuted", extension: inner };
  if (!Object.hasOwn(ATTACHMENT_TYPES, extension)) return { kind: "notAllowed", extension };
  const stem = parts.slice(0, -1).join(".");
  if (RESERVED_NAMES.has(folded) || RESERVED_STEMS.has(stem)) return { kind: "reserved" };
  return undefined;
}

/**
 * The key under which two names are the same file on a host that folds case (Windows, macOS,
 * IIS) or Unicode forms (macOS stores `ø` decomposed): `Notat.PDF` and `notat.pdf` collide.
 */
export function attachmentNameKey(name: string): string {
  return name.normalize("NFKC").toLowerCase();
}

/** Why a file's bytes cannot be published under its name. */
export type AttachmentBytesProblem = { kind: "markup" } | { kind: "notType"; label: string };

// The first bytes of each allowed type (a file that starts otherwise is not what its name says).
// Office Open XML and OpenDocument are zip files; PDF readers accept up to 1 KiB before `%PDF-`.
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const MAGIC: Record<string, (head: Uint8Array) => boolean> = {
  pdf: (head) => indexOf(head.subarray(0, 1024), [0x25, 0x50, 0x44, 0x46, 0x2d]) !== -1,
  docx: (head) => startsWith(head, ZIP),
  xlsx: (head) => startsWith(head, ZIP),
  pptx: (head) => startsWith(head, ZIP),
  odt: (head) => startsWith(head, ZIP),
  ods: (head) => startsWith(head, ZIP),
  odp: (head) => startsWith(head, ZIP),
  png: (head) => startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  jpg: (head) => startsWith(head, [0xff, 0xd8, 0xff]),
  jpeg: (head) => startsWith(head, [0xff, 0xd8, 0xff]),
  gif: (head) => startsWith(head, [0x47, 0x49, 0x46, 0x38]),
  webp: (head) => startsWith(head, [0x52, 0x49, 0x46, 0x46]) && indexOf(head.subarray(8, 12), [0x57, 0x45, 0x42, 0x50]) === 0,
};

/** How many first bytes `attachmentBytesProblem` needs. */
export const SNIFF_BYTES = 1024;

/**
 * Whether the first bytes of a file (`head`, at least the first SNIFF_BYTES, or the whole file
 * when shorter) may be published under the allowed extension `extension`. A file that begins like
 * markup (`<` after white space and a byte-order mark, in UTF-8 or UTF-16: HTML, SVG, XML) is
 * refused whatever its name, because a host that sends no type or lets the browser sniff would show
 * it as a page; a binary type must also begin with its own signature.
 */
export function attachmentBytesProblem(extension: string, head: Uint8Array): AttachmentBytesProblem | undefined {
  if (looksLikeMarkup(head)) return { kind: "markup" };
  const magic = MAGIC[extension];
  if (magic && !magic(head)) return { kind: "notType", label: ATTACHMENT_TYPES[extension] ?? extension.toUpperCase() };
  return undefined;
}

/** Whether bytes begin, after a BOM and white space, with `<` (in UTF-8, UTF-16 LE or UTF-16 BE). */
export function looksLikeMarkup(head: Uint8Array): boolean {
  let i = 0;
  let step = 1;
  let offset = 0;
  if (startsWith(head, [0xef, 0xbb, 0xbf])) i = 3;
  else if (startsWith(head, [0xff, 0xfe])) {
    i = 2;
    step = 2;
  } else if (startsWith(head, [0xfe, 0xff])) {
    i = 2;
    step = 2;
    offset = 1;
  } else if (head.length >= 2 && head[1] === 0 && head[0] !== 0) {
    step = 2; // UTF-16 LE without a BOM
  } else if (head.length >= 2 && head[0] === 0 && head[1] !== 0) {
    step = 2;
    offset = 1;
  }
  for (; i + offset < head.length; i += step) {
    const byte = head[i + offset] as number;
    if (step === 2 && head[i + 1 - offset] !== 0) return false;
    if (byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d || byte === 0x0c) continue;
    return byte === 0x3c;
  }
  return false;
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, i) => bytes[i] === byte);
}

function indexOf(bytes: Uint8Array, needle: readonly number[]): number {
  outer: for (let i = 0; i + needle.length <= bytes.length; i++) {
    for (let j = 0; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
