// checkLinks' `update` option (referat serve): only the pages of an update's folder are checked,
// its files take the place of the site's, and anchors in pages it did not make are read from the site.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatProblem } from "../../src/report/problem.ts";
import { checkLinks } from "../../src/trust/links.ts";

let work: string;
const archive = { kommuner: [] };
const page = (body: string) => `<!doctype html>\n<html lang="da"><head><title>t</title></head><body>${body}</body></html>\n`;

async function put(dir: string, file: string, text: string): Promise<void> {
  await mkdir(path.dirname(path.join(dir, file)), { recursive: true });
  await writeFile(path.join(dir, file), text);
}

beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), "referat-links-update-"));
  const site = path.join(work, "site");
  await put(site, "index.html", page('<a href="/a/">a</a> <a href="/mangler/">broken, but not part of the update</a>'));
  await put(site, "a/index.html", page('<h2 id="punkt-1">1</h2>'));
  await put(site, "b/index.html", page("old"));
});

afterAll(async () => {
  if (work) await rm(work, { recursive: true, force: true });
});

describe("checkLinks on an update", () => {
  it("checks only the update's pages, against the site's files and the anchors of its pages", async () => {
    const update = path.join(work, "update-1");
    await put(
      update,
      "b/index.html",
      page('<a href="/a/#punkt-1">ok</a> <a href="/a/#punkt-2">no such anchor</a> <a href="/c/">new page</a> <a href="/d/">nowhere</a>'),
    );
    await put(update, "c/index.html", page('<a href="/b/">back</a>'));
    const problems = await checkLinks({ siteDir: path.join(work, "site"), archive, pathPrefix: "/", update: { dir: update } });
    expect(problems.map(formatProblem)).toEqual([
      "/b/:1:1: link: Siden /b/ linker til /d/, som ikke findes i det byggede site. Ret adressen, eller fjern linket.",
      "/b/:1:1: link: Siden /b/ linker til /a/#punkt-2, men /a/ har intet anker #punkt-2. Tjek punktets nummer, eller fjern #punkt-2.",
    ]);
  });

  it("takes the site's files from the caller when it names them", async () => {
    const update = path.join(work, "update-2");
    await put(update, "b/index.html", page('<a href="/a/">a</a>'));
    // The caller says /a/ is gone (e.g. removed by the update): the link is broken.
    const problems = await checkLinks({
      siteDir: path.join(work, "site"),
      archive,
      pathPrefix: "/",
      update: { dir: update, files: ["index.html", "b/index.html"] },
    });
    expect(problems.map(formatProblem)).toEqual([
      "/b/:1:1: link: Siden /b/ linker til /a/, som ikke findes i det byggede site. Ret adressen, eller fjern linket.",
    ]);
  });
});
