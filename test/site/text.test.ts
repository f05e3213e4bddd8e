import { describe, expect, it } from "vitest";
import {
  formatDuration,
  formatFileSize,
  formatFileType,
  formatItemKind,
  formatNumberRanges,
  formatPerson,
  formatPresentFor,
  formatPresenters,
  formatSubstitute,
} from "../../src/site/text.ts";

describe("Danish wording", () => {
  it("reads a person back in the form the secretary writes", () => {
    expect(formatPerson({ name: "Anna Holm", organisation: "Kirkens Korshær", role: "formand" })).toBe("Anna Holm (Kirkens Korshær), formand");
    expect(formatPerson({ name: "Gitte Aagaard", role: "gadesygeplejerske" })).toBe("Gitte Aagaard, gadesygeplejerske");
    expect(formatPerson({ name: "Ib" })).toBe("Ib");
  });

  it("names one presenter, two with og, three and more with commas and og", () => {
    expect(formatPresenters([])).toBe("");
    expect(formatPresenters([{ name: "Anna Holm", organisation: "Kirkens Korshær" }])).toBe("v/ Anna Holm (Kirkens Korshær)");
    expect(formatPresenters([{ name: "Henning Bentzen" }, { name: "Danny Pedersen" }])).toBe("v/ Henning Bentzen og Danny Pedersen");
    expect(formatPresenters([{ name: "A" }, { name: "B", role: "konsulent" }, { name: "C" }])).toBe("v/ A, B, konsulent og C");
  });

  it("says which items a person was present for, folding runs into ranges", () => {
    expect(formatPresentFor({ name: "C", presentFor: [1, 2, 3] })).toBe("til stede under punkt 1–3");
    expect(formatPresentFor({ name: "C", presentFor: [5, 1, 3, 2] })).toBe("til stede under punkt 1–3, 5");
    expect(formatPresentFor({ name: "C" })).toBe("");
    expect(formatNumberRanges([1, 2, 4, 5, 6])).toBe("1, 2, 4–6");
  });

  it("names a substitute", () => {
    expect(formatSubstitute({ name: "Dennis Berg", substitute: { name: "Eva Berg", organisation: "SAND" } })).toBe("stedfortræder: Eva Berg (SAND)");
    expect(formatSubstitute({ name: "Dennis Berg" })).toBe("");
  });

  it("writes file types and sizes as Danish readers expect", () => {
    expect(formatFileType("pdf")).toBe("PDF");
    expect(formatFileSize(812)).toBe("812 byte");
    expect(formatFileSize(24_310)).toBe("24 kB");
    expect(formatFileSize(1_240_000)).toBe("1,2 MB");
    expect(formatFileSize(1_000)).toBe("1 kB");
  });

  it("names kinds and durations", () => {
    expect(formatItemKind("drøftelse")).toBe("Drøftelse");
    expect(formatDuration(30)).toBe("30 minutter");
    expect(formatDuration(1)).toBe("1 minut");
  });
});
