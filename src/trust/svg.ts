// The municipality's SVG logo is published on the site's own origin, where a browser opening it
// runs any script in it. So a logo may hold drawing only: it is parsed as XML (htmlparser2 in XML
// mode, the parser the link check uses) and refused, with the reason, when it holds anything that
// runs code or fetches from elsewhere. An allow-list of SVG's drawing elements, not a list of bad
// ones: an element a browser might act on that is not on the list is refused ("on doubt, refuse").
// See docs/trust.md "The logo".
import { Parser } from "htmlparser2";

/** Why an SVG cannot be published; `line` is the 1-based line in the SVG where it was found. */
export type SvgProblem =
  | { kind: "notSvg"; line: number }
  | { kind: "declaration"; line: number }
  | { kind: "instruction"; name: string; line: number }
  | { kind: "element"; name: string; line: number }
  | { kind: "namespace"; name: string; line: number }
  | { kind: "handler"; name: string; line: number }
  | { kind: "reference"; name: string; value: string; line: number }
  | { kind: "scheme"; name: string; line: number }
  | { kind: "css"; what: string; line: number };

const SVG_NS = "http://www.w3.org/2000/svg";
/** Namespaces whose elements a browser acts on inside an SVG (HTML runs scripts, MathML links, XSLT transforms). */
const ACTIVE_NS: Readonly<Record<string, string>> = {
  "http://www.w3.org/1999/xhtml": "HTML",
  "http://www.w3.org/1998/Math/MathML": "MathML",
  "http://www.w3.org/1999/XSL/Transform": "XSLT",
  "http://www.w3.org/2001/XInclude": "XInclude",
  "http://www.w3.org/2001/xml-events": "XML Events",
  "http://www.w3.org/1999/xlink": "XLink",
};

/** SVG elements that only draw, compared in lower case. No script, foreignObject, a, image, feImage, animate, set, … */
const DRAWING = new Set(
  [
    "svg",
    "g",
    "defs",
    "title",
    "desc",
    "metadata",
    "symbol",
    "use",
    "switch",
    "view",
    "path",
    "rect",
    "circle",
    "ellipse",
    "line",
    "polyline",
    "polygon",
    "text",
    "tspan",
    "textPath",
    "linearGradient",
    "radialGradient",
    "stop",
    "clipPath",
    "mask",
    "pattern",
    "marker",
    "style",
    "filter",
    "feBlend",
    "feColorMatrix",
    "feComponentTransfer",
    "feComposite",
    "feConvolveMatrix",
    "feDiffuseLighting",
    "feDisplacementMap",
    "feDistantLight",
    "feDropShadow",
    "feFlood",
    "feFuncA",
    "feFuncB",
    "feFuncG",
    "feFuncR",
    "feGaussianBlur",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feOffset",
    "fePointLight",
    "feSpecularLighting",
    "feSpotLight",
    "feTile",
    "feTurbulence",
  ].map((name) => name.toLowerCase()),
);

// Characters a browser ignores inside a URL scheme or a CSS keyword.
const INVISIBLE = /[\u0000-\u0020\u007f-\u009f\u00ad\u200b-\u200f\u2028\u2029\u2060-\u206f\ufeff]/g;

/** The first thing in a CSS text that could fetch from elsewhere or run code, if any. */
export function unsafeCss(css: string): string | undefined {
  if (css.includes("\\")) return "\\"; // escapes could spell anything below
  const text = css
    .replace(/\/\*[\s\S]*?(\*\/|$)/g, "")
    .replace(INVISIBLE, "")
    .toLowerCase();
  for (const what of ["@import", "expression(", "javascript:", "vbscript:", "behavior", "-moz-binding", "image-set(", "image(", "src(", "element("]) {
    if (text.includes(what)) return what;
  }
  for (const match of text.matchAll(/url\(([^)]*)\)?/g)) {
    if (!/^["']?#/.test(match[1] ?? "")) return "url(";
  }
  return undefined;
}

/** Whether an attribute value names a javascript:, vbscript: or data: address anywhere in it. */
function hasActiveScheme(value: string): boolean {
  return /(^|[^a-z0-9+.-])(javascript|vbscript|data):/.test(value.replace(INVISIBLE, "").toLowerCase());
}

/** The first reason the SVG text cannot be published, or undefined when it only draws. */
export function svgProblem(text: string): SvgProblem | undefined {
  let problem: SvgProblem | undefined;
  const lineStarts = [0];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lineStarts.push(i + 1);
  const lineAt = (offset: number) => {
    let low = 0;
    let high = lineStarts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((lineStarts[mid] as number) <= offset) low = mid;
      else high = mid - 1;
    }
    return low + 1;
  };
  // Namespace declarations in scope, innermost last; the element stack as [namespace, local name].
  const scopes: Map<string, string>[] = [new Map([["xml", "http://www.w3.org/XML/1998/namespace"]])];
  const open: [string, string][] = [];
  let root = true;
  let pending: [string, string][] = [];
  const resolve = (prefix: string) => {
    for (let i = scopes.length - 1; i >= 0; i--) {
      const ns = scopes[i]?.get(prefix);
      if (ns !== undefined) return ns;
    }
    return "";
  };
  const fail = (found: SvgProblem) => {
    problem ??= found;
  };
  // A style element's text arrives in pieces (around entities and CDATA): checked as a whole.
  let style: { text: string; line: number } | undefined;
  const parser = new Parser(
    {
      onprocessinginstruction(name) {
        const line = lineAt(parser.startIndex);
        if (name.startsWith("!")) fail({ kind: "declaration", line });
        else if (name.toLowerCase() !== "?xml") fail({ kind: "instruction", name: name.replace(/^\?/, ""), line });
      },
      onattribute(name, value) {
        pending.push([name, value]);
      },
      onopentag(name) {
        const line = lineAt(parser.startIndex);
        const attributes = pending;
        pending = [];
        const scope = new Map<string, string>();
        for (const [attribute, value] of attributes) {
          if (attribute === "xmlns") scope.set("", value.trim());
          else if (attribute.startsWith("xmlns:")) scope.set(attribute.slice(6), value.trim());
        }
        scopes.push(scope);
        const colon = name.indexOf(":");
        const ns = resolve(colon === -1 ? "" : name.slice(0, colon));
        const local = (colon === -1 ? name : name.slice(colon + 1)).toLowerCase();
        open.push([ns, local]);
        if (root) {
          root = false;
          if (ns !== SVG_NS || local !== "svg") return fail({ kind: "notSvg", line });
        }
        if (ns === SVG_NS && !DRAWING.has(local)) return fail({ kind: "element", name, line });
        const active = ACTIVE_NS[ns];
        if (active !== undefined) return fail({ kind: "namespace", name: active, line });
        for (const [attribute, value] of attributes) {
          if (attribute === "xmlns" || attribute.startsWith("xmlns:")) {
            if (ACTIVE_NS[value.trim()] !== undefined && value.trim() !== "http://www.w3.org/1999/xlink") {
              return fail({ kind: "namespace", name: ACTIVE_NS[value.trim()] as string, line });
            }
            continue;
          }
          const attributeLocal = attribute.slice(attribute.indexOf(":") + 1).toLowerCase();
          if (attributeLocal.startsWith("on")) return fail({ kind: "handler", name: attribute, line });
          if (attributeLocal === "href" && !value.trim().startsWith("#")) return fail({ kind: "reference", name: attribute, value, line });
          if (hasActiveScheme(value)) return fail({ kind: "scheme", name: attribute, line });
          const css = attributeLocal === "style" ? unsafeCss(value) : /url\s*\(/i.test(value) ? unsafeCss(value) : undefined;
          if (css !== undefined) return fail({ kind: "css", what: css, line });
        }
      },
      onclosetag() {
        const [ns, local] = open.pop() ?? ["", ""];
        scopes.pop();
        if (ns === SVG_NS && local === "style" && style) {
          const css = unsafeCss(style.text);
          if (css !== undefined) fail({ kind: "css", what: css, line: style.line });
          style = undefined;
        }
      },
      ontext(data) {
        const [ns, local] = open[open.length - 1] ?? ["", ""];
        if (ns === SVG_NS && local === "style") {
          style ??= { text: "", line: lineAt(parser.startIndex) };
          style.text += data;
        } else if (root && data.trim() !== "" && data.trim() !== "\uFEFF") {
          fail({ kind: "notSvg", line: lineAt(parser.startIndex) });
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(text);
  parser.end();
  // An unclosed style element (the browser refuses such a file, but be sure).
  if (style) {
    const css = unsafeCss(style.text);
    if (css !== undefined) fail({ kind: "css", what: css, line: style.line });
  }
  if (!problem && root) return { kind: "notSvg", line: 1 };
  return problem;
}
