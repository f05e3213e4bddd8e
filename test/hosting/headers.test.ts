// The hosting headers are written once (deploy/headers.json): the nginx and Apache examples must
// send exactly those, on every location. When nginx is installed (not in CI), the nginx example is
// also checked with `nginx -t` and run, and its answers' headers are compared with headersFor().
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { get } from "node:http";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { CACHE_IMMUTABLE, CACHE_OTHER, headersFor, SECURITY_HEADERS } from "../../src/hosting/headers.ts";
import { freePort, ROOT, tempDir } from "../build/helpers.ts";

const run = promisify(execFile);
const NGINX_CONF = join(ROOT, "deploy/nginx.conf");
const APACHE_CONF = join(ROOT, "deploy/apache.htaccess");
const NGINX = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((path) => existsSync(path));

describe("the security and cache headers", () => {
  it("give Pagefind's hashed chunks a cache for good and everything else no-cache", () => {
    expect(headersFor("/gladsaxe/pagefind/fragment/da_1a2b3c.pf_fragment")["Cache-Control"]).toBe("public, max-age=31536000, immutable");
    expect(headersFor("/gladsaxe/pagefind/index/da_1a2b3c.pf_index")["Cache-Control"]).toBe(CACHE_IMMUTABLE);
    expect(headersFor("/gladsaxe/pagefind/pagefind.da_1a2b3c.pf_meta")["Cache-Control"]).toBe(CACHE_IMMUTABLE);
    for (const path of [
      "/",
      "/gladsaxe/udsatteraadet/2023-09-06/",
      "/gladsaxe/pagefind/pagefind-entry.json",
      "/gladsaxe/pagefind/wasm.da.pagefind",
      "/assets/style.css",
    ]) {
      expect(headersFor(path)["Cache-Control"], path).toBe("no-cache");
    }
  });

  it("include a CSP without 'unsafe-inline' but with 'wasm-unsafe-eval' for Pagefind, and the other security headers", () => {
    const csp = SECURITY_HEADERS["Content-Security-Policy"] ?? "";
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(SECURITY_HEADERS["X-Content-Type-Options"]).toBe("nosniff");
    expect(Object.keys(SECURITY_HEADERS)).toEqual(expect.arrayContaining(["Referrer-Policy", "Permissions-Policy"]));
  });
});

/** `{ name: value }` of every `add_header` in one nginx block's text. */
function nginxHeaders(block: string): Record<string, string> {
  return Object.fromEntries([...block.matchAll(/^\s*add_header\s+(\S+)\s+"([^"]*)"\s+always;$/gm)].map((m) => [m[1], m[2]]));
}

describe("deploy/nginx.conf", () => {
  it("sends every security header and the right Cache-Control in each location", async () => {
    const text = await readFile(NGINX_CONF, "utf8");
    const locations = [...text.matchAll(/^\s+location\s+([^{]+)\{([^}]*)\}/gm)].map((m) => ({
      match: (m[1] as string).trim(),
      headers: nginxHeaders(m[2] as string),
    }));
    expect(locations.map((l) => l.match)).toEqual(["/", "~ \\.pf_(fragment|index|filter|meta)$", "~ \\.pagefind$"]);
    for (const { match, headers } of locations) {
      const { "Cache-Control": cache, ...security } = headers;
      expect(security, match).toEqual(SECURITY_HEADERS);
      expect(cache, match).toBe(match.includes("pf_") ? CACHE_IMMUTABLE : CACHE_OTHER);
    }
  });
});

describe("deploy/apache.htaccess", () => {
  it("sends every security header, no-cache, and a cache for good on Pagefind's hashed chunks", async () => {
    const text = await readFile(APACHE_CONF, "utf8");
    const set = [...text.matchAll(/^\s*Header always set (\S+) "([^"]*)"$/gm)].map((m) => [m[1] as string, m[2] as string] as const);
    const security = Object.fromEntries(set.filter(([name]) => name !== "Cache-Control"));
    expect(security).toEqual(SECURITY_HEADERS);
    expect(set.filter(([name]) => name === "Cache-Control").map(([, value]) => value)).toEqual([CACHE_OTHER, CACHE_IMMUTABLE]);
    expect(text).toContain('<FilesMatch "\\.pf_(fragment|index|filter|meta)$">');
    expect(text).toContain("AddType application/wasm .pagefind");
  });
});

describe.skipIf(!NGINX)("deploy/nginx.conf in a real nginx (skipped where nginx is not installed)", () => {
  let dir: string;
  let nginx: ChildProcess | undefined;
  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const gone = new Promise((done) => nginx!.once("exit", done));
      nginx.kill("SIGQUIT");
      await gone;
    }
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it("passes nginx -t and answers with the headers of headersFor()", async () => {
    dir = await tempDir("nginx");
    await chmod(dir, 0o755); // nginx's workers run as another user when started as root
    const site = join(dir, "current");
    await mkdir(join(site, "gladsaxe/pagefind/fragment"), { recursive: true });
    await writeFile(join(site, "index.html"), "<!doctype html><title>x</title>");
    await writeFile(join(site, "404.html"), "<!doctype html><title>ikke fundet</title>");
    await writeFile(join(site, "gladsaxe/pagefind/fragment/da_1a2b3c.pf_fragment"), "x");
    await writeFile(join(site, "gladsaxe/pagefind/wasm.da.pagefind"), "x");
    const port = await freePort();
    const server = (await readFile(NGINX_CONF, "utf8"))
      .replace(/listen 80;\n\s*listen \[::\]:80;/, `listen 127.0.0.1:${port};`)
      .replace("root /var/www/referater/current;", `root ${site};`);
    const conf = join(dir, "nginx.conf");
    await writeFile(
      conf,
      `daemon off;\npid ${dir}/nginx.pid;\nerror_log ${dir}/error.log;\nevents {}\nhttp {\n  include /etc/nginx/mime.types;\n  access_log off;\n` +
        `  client_body_temp_path ${dir}/tmp; proxy_temp_path ${dir}/tmp; fastcgi_temp_path ${dir}/tmp; uwsgi_temp_path ${dir}/tmp; scgi_temp_path ${dir}/tmp;\n${server}\n}\n`,
    );
    await mkdir(join(dir, "tmp"));
    const tested = await run(NGINX as string, ["-t", "-c", conf, "-p", dir, "-e", join(dir, "error.log")]);
    expect(tested.stderr).toContain("test is successful");

    nginx = spawn(NGINX as string, ["-c", conf, "-p", dir, "-e", join(dir, "error.log")], { stdio: "ignore" });
    const head = (path: string) =>
      new Promise<{ status: number; headers: Record<string, string | string[] | undefined> }>((done, fail) => {
        const request = get({ host: "127.0.0.1", port, path }, (response) => {
          response.resume();
          response.on("end", () => done({ status: response.statusCode ?? 0, headers: response.headers }));
        });
        request.on("error", fail);
      });
    let first: Awaited<ReturnType<typeof head>> | undefined;
    for (let attempt = 0; !first; attempt++) {
      first = await head("/").catch((error: Error) => {
        if (attempt > 100) throw error;
        return new Promise<undefined>((wait) => setTimeout(() => wait(undefined), 100));
      });
    }
    for (const path of ["/", "/gladsaxe/pagefind/fragment/da_1a2b3c.pf_fragment", "/gladsaxe/pagefind/wasm.da.pagefind", "/findes-ikke/"]) {
      const answer = await head(path);
      expect(answer.status, path).toBe(path === "/findes-ikke/" ? 404 : 200);
      for (const [name, value] of Object.entries(headersFor(path))) expect(answer.headers[name.toLowerCase()], `${path} ${name}`).toBe(value);
    }
    expect((await head("/gladsaxe/pagefind/wasm.da.pagefind")).headers["content-type"]).toBe("application/wasm");
  });
});
