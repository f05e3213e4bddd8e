// The CI recipes in deploy/ (they cannot run here): each checks and builds on every push with the
// build cache kept between runs, and publishes only from the default branch after a green build.
import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import * as yaml from "js-yaml";
import { describe, expect, it } from "vitest";
import { ROOT } from "../build/helpers.ts";

const run = promisify(execFile);

interface Step {
  uses?: string;
  run?: string;
  if?: string;
  with?: Record<string, string>;
}
interface GitHubWorkflow {
  on: Record<string, unknown>;
  env: Record<string, string>;
  jobs: Record<string, { needs?: string; if?: string; steps: Step[]; permissions?: Record<string, string> }>;
}
interface GitLabJob {
  stage: string;
  script: string[];
  needs?: string[];
  cache?: { paths: string[] };
  artifacts?: { paths: string[] };
  rules?: { if: string }[];
}

describe("deploy/github-pages.yml", async () => {
  const workflow = yaml.load(await readFile(join(ROOT, "deploy/github-pages.yml"), "utf8")) as GitHubWorkflow;
  const build = workflow.jobs.build!;
  const runs = build.steps.flatMap((step) => (step.run ? [step.run] : []));

  it("checks and builds on every push and pull request, with the build cache and its secret kept between runs", () => {
    expect(Object.keys(workflow.on)).toEqual(expect.arrayContaining(["push", "pull_request"]));
    expect(workflow.on.push).toBeNull(); // every branch
    expect(runs).toEqual(expect.arrayContaining(["npm ci", "npx referat check"]));
    expect(runs.some((line) => line.startsWith("npx referat build --out _site"))).toBe(true);
    expect(workflow.env.REFERAT_CACHE_DIR).toBe("${{ github.workspace }}/.referat-cache");
    // The seal's secret from the repository's secrets: a runner's own would change every run.
    expect(workflow.env.REFERAT_CACHE_SECRET).toBe("${{ secrets.REFERAT_CACHE_SECRET }}");
    const cache = build.steps.find((step) => step.uses?.startsWith("actions/cache@"));
    expect(cache?.with?.path).toBe(".referat-cache");
    expect(build.steps.indexOf(cache!)).toBeLessThan(build.steps.findIndex((step) => step.run === "npx referat check"));
  });

  it("publishes only a push to the default branch, after the build job passed", () => {
    const deploy = workflow.jobs.deploy!;
    expect(deploy.needs).toBe("build");
    expect(deploy.if).toBe("github.event_name == 'push' && github.ref_name == github.event.repository.default_branch");
    expect(deploy.steps.map((step) => step.uses)).toEqual(["actions/deploy-pages@v4"]);
    expect(deploy.permissions).toEqual({ pages: "write", "id-token": "write" });
  });
});

describe("deploy/gitlab-ci.yml", async () => {
  const pipeline = yaml.load(await readFile(join(ROOT, "deploy/gitlab-ci.yml"), "utf8")) as Record<string, unknown> & { variables: Record<string, string> };
  const build = pipeline.build as GitLabJob;
  const pages = pipeline.pages as GitLabJob;

  it("checks and builds on every push, with the build cache kept between runs", () => {
    expect(build.rules).toBeUndefined(); // every branch
    expect(build.script.slice(0, 2)).toEqual(["npm ci", "npx referat check"]);
    expect(build.script.some((line) => line.startsWith("npx referat build --out _site"))).toBe(true);
    expect(pipeline.variables.REFERAT_CACHE_DIR).toBe("$CI_PROJECT_DIR/.referat-cache");
    expect(build.cache?.paths).toEqual(expect.arrayContaining([".referat-cache/"]));
    expect(build.artifacts?.paths).toEqual(["public"]);
  });

  it("publishes only the default branch, after the build job passed", () => {
    expect(pages.needs).toEqual(["build"]);
    expect(pages.rules).toEqual([{ if: "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" }]);
    expect(pages.artifacts?.paths).toEqual(["public"]);
  });

  it("builds for the sub-path GitLab Pages serves the project under", async () => {
    const line = build.script.find((l) => l.startsWith("PREFIX="))!;
    const prefix = async (url: string) => (await run("sh", ["-c", `${line}; printf '%s' "$PREFIX"`], { env: { ...process.env, CI_PAGES_URL: url } })).stdout;
    expect(await prefix("https://eksempelby.gitlab.io/referater")).toBe("/referater/");
    expect(await prefix("https://referater.eksempelby.dk")).toBe("/");
  });
});
