import { describe, expect, it } from "vitest";
import { attachmentBytesProblem, attachmentNameKey, attachmentNameProblem, looksLikeMarkup } from "../../src/trust/attachments.ts";

const bytes = (text: string) => new TextEncoder().encode(text);

describe("attachmentNameProblem", () => {
  it.each(["notat.pdf", "Referat 2024.PDF", "bilag-1.2.docx", "regnskab.xlsx", "plan.odt", "foto.JPEG", "kort.webp", "tal.csv", "bilag-å.pdf"])(
    "lets %s be published",
    (name) => expect(attachmentNameProblem(name)).toBeUndefined(),
  );

  it.each([
    ["index.html", { kind: "executed", extension: "html" }],
    ["NOTAT.HTM", { kind: "executed", extension: "htm" }],
    ["side.xhtml", { kind: "executed", extension: "xhtml" }],
    ["logo.svg", { kind: "executed", extension: "svg" }],
    ["logo.SVGZ", { kind: "executed", extension: "svgz" }],
    ["data.xml", { kind: "executed", extension: "xml" }],
    ["stil.xsl", { kind: "executed", extension: "xsl" }],
    ["app.js", { kind: "executed", extension: "js" }],
    ["app.mjs", { kind: "executed", extension: "mjs" }],
    ["app.wasm", { kind: "executed", extension: "wasm" }],
    ["side.php", { kind: "executed", extension: "php" }],
    ["side.shtml", { kind: "executed", extension: "shtml" }],
    ["film.swf", { kind: "executed", extension: "swf" }],
    ["web.config", { kind: "executed", extension: "config" }],
    ["notat.pdf.html", { kind: "executed", extension: "html" }],
    ["notat.php.pdf", { kind: "innerExecuted", extension: "php" }],
    ["notat.HTML.pdf", { kind: "innerExecuted", extension: "html" }],
    [".htaccess", { kind: "hidden" }],
    [".htpasswd", { kind: "hidden" }],
    [".notat.pdf", { kind: "hidden" }],
    ["notat.html.", { kind: "trailing" }],
    ["notat.pdf ", { kind: "trailing" }],
    ["notat.pdf\u00a0", { kind: "trailing" }],
    ["notat\u202epdf.exe", { kind: "control" }],
    ["notat", { kind: "noExtension" }],
    ["arkiv.zip", { kind: "notAllowed", extension: "zip" }],
    ["gammel.doc", { kind: "notAllowed", extension: "doc" }],
    ["index.pdf", { kind: "reserved" }],
    ["referat.json", { kind: "notAllowed", extension: "json" }],
    ["robots.txt", { kind: "reserved" }],
  ])("refuses %s", (name, problem) => {
    expect(attachmentNameProblem(name)).toEqual(problem);
  });
});

describe("attachmentNameKey", () => {
  it("is the same for names that differ only in case or Unicode form", () => {
    expect(attachmentNameKey("Notat.PDF")).toBe(attachmentNameKey("notat.pdf"));
    expect(attachmentNameKey("bilag-\u00e5.pdf")).toBe(attachmentNameKey("bilag-a\u030a.pdf"));
    expect(attachmentNameKey("notat-1.pdf")).not.toBe(attachmentNameKey("notat-2.pdf"));
  });
});

describe("attachmentBytesProblem", () => {
  it.each([
    ["pdf", "<!doctype html><script>alert(1)</script>"],
    ["pdf", "  \n<html>"],
    ["png", "<svg xmlns='http://www.w3.org/2000/svg'/>"],
    ["txt", "\ufeff<script>alert(1)</script>"],
    ["csv", "<?xml version='1.0'?><x/>"],
  ])("refuses a .%s that begins like markup: %j", (type, text) => {
    expect(attachmentBytesProblem(type, bytes(text))).toEqual({ kind: "markup" });
  });

  it("refuses markup in UTF-16, with and without a byte-order mark", () => {
    const le = Buffer.from("\ufeff<html>", "utf16le");
    const be = Buffer.from(le).swap16();
    expect(looksLikeMarkup(le)).toBe(true);
    expect(looksLikeMarkup(be)).toBe(true);
    expect(looksLikeMarkup(Buffer.from("<svg>", "utf16le"))).toBe(true);
    expect(looksLikeMarkup(Buffer.from("Dagsorden <1>", "utf16le"))).toBe(false);
  });

  it.each([
    ["pdf", "PK\u0003\u0004", "PDF"],
    ["png", "GIF89a", "PNG"],
    ["jpg", "%PDF-1.7", "JPEG"],
    ["docx", "%PDF-1.7", "Word"],
    ["webp", "RIFF\u0000\u0000\u0000\u0000WAVE", "WebP"],
  ])("refuses a .%s whose bytes are another type", (type, text, label) => {
    expect(attachmentBytesProblem(type, bytes(text))).toEqual({ kind: "notType", label });
  });

  it.each([
    ["pdf", "%PDF-1.4\n"],
    ["pdf", "\r\n%PDF-1.4\n"],
    ["docx", "PK\u0003\u0004"],
    ["gif", "GIF89a"],
    ["webp", "RIFF\u0000\u0000\u0000\u0000WEBPVP8 "],
    ["txt", "Dagsorden\n<punkt 1>"],
    ["csv", "navn;beløb\n"],
  ])("lets a .%s with its own first bytes through", (type, text) => {
    expect(attachmentBytesProblem(type, bytes(text))).toBeUndefined();
  });
});
