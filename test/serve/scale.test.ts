// How long `npm start` takes on a large archive: from start to the printed address, and from a
// saved change to one meeting to the changed HTML on the served page. Prints, asserts nothing
// about time. Runs only when asked, on a copy of a generated archive (scripts/bench/generate.ts):
//   REFERAT_SERVE_ARCHIVE=bench-out/gen-10000 npx vitest run test/serve/scale.test.ts
import { cp, readdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ROOT, tempDir } from "../build/helpers.ts";
import { sleep, startServe, type ServeProcess } from "../build/serve-helpers.ts";

const ARCHIVE = process.env.REFERAT_SERVE_ARCHIVE;
const EDITS = Number(process.env.REFERAT_SERVE_EDITS ?? 6);

let serve: ServeProcess | undefined;
let work: string | undefined;

afterAll(async () => {
  await serve?.stop();
  if (work) await rm(work, { recursive: true, force: true });
});

describe.skipIf(!ARCHIVE)("referat serve on a large archive (REFERAT_SERVE_ARCHIVE)", () => {
  it("prints the startup time and the time from save to changed HTML", async () => {
    work = await tempDir("serve-scale");
    const content = join(work, "content");
    await cp(resolve(ROOT, ARCHIVE!), content, { recursive: true });
    // The meetings to edit: the newest of the first council of the first municipality and a few more.
    const kommune = (await readdir(content, { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()[0]!;
    const councils = (await readdir(join(content, kommune), { withFileTypes: true }))
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort();
    const targets: { file: string; page: string }[] = [];
    for (const raad of councils) {
      const years = (await readdir(join(content, kommune, raad))).sort().reverse();
      for (const year of years.slice(0, 2)) {
        const files = (await readdir(join(content, kommune, raad, year)))
          .filter((f) => f.endsWith(".md"))
          .sort()
          .reverse();
        const slug = files[0]!.slice(0, -3);
        targets.push({ file: join(content, kommune, raad, year, files[0]!), page: `/${kommune}/${raad}/${slug}/` });
      }
    }

    const started = performance.now();
    const server = (serve = await startServe(["--content", content, "--out", join(work, "site"), "--debug"], { CI: process.env.CI ?? "" }));
    await server.waitForOutput("Arkivet vises på", 0, 1_800_000);
    const startup = performance.now() - started;
    console.log(`referat serve ${ARCHIVE}: address printed after ${(startup / 1000).toFixed(1)} s`);

    const times: number[] = [];
    for (let i = 0; i < EDITS; i++) {
      const target = targets[i % targets.length]!;
      const before = await readFile(target.file, "utf8");
      const marker = `Måling ${i} ${Date.now().toString(36)}.`;
      const after = before.replace(/\nDagsordenen blev godkendt\.[^\n]*\n/, `\nDagsordenen blev godkendt. ${marker}\n`);
      expect(after).not.toBe(before);
      await sleep(1_500); // the previous update's search refresh may be running: that is the realistic case
      const t0 = performance.now();
      if (i % 2 === 0) {
        await writeFile(target.file, after);
      } else {
        await writeFile(`${target.file}.tmp`, after);
        await rename(`${target.file}.tmp`, target.file);
      }
      for (;;) {
        const page = await server.fetchPage(target.page).catch(() => undefined);
        if (page?.status === 200 && page.html.includes(marker)) break;
        if (performance.now() - t0 > 120_000) throw new Error(`no change after 120 s on ${target.page}\n${server.output}`);
        await sleep(10);
      }
      times.push(performance.now() - t0);
      console.log(`referat serve ${ARCHIVE}: edit ${i + 1} (${i % 2 === 0 ? "write" : "rename"}) ${target.page} showed after ${Math.round(times[i]!)} ms`);
    }
    const sorted = [...times].sort((a, b) => a - b);
    console.log(
      `referat serve ${ARCHIVE}: save to changed HTML, median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms, max ${Math.round(sorted[sorted.length - 1]!)} ms`,
    );
    console.log(
      server.output
        .split("\n")
        .filter((l) => /Opdateret|Bygget|Søgeindeks|Tider/.test(l))
        .slice(-EDITS - 2)
        .join("\n"),
    );
  }, 1_800_000);
});
