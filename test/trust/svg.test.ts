import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { svgProblem, unsafeCss, type SvgProblem } from "../../src/trust/svg.ts";

const CORPUS = path.resolve(import.meta.dirname, "../fixtures/trust/svg");
const read = (name: string) => readFileSync(path.join(CORPUS, name), "utf8");

// Each hostile logo and the first reason it is refused (the line is the SVG's own).
const REFUSED: [string, SvgProblem][] = [
  ["animate-href.svg", { kind: "element", name: "a", line: 2 }],
  ["data-href.svg", { kind: "reference", name: "href", value: "data:image/svg+xml,<svg onload=alert(1)>", line: 2 }],
  ["doctype-entity.svg", { kind: "declaration", line: 2 }],
  ["embed.svg", { kind: "element", name: "embed", line: 2 }],
  ["entity-scheme.svg", { kind: "reference", name: "href", value: "javascript:alert(1)", line: 2 }],
  ["feimage.svg", { kind: "element", name: "feImage", line: 2 }],
  ["fill-url.svg", { kind: "css", what: "url(", line: 2 }],
  ["foreign-object.svg", { kind: "element", name: "foreignObject", line: 2 }],
  ["handler-prefixed.svg", { kind: "handler", name: "xlink:onmouseover", line: 2 }],
  ["iframe.svg", { kind: "element", name: "iframe", line: 2 }],
  ["image.svg", { kind: "element", name: "image", line: 2 }],
  ["link.svg", { kind: "element", name: "a", line: 2 }],
  ["mathml.svg", { kind: "namespace", name: "MathML", line: 2 }],
  ["no-namespace.svg", { kind: "notSvg", line: 1 }],
  ["not-svg.svg", { kind: "notSvg", line: 1 }],
  ["object.svg", { kind: "element", name: "object", line: 2 }],
  ["onclick-upper.svg", { kind: "handler", name: "ONCLICK", line: 2 }],
  ["onload.svg", { kind: "handler", name: "onload", line: 1 }],
  ["script-prefixed.svg", { kind: "element", name: "s:script", line: 2 }],
  ["script-upper.svg", { kind: "element", name: "SCRIPT", line: 2 }],
  ["script.svg", { kind: "element", name: "script", line: 2 }],
  ["set-href.svg", { kind: "element", name: "set", line: 2 }],
  ["style-attribute.svg", { kind: "css", what: "url(", line: 2 }],
  ["style-escape.svg", { kind: "css", what: "\\", line: 2 }],
  ["style-import-cdata.svg", { kind: "css", what: "@import", line: 2 }],
  ["style-import.svg", { kind: "css", what: "@import", line: 2 }],
  ["style-url.svg", { kind: "css", what: "url(", line: 2 }],
  ["stylesheet-pi.svg", { kind: "instruction", name: "xml-stylesheet", line: 2 }],
  ["text-before.svg", { kind: "notSvg", line: 1 }],
  ["use-external-xlink.svg", { kind: "reference", name: "xlink:href", value: "andet.svg#x", line: 2 }],
  ["use-external.svg", { kind: "reference", name: "href", value: "https://evil.example/sprite.svg#x", line: 2 }],
  ["xhtml-default.svg", { kind: "namespace", name: "HTML", line: 2 }],
  ["xhtml-namespace.svg", { kind: "namespace", name: "HTML", line: 2 }],
  ["xinclude.svg", { kind: "namespace", name: "XInclude", line: 2 }],
];

describe("svgProblem", () => {
  it("has a case for every file of the corpus", () => {
    expect(readdirSync(CORPUS).sort()).toEqual([...REFUSED.map(([name]) => name), "inkscape.svg"].sort());
  });

  it.each(REFUSED)("refuses %s", (name, problem) => {
    expect(svgProblem(read(name))).toEqual(problem);
  });

  it("accepts an Inkscape drawing with metadata, gradients, clipping, CSS and internal references", () => {
    expect(svgProblem(read("inkscape.svg"))).toBeUndefined();
  });

  it("accepts the example archive's five logos", () => {
    const content = path.resolve(import.meta.dirname, "../../content");
    for (const kommune of ["aalborg", "albertslund", "gladsaxe", "odense", "roskilde"]) {
      expect(svgProblem(readFileSync(path.join(content, kommune, "logo.svg"), "utf8"))).toBeUndefined();
    }
  });

  it("refuses an empty file as not an SVG", () => {
    expect(svgProblem("")).toEqual({ kind: "notSvg", line: 1 });
  });
});

describe("unsafeCss", () => {
  it.each([
    ["@IMPORT 'x.css';", "@import"],
    ["a { b: u\\72l(x) }", "\\"],
    ["a { fill: url( 'https://evil.example/' ) }", "url("],
    ["a { fill: URL(//evil.example/) }", "url("],
    ["a { background: image-set('x.png' 1x) }", "image-set("],
    ["@im/* */port 'x.css';", "@import"],
    ["a { width: expression(alert(1)) }", "expression("],
  ])("finds what could fetch or run in %s", (css, what) => {
    expect(unsafeCss(css)).toBe(what);
  });

  it("lets colours, fonts and references inside the drawing pass", () => {
    expect(unsafeCss(".a { fill: url(#g); stroke: url('#h') } .b { font: 700 12px Arial; }")).toBeUndefined();
  });
});
