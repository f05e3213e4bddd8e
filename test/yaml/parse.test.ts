import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/yaml/parse.ts";
import { LineIndex, YamlPositions } from "../../src/yaml/positions.ts";
import { formatField } from "../../src/yaml/report.ts";

describe("parseYaml", () => {
  it("keeps dates and times as strings (CORE schema)", () => {
    const result = parseYaml("date: 2023-09-06\nstart: 19:30\nn: 12\nok: true\nnavn: Nej\n");
    expect(result.ok && result.value).toEqual({ date: "2023-09-06", start: "19:30", n: 12, ok: true, navn: "Nej" });
  });

  it("rejects an alias before constructing any value", () => {
    const bomb = `a: &a ["x","x","x","x","x","x","x","x","x"]\n${"bcdefghijk"
      .split("")
      .map(
        (name, i) =>
          `${name}: &${name} [${Array(9)
            .fill(`*${i === 0 ? "a" : "bcdefghijk"[i - 1]}`)
            .join(",")}]`,
      )
      .join("\n")}\n`;
    const result = parseYaml(bomb);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.failure).toEqual({ kind: "anchor", offset: 3, detail: "&a" });
  });

  it("rejects an alias even without an anchor of its own on the line", () => {
    const result = parseYaml("a: [1]\nb: *a\n");
    expect(!result.ok && result.failure.kind).toBe("alias");
  });

  it("rejects custom tags", () => {
    const result = parseYaml('a: !!js/function "f"\n');
    expect(!result.ok && result.failure).toEqual({ kind: "tag", offset: 3, detail: "!!js/function" });
  });

  it("reports syntax errors with their offset", () => {
    const result = parseYaml("a: 1\na: 2\n");
    expect(!result.ok && result.failure).toEqual({ kind: "syntax", offset: 5, detail: "duplicated mapping key" });
  });
});

describe("YamlPositions", () => {
  it("finds the key and value of a nested path", () => {
    const source = "\ndate: x\nitems:\n  - title: A\n    kind: y\n";
    const result = parseYaml(source);
    if (!result.ok) throw new Error("expected valid YAML");
    const positions = new YamlPositions(source, result.events);
    expect(positions.value(["items", 0, "kind"])).toEqual({ line: 5, col: 11 });
    expect(positions.key(["items", 0, "kind"])).toEqual({ line: 5, col: 5 });
    expect(positions.value(["date"])).toEqual({ line: 2, col: 7 });
    // A missing field points at its nearest ancestor.
    expect(positions.key(["items", 0, "presenter"])).toEqual({ line: 4, col: 5 });
  });

  it("converts offsets to lines and columns", () => {
    expect(new LineIndex("ab\ncd\n").position(4)).toEqual({ line: 2, col: 2 });
  });

  it("names fields with positions counted from 1", () => {
    expect(formatField(["items", 2, "attachments", 0, "file"])).toBe("items[3].attachments[1].file");
  });
});
