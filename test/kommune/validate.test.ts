import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, sortProblems } from "../../src/report/problem.ts";
import { contrastWithWhite, darkenToContrast } from "../../src/kommune/contrast.ts";
import { MAX_KOMMUNE_BYTES, validateKommuneBytes } from "../../src/kommune/validate.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/kommune");

function validate(name: string, bytes: Uint8Array = readFileSync(path.join(FIXTURES, name))) {
  return validateKommuneBytes(bytes, {
    file: `test/fixtures/kommune/${name}`,
    slug: "eksempelby",
    absolutePath: path.join(FIXTURES, name),
    folder: FIXTURES,
  });
}

function lines(name: string, bytes?: Uint8Array): string[] {
  return sortProblems(validate(name, bytes).problems).map((p) => formatProblem({ ...p, file: "<fil>" }));
}

describe("validateKommuneBytes", () => {
  it("says numbers out of range, infinite or not a number in Danish, never in zod's English", () => {
    expect(lines("numbers.yaml")).toEqual([
      "<fil>:6:10: contact.phone: skal være en tekst eller et tal, men er uendelig (.inf)",
      '<fil>:7:8: contact.cvr: skal være et CVR-nummer på 8 cifre, fx "12345678", men er et tal (1e+300)',
      "<fil>:8:10: contact.hours: skal være en tekst, men er ikke et tal (.nan)",
      "<fil>:11:11: councils.udsatteraadet.name: skal være en tekst, men er et tal (100000000000000000000)",
    ]);
  });

  it("turns the example kommune.yaml into the model, camelCase, councils in order", () => {
    const { kommune, problems } = validate("valid.yaml");
    expect(problems).toEqual([]);
    expect(kommune).toEqual({
      slug: "eksempelby",
      name: "Eksempelby Kommune",
      website: "https://www.eksempelby.dk",
      accessibilityStatement: "https://was.digst.dk/eksempelby-dk",
      look: { colour: "#1d4f7a", logo: "logo.svg", logoSourcePath: path.join(FIXTURES, "logo.svg") },
      contact: {
        address: "Rådhuspladsen 1, 9999 Eksempelby",
        phone: "12 34 56 78",
        email: "kommunen@eksempelby.dk",
        cvr: "12345678",
        hours: "Mandag–fredag 10–14",
      },
      councils: [
        {
          kommune: "eksempelby",
          slug: "udsatteraadet",
          name: "Udsatterådet",
          members: [
            { name: "Anna Holm", organisation: "Kirkens Korshær" },
            { name: "Bo Lund", organisation: "Værestedet Broen" },
            { name: "Carla Dahl", organisation: "Brugerrepræsentant" },
            { name: "Dennis Berg", organisation: "SAND" },
          ],
          meetings: [],
        },
      ],
      sourcePath: path.join(FIXTURES, "valid.yaml"),
    });
  });

  it("rejects YAML anchors and aliases in kommune.yaml", () => {
    expect(lines("alias.yaml")).toEqual(["<fil>:1:7: yaml: YAML-ankre og -henvisninger (&navn) er ikke tilladt; skriv værdien ud, hver gang den bruges"]);
  });

  it("reports a missing colour and a misspelt council key", () => {
    expect(lines("missing-colour.yaml")).toEqual([
      '<fil>:3:1: look.colour: feltet mangler; skriv kommunens farve, fx colour: "#1d4f7a"',
      "<fil>:7:5: councils.udsatteraadet.navn: ukendt felt 'navn'; mente du 'name'?",
    ]);
  });

  it("accepts an unquoted eight-digit CVR and phone number and lowercases the colour", () => {
    const { kommune, problems } = validate("cvr-number.yaml");
    expect(problems).toEqual([]);
    expect(kommune?.contact).toEqual({ cvr: "12345678", phone: "12345678" });
    expect(kommune?.look.colour).toBe("#1d4f7a");
  });

  it("rejects a kommune.yaml over the size cap", () => {
    expect(lines("big.yaml", Buffer.alloc(MAX_KOMMUNE_BYTES + 1, "#"))).toEqual([
      "<fil>:1:1: fil: filen er for stor (65 KB); kommune.yaml må højst fylde 64 KB",
    ]);
  });

  it("rejects a kommune.yaml that is not UTF-8", () => {
    expect(lines("latin1.yaml", Buffer.from("name: Ærø Kommune\n", "latin1"))).toEqual([
      "<fil>:1:7: fil: filen er ikke gemt som UTF-8: linje 1 har tegn, der ikke kan læses (fx æ, ø eller å gemt som Latin-1 eller Windows-1252); gem filen som UTF-8 i din editor",
    ]);
  });
});

describe("contrast", () => {
  it("computes the WCAG contrast of a colour against white", () => {
    expect(contrastWithWhite("#000000")).toBeCloseTo(21, 5);
    expect(contrastWithWhite("#ffffff")).toBeCloseTo(1, 5);
    expect(contrastWithWhite("#767676")).toBeGreaterThanOrEqual(4.5);
  });

  it("suggests a darker shade that passes AA", () => {
    const suggestion = darkenToContrast("#7fb3d5");
    expect(suggestion).toBe("#567a91");
    expect(contrastWithWhite(suggestion)).toBeGreaterThanOrEqual(4.5);
  });
});
