import { execFile } from "node:child_process";
import { chmod, cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { referat as run } from "./referat.ts";

/** Runs `referat` as a user would, from the repository root; never throws on a non-zero exit. */
const referat = (...args: string[]) => run(args);

describe("referat check", () => {
  it("prints every problem, one line each, then the count, and exits 1", async () => {
    const { code, stdout } = await referat("check", "--content", "test/fixtures/content/kommune-errors");
    const tree = "test/fixtures/content/kommune-errors";
    expect(stdout.split("\n")).toEqual([
      `${tree}/lysby/kommune.yaml:2:10: website: skal være en webadresse, der begynder med https://, men er "www.lysby.dk"`,
      `${tree}/lysby/kommune.yaml:5:11: look.colour: farven #7fb3d5 har kun kontrast 2,26:1 mod hvid, men skal have mindst 4,5:1 (WCAG AA), så tekst og knapper kan læses; vælg en mørkere farve, fx #567a91`,
      `${tree}/lysby/kommune.yaml:6:9: look.logo: logoet 'logo.svg' findes ikke i ${tree}/lysby/`,
      `${tree}/lysby/kommune.yaml:8:10: contact.email: skal være en e-mailadresse som kommunen@eksempelby.dk, men er "kommunen(at)lysby.dk"`,
      `${tree}/lysby/kommune.yaml:9:8: contact.cvr: skal være et CVR-nummer på 8 cifre, fx "12345678", men er "1234567"`,
      `${tree}/lysby/kommune.yaml:10:3: contact.telefon: ukendt felt 'telefon'; mente du 'phone'?`,
      `${tree}/lysby/kommune.yaml:14:5: councils.udsatteraadet.medlemmer: ukendt felt 'medlemmer'; mente du 'members'?`,
      `${tree}/mangelby/kommune.yaml:1:1: accessibility_statement: feltet mangler; skriv adressen på kommunens tilgængelighedserklæring (webtilgængelighedsloven)`,
      `${tree}/mangelby/kommune.yaml:1:1: name: feltet mangler; skriv navnet`,
      `${tree}/mangelby/kommune.yaml:3:11: look.colour: skal være en farve som "#1d4f7a" (# og 6 hexcifre), men er "blå"`,
      `${tree}/mangelby/kommune.yaml:4:11: councils: skal have mindst ét råd, men er tom`,
      `${tree}/tyndby/kommune.yaml:6:3: councils.Udsatte Rådet: skal være små bogstaver a-z, cifre og bindestreger (aa for å, oe for ø, ae for æ), men er "Udsatte Rådet"`,
      `${tree}/uden-fil/kommune.yaml:1:1: fil: kommunen ${tree}/uden-fil/ mangler sin kommune.yaml med navn, farve, tilgængelighedserklæring og råd`,
      `${tree}/yamlby/kommune.yaml:5:1: yaml: YAML-fejl: for lidt indrykning, eller en liste eller et citat er ikke lukket`,
      "14 fejl fundet i 5 filer.",
      "",
    ]);
    expect(code).toBe(1);
  });

  it("reports problems across files: dates against file names and year folders", async () => {
    const { code, stdout } = await referat("check", "--content", "test/fixtures/content/date-mismatch");
    const tree = "test/fixtures/content/date-mismatch/eksempelby/udsatteraadet";
    expect(stdout).toBe(
      `${tree}/2023/2023-09-06.md:2:7: date: datoen 2023-09-07 passer ikke til filnavnet 2023-09-06.md; ret datoen eller omdøb filen\n` +
        `${tree}/2024/2023-11-01.md:1:1: fil: filen ligger i mappen 2024, men mødet er fra 2023; flyt den til mappen 2023\n` +
        "2 fejl fundet i 2 filer.\n",
    );
    expect(code).toBe(1);
  });

  it("says all is well and exits 0 on a valid tree", async () => {
    const { code, stdout } = await referat("check", "--content", "test/fixtures/content/valid");
    expect(stdout).toMatch(/^Alt i orden: 5 møder i 2 kommuner \(\d+,\d s\)\.\n$/);
    expect(code).toBe(0);
  });

  it("explains a missing content folder in Danish and exits 1", async () => {
    const { code, stdout, stderr } = await referat("check", "--content", "test/fixtures/content/findes-ikke");
    expect(stdout).toBe("");
    expect(stderr).toBe("Mappen med indhold findes ikke: test/fixtures/content/findes-ikke. Angiv den med --content MAPPE.\n");
    expect(code).toBe(1);
  });

  it("exits 2 on an unknown option, in Danish, with the option meant and the usage", async () => {
    const { code, stderr } = await referat("check", "--indhold", "x");
    expect(stderr.split("\n").slice(0, 3)).toEqual(["Ukendt tilvalg '--indhold'; mente du --content?", "", "Brug: referat <kommando> [tilvalg]"]);
    expect(code).toBe(2);
  });
});

// Permissions mean nothing to root, so as root (a container, CI) `check` runs as the unprivileged
// user nobody (setpriv, util-linux); as anyone else it runs as that user.
const ROOT = path.resolve(import.meta.dirname, "../..");
async function checkWithoutRoot(content: string): Promise<{ code: number; stdout: string }> {
  const node = [process.execPath, path.join(ROOT, "bin/referat.js"), "check", "--content", content];
  const [command, ...args] = process.getuid?.() === 0 ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--", ...node] : node;
  try {
    const { stdout } = await promisify(execFile)(command as string, args, { cwd: ROOT, env: { ...process.env, CI: "", REFERAT_CACHE_DIR: "off" } });
    return { code: 0, stdout };
  } catch (error) {
    const failed = error as { code: number; stdout: string };
    return { code: failed.code, stdout: failed.stdout };
  }
}

describe("referat check and what it cannot read", () => {
  it("reports a folder and a meeting file it may not read, instead of counting fewer meetings", async () => {
    const work = await mkdtemp(path.join(tmpdir(), "unreadable-"));
    try {
      await chmod(work, 0o755);
      const content = path.join(work, "content");
      await cp(path.join(ROOT, "test/fixtures/content/valid"), content, { recursive: true });
      await chmod(path.join(content, "eksempelby/udsatteraadet/2024"), 0o000);
      await chmod(path.join(content, "eksempelby/aeldreraadet/2022/2022-03-01.md"), 0o000);
      const { code, stdout } = await checkWithoutRoot(content);
      const shown = path.relative(ROOT, content);
      expect(stdout.replaceAll(shown, "<content>").split("\n")).toEqual([
        "<content>/eksempelby/aeldreraadet/2022/2022-03-01.md:1:1: fil: filen kan ikke læses, fordi der ikke er adgang til den (EACCES); giv den bruger, der bygger arkivet, læseadgang til filen (fx chmod a+r), eller fjern filen",
        "<content>/eksempelby/udsatteraadet/2024:1:1: mappe: mappen kan ikke læses, fordi der ikke er adgang til den (EACCES); giv den bruger, der bygger arkivet, læseadgang til mappen (fx chmod -R a+rX), eller fjern mappen",
        "2 fejl fundet i 2 filer.",
        "",
      ]);
      expect(code).toBe(1);

      // The content folder itself: not "findes ikke", and not "0 møder".
      await chmod(content, 0o700);
      const whole = await checkWithoutRoot(content);
      expect(whole.stdout.replaceAll(shown, "<content>")).toBe(
        "<content>:1:1: mappe: mappen kan ikke læses, fordi der ikke er adgang til den (EACCES); giv den bruger, der bygger arkivet, læseadgang til mappen (fx chmod -R a+rX), eller fjern mappen\n1 fejl fundet i 1 fil.\n",
      );
      expect(whole.code).toBe(1);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  });
});
