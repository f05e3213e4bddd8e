// The resident side of `referat serve`: one full build at start (the normal pipeline), then the
// validated Archive stays in memory. A change to one meeting file (or its attachments) runs the
// build's stages on what changed: the loader reads and validates that file alone, the CPR guard
// checks it, its municipality's page models are made again, the build's renderer (Eleventy, the
// same templates and configuration) renders only the pages it touches (src/serve/affected.ts),
// the open data and attachments it is part of are written, all into a fresh folder beside the
// site, whose files are then renamed into place (src/serve/publish.ts); the municipality's search
// index follows in the background. Anything else (a meeting added or removed, kommune.yaml,
// portal.yaml, a logo, a new folder) runs the whole build again.
// The output of an update is byte-identical to a full build of the same content.
import { existsSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { relative, resolve, sep } from "node:path";
import { BuildStageError, buildSiteFromArchive, type BuildOptions } from "../build/pipeline.ts";
import { cprStage, loadStage, renderStage } from "../build/stages.ts";
import { loadMeetingFile } from "../content/load.ts";
import type { SourceScan } from "../content/sources.ts";
import type { Problem } from "../report/problem.ts";
import { createSiteData, type SiteData } from "../eleventy/data.ts";
import type { Archive, Council, Kommune, Meeting } from "../minutes/model.ts";
import { formatBuildSummary, formatNothingWritten, formatProblemReport, formatStageFailure, formatTimings } from "../report/build.ts";
import { createProgressReporter, progressMode } from "../report/progress.ts";
import { affectedPages, type Followers, indexFollowers, meetingFiles, patchSiteData, updateFollowers } from "./affected.ts";
import { listFiles, publishInto } from "./publish.ts";
import { checkLinks } from "../trust/links.ts";
import { copyFiles, type CopyJob } from "../build/copy.ts";
import { trackFolder } from "../build/cleanup.ts";
import { siblingPath } from "../build/swap.ts";
import { refreshSearchIndex } from "./search.ts";
import { affectedDataAddresses, ChecksumCache } from "../data/files.ts";
import { addHistory, siteBaseUrl, writeDataFiles } from "../data/stage.ts";
import { readHistory } from "../data/history.ts";
import { recordUrl } from "../data/urls.ts";
import type { MeetingRecord } from "../data/schema.ts";

export interface ServeSiteOptions {
  contentDir: string;
  outDir: string;
  kommune?: string;
  /** Normalised ("/" or "/referater/"). */
  pathPrefix: string;
  /** `--base-url`: the public address of the site's root (feeds, calendars, sitemaps). */
  baseUrl?: string;
  /** `--templates`: a web team's templates folder (docs/templates.md). */
  templates?: string;
  debug?: boolean;
  /** Where messages go (default: the process's stdout and stderr). */
  out?: (text: string) => void;
  err?: (text: string) => void;
}

/** What an update did. `reload`: the served site changed. */
export type UpdateResult =
  | { kind: "pages"; reload: true; meetings: number; pages: number; ms: number; steps: { load: number; cpr: number; render: number; links: number } }
  | { kind: "full"; reload: boolean }
  | { kind: "failed"; reload: false }
  | { kind: "nothing"; reload: false };

interface Place {
  kommune: Kommune;
  council: Council;
  meeting: Meeting;
}

/** How long after an update its search refresh starts. */
const SEARCH_DELAY_MS = 1_000;

/** How long a stray file may live before it counts as content (see `update`). */
const UNCERTAIN_GRACE_MS = 300;

function isPlainFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** File names an editor or the loader makes that are never content. */
function isIgnored(relativePath: string): boolean {
  return relativePath.split("/").some((part) => part.startsWith("."));
}

export class ServeSite {
  /** The last archive that built, as served; undefined until a full build succeeds. */
  archive: Archive | undefined;
  /** The page models of the served site, kept up to date with the archive. */
  private site: SiteData | undefined;
  private followers: Followers = new Map();
  /** Meeting files by absolute path. */
  private places = new Map<string, Place>();
  /** Logos by absolute path: removing one changes what kommune.yaml may say. */
  private logos = new Set<string>();
  /** Meeting files changed but not yet shown (an error kept them out); tried again with every update. */
  private unapplied = new Set<string>();
  /** A full build failed: every change builds the whole site again until one succeeds. */
  private needsFull = true;
  /** Bumped by every full build: a search refresh started before it is dropped. */
  private epoch = 0;
  private searchDirty = new Set<string>();
  /** Checksums of the published files, kept between updates (src/data/files.ts). */
  private readonly checksums = new ChecksumCache();
  /** The open data's records of unchanged meetings, kept between updates (src/data/files.ts). */
  private readonly records = new WeakMap<Meeting, MeetingRecord>();
  private searchRunning: Promise<void> | undefined;
  /** Data files (addresses) updates changed that are still to be written, and the round writing them. */
  private dataDirty = new Set<string>();
  private dataRunning: Promise<void> | undefined;
  /**
   * The served site's files (relative paths), for the link check of an update: listed once after a
   * full build or a search refresh (in the background), then kept up to date by the updates.
   */
  private siteFiles: Promise<Set<string>> | undefined;
  /** A listing under way after a search refresh, and the files updates published (true) or removed (false) since it began. */
  private relisting: { changes: (readonly [string, boolean])[] } | undefined;
  /** What the last full build or update printed about its failure (problem lines and count); empty after a success. */
  problemLines: string[] = [];
  private readonly root: string;
  private readonly out: (text: string) => void;
  private readonly err: (text: string) => void;

  constructor(readonly options: ServeSiteOptions) {
    this.root = resolve(options.contentDir);
    this.out = options.out ?? ((text) => process.stdout.write(text));
    this.err = options.err ?? ((text) => process.stderr.write(text));
  }

  private get buildOptions(): BuildOptions {
    const { contentDir, outDir, kommune, pathPrefix, baseUrl, templates } = this.options;
    return { contentDir, outDir, pathPrefix, ...(kommune ? { kommune } : {}), ...(baseUrl ? { baseUrl } : {}), ...(templates ? { templates } : {}) };
  }

  private printProblems(problems: readonly Problem[]): void {
    this.problemLines = formatProblemReport(problems);
    for (const line of this.problemLines) this.err(`${line}\n`);
  }

  /** The whole build, as `referat build` runs it and with its messages; keeps the archive. */
  async fullBuild(): Promise<boolean> {
    this.epoch++;
    this.searchDirty.clear();
    this.dataDirty.clear();
    this.problemLines = [];
    const { outDir, kommune, debug } = this.options;
    const started = performance.now();
    // The build's progress, as `referat build` shows it, when the messages go to the terminal.
    const progress = createProgressReporter(this.options.err ? "off" : progressMode(process.env, process.stderr), this.err);
    try {
      progress.listener({ stage: "load", phase: "start" });
      // The build's load stage, then the rest of the build's stages on the archive, which is kept.
      const loaded = await loadStage(this.options.contentDir, kommune);
      if (!loaded.ok) {
        progress.finish();
        this.printProblems(loaded.problems);
        this.err(`${formatNothingWritten(outDir)}\n`);
        this.needsFull = true;
        return false;
      }
      const { archive, scans } = loaded;
      const meetings = archive.kommuner.reduce((n, k) => n + k.councils.reduce((m, c) => m + c.meetings.length, 0), 0);
      progress.listener({ stage: "load", phase: "end", result: { kommuner: archive.kommuner.length, meetings } });
      // The build's page models are kept for the updates, with their history and what rendering
      // memoised on them (the search pages' example counts): the first update need not make them again.
      let built: SiteData | undefined;
      const result = await buildSiteFromArchive(
        archive,
        { ...this.buildOptions, onProgress: progress.listener, onPages: (site) => (built = site) },
        performance.now() - started,
        scans,
      );
      progress.finish();
      if (!result.ok) {
        this.printProblems(result.problems);
        this.err(`${formatNothingWritten(outDir)}\n`);
        this.needsFull = true;
        return false;
      }
      this.out(`${formatBuildSummary(result.stats, outDir, performance.now() - started)}\n`);
      if (debug) this.out(`${formatTimings(result.stats)}\n`);
      this.adopt(archive, built);
      this.relistSiteFiles();
      if (!this.site!.history) await addHistory(this.site!);
      return true;
    } catch (error) {
      progress.finish();
      if (!(error instanceof BuildStageError)) throw error;
      this.problemLines = [formatStageFailure(error.message)];
      this.err(`${formatStageFailure(error.message)}\n`);
      this.err(`${formatNothingWritten(outDir)}\n`);
      if (debug) this.err(`${(error.cause as Error)?.stack ?? error.stack ?? ""}\n`);
      this.needsFull = true;
      return false;
    }
  }

  private adopt(archive: Archive, built?: SiteData): void {
    this.archive = archive;
    this.site =
      built ??
      createSiteData(archive, {
        pathPrefix: this.options.pathPrefix,
        ...(this.options.kommune ? { kommune: this.options.kommune } : {}),
        ...(this.options.baseUrl ? { baseUrl: this.options.baseUrl } : {}),
      });
    this.followers = indexFollowers(this.site.kommuner);
    this.places.clear();
    this.logos.clear();
    for (const kommune of archive.kommuner) {
      if (kommune.look.logoSourcePath) this.logos.add(resolve(kommune.look.logoSourcePath));
      for (const council of kommune.councils) {
        for (const meeting of council.meetings) this.places.set(resolve(meeting.absolutePath), { kommune, council, meeting });
      }
    }
    this.unapplied.clear();
    this.needsFull = false;
  }

  /** The meeting file a changed path belongs to (the file itself, or a file in its attachment folder). */
  private meetingOf(path: string): string | undefined {
    if (this.places.has(path)) return path;
    for (let dir = path; dir.length > this.root.length; dir = resolve(dir, "..")) {
      if (this.places.has(`${dir}.md`)) return `${dir}.md`;
    }
    return undefined;
  }

  /**
   * Sorts changed paths: meeting files to update in place, or "full" when the whole site must be
   * built again. Paths outside the content folder (templates, code) are "full" too.
   */
  classify(paths: Iterable<string>): { meetings: Set<string>; full: boolean; uncertain: string[] } {
    const meetings = new Set<string>();
    const uncertain: string[] = [];
    let full = false;
    for (const raw of paths) {
      const path = resolve(raw);
      const rel = relative(this.root, path);
      if (rel === "" || rel.startsWith("..") || rel.startsWith(sep)) {
        full = true;
        continue;
      }
      const parts = rel.split(sep);
      if (isIgnored(parts.join("/"))) continue;
      if (this.options.kommune && parts[0] !== this.options.kommune) continue; // not in this site
      const meeting = this.meetingOf(path);
      if (meeting) {
        meetings.add(meeting);
        continue;
      }
      // Something the last good build did not know: a new meeting, folder or stray file (the
      // build judges it), or kommune.yaml, portal.yaml or a logo. A file that is gone again and
      // was none of those (an editor's temp file, saved by rename) changes nothing.
      const name = parts[parts.length - 1] ?? "";
      if (name === "kommune.yaml" || name === "portal.yaml" || this.logos.has(path)) full = true;
      else if (isPlainFile(path) && !name.endsWith(".md")) uncertain.push(path);
      else if (existsSync(path)) full = true;
    }
    return { meetings, full, uncertain };
  }

  /** Handles a batch of changed paths. Never throws for bad content; prints what it found. */
  async update(paths: Iterable<string>): Promise<UpdateResult> {
    const started = performance.now();
    this.problemLines = [];
    const { meetings, full, uncertain } = this.classify(paths);
    if (full || this.needsFull || !this.archive) return this.rebuild();
    if (uncertain.length > 0) {
      // A file where none belongs is most often an editor's temp file (`2023-09-06.md.tmp`, vim's
      // `4913`), renamed over the meeting or removed a moment later. If it stays, the build judges it.
      await new Promise((done) => setTimeout(done, UNCERTAIN_GRACE_MS));
      if (uncertain.some((path) => existsSync(path))) return this.rebuild();
    }
    for (const path of this.unapplied) meetings.add(path);
    if (meetings.size === 0) return { kind: "nothing", reload: false };
    // A meeting file that is gone is a removed meeting: the whole site changes.
    if ([...meetings].some((path) => !existsSync(path))) return this.rebuild();

    // Their publishing history (git), read beside the load and the CPR guard: a page shows it.
    const historyRun = readHistory([...meetings].map((path) => (this.places.get(path) as Place).meeting.absolutePath));
    historyRun.catch(() => undefined); // Awaited below when the update gets that far.
    // Load: the loader's own reading and validation of each changed file.
    const loadStarted = performance.now();
    const loaded: { place: Place; meeting: Meeting }[] = [];
    const rejected: SourceScan[] = [];
    const problems: Problem[] = [];
    for (const path of meetings) {
      const place = this.places.get(path) as Place;
      const result = await loadMeetingFile(this.options.contentDir, path, place.council.name);
      problems.push(...result.problems);
      if (result.meeting) loaded.push({ place, meeting: result.meeting });
      else if (result.scan) rejected.push(result.scan);
    }
    // CPR: the guard over just these meetings, the valid and the rejected ones (as the build's load
    // stage reads rejected files too), and their municipality's kommune.yaml.
    const cprStarted = performance.now();
    const byCouncil = new Map<Council, Meeting[]>();
    for (const { place, meeting } of loaded) byCouncil.set(place.council, [...(byCouncil.get(place.council) ?? []), meeting]);
    const kommuner = new Map<Kommune, Council[]>();
    for (const path of meetings) {
      const { kommune, council } = this.places.get(path) as Place;
      const councils = kommuner.get(kommune) ?? [];
      if (!councils.some((c) => c.slug === council.slug)) councils.push({ ...council, meetings: byCouncil.get(council) ?? [] });
      kommuner.set(kommune, councils);
    }
    const scoped: Archive = { kommuner: [...kommuner].map(([kommune, councils]) => ({ ...kommune, councils })) };
    problems.push(...(await cprStage(scoped, { rejected })).problems);
    if (problems.length > 0) {
      this.printProblems(problems);
      for (const path of meetings) this.unapplied.add(path);
      return { kind: "failed", reload: false };
    }

    const renderStarted = performance.now();
    const siteDir = resolve(this.options.outDir);
    const changed = loaded.map(({ meeting }) => meeting);
    // Into the archive, in the old meeting's place (the address, so the order, is the file name's);
    // undone if the link check finds a problem.
    const previousSite = this.site!;
    const swapMeetings = (forward: boolean) => {
      for (const { place, meeting } of loaded) {
        const [from, to] = forward ? [place.meeting, meeting] : [meeting, place.meeting];
        place.council.meetings[place.council.meetings.indexOf(from)] = to;
        this.places.set(resolve(to.absolutePath), { ...place, meeting: to });
        updateFollowers(this.followers, from, to);
      }
    };
    swapMeetings(true);
    // The build's stages on what changed, into a fresh folder beside the site; then each file is
    // renamed into place (src/serve/publish.ts).
    const fresh = siblingPath(siteDir, "tmp");
    const untrack = trackFolder(fresh);
    let pages: number;
    let linksStarted: number;
    try {
      // Page models: the municipalities' again, with the functions the build's pages stage uses.
      const touched = [...new Set(loaded.map(({ place }) => place.kommune))];
      this.site = patchSiteData(this.site!, touched);
      // Their history (a saved file was changed now), as a full build would read it.
      const history = await historyRun;
      this.site = { ...this.site, history: new Map([...(this.site.history ?? []), ...history]) };
      const followed = loaded.flatMap(({ place, meeting }) => [place.meeting, meeting]);
      const affected = affectedPages(this.site, changed, this.followers, followed);
      // Render: the build's renderer (Eleventy, the same templates and configuration), over the
      // affected pages only. Markdown in this thread: worker threads cost more to start than a few pages.
      await renderStage({ ...this.site, ...affected }, fresh, { workers: 0, ...(this.options.templates ? { templates: this.options.templates } : {}) });
      pages = affected.meetingPages.length + affected.listPages.length;
      // Data: the open data the meetings are part of (their referat.json, feeds, calendars, exports).
      const baseUrl = siteBaseUrl(this.site, this.options);
      const only = affectedDataAddresses(
        loaded.map(({ place, meeting }) => ({ meeting, council: place.council, kommune: place.kommune })),
        this.site.scope.kommune === undefined,
        baseUrl !== undefined,
      );
      // The meetings' own records now; the files made of a whole council, municipality or site (their
      // feeds and calendars, the exports, the sitemaps: tens of megabytes at 10,000 meetings, several
      // seconds to write) right after, in the background (refreshData), as the search index is.
      const now = new Set(loaded.map(({ meeting }) => recordUrl(meeting)));
      await writeDataFiles(this.site, fresh, { baseUrl, checksums: this.checksums, only: new Set([...only].filter((a) => now.has(a))), records: this.records });
      for (const address of only) if (!now.has(address)) this.dataDirty.add(address);
      // Copy: the meetings' attachments as they are now; those they no longer have go.
      const gone = new Set<string>();
      const jobs: CopyJob[] = [];
      for (const { place, meeting } of loaded) {
        const now = meetingFiles(meeting);
        for (const [to, from] of now) jobs.push({ from, to });
        for (const to of meetingFiles(place.meeting).keys()) if (!now.has(to)) gone.add(to);
      }
      await copyFiles(jobs, fresh);
      // Links: the new pages' links and anchors, against the site as it will be.
      linksStarted = performance.now();
      const siteFiles = [...(await this.listSiteFiles())].filter((file) => !gone.has(file));
      const linkProblems = await checkLinks({ siteDir, archive: this.archive, pathPrefix: this.options.pathPrefix, update: { dir: fresh, files: siteFiles } });
      if (linkProblems.length > 0) {
        swapMeetings(false);
        this.site = previousSite;
        this.printProblems(linkProblems);
        for (const path of meetings) this.unapplied.add(path);
        return { kind: "failed", reload: false };
      }
      const moved = await publishInto(fresh, siteDir, gone);
      const known = await this.listSiteFiles();
      for (const file of moved) known.add(file.split(sep).join("/"));
      for (const file of gone) known.delete(file);
      this.relisting?.changes.push(...moved.map((file) => [file.split(sep).join("/"), true] as const), ...[...gone].map((file) => [file, false] as const));
      this.unapplied.clear();
    } catch (error) {
      // A template or the disk failed: only a whole build is sure to be right again.
      this.needsFull = true;
      throw error;
    } finally {
      await rm(fresh, { recursive: true, force: true });
      untrack();
    }
    for (const meeting of changed) this.searchDirty.add(meeting.kommune);
    void this.refreshData();
    void this.refreshSearch();
    const done = performance.now();
    return {
      kind: "pages",
      reload: true,
      meetings: changed.length,
      pages,
      ms: done - started,
      steps: { load: cprStarted - loadStarted, cpr: renderStarted - cprStarted, render: linksStarted - renderStarted, links: done - linksStarted },
    };
  }

  private async rebuild(): Promise<UpdateResult> {
    this.out("Bygger hele sitet igen …\n");
    return { kind: "full", reload: await this.fullBuild() };
  }

  /** The served site's files as last listed and kept up to date. */
  private listSiteFiles(): Promise<Set<string>> {
    this.siteFiles ??= listFiles(resolve(this.options.outDir)).then((files) => new Set(files.map((file) => file.split(sep).join("/"))));
    return this.siteFiles;
  }

  /** Lists the served site's files again, in the background, after a full build replaced them all (an update waits for the listing). */
  private relistSiteFiles(): void {
    this.relisting = undefined;
    this.siteFiles = undefined;
    this.listSiteFiles().catch(() => (this.siteFiles = undefined));
  }

  /**
   * Lists the served site's files again in the background after a search refresh changed its
   * index files, keeping the last listing for the updates meanwhile (no page links to an index's
   * fragments, so the link check does not need them; at 10,000 meetings a listing takes about a
   * second). The files updates publish or remove meanwhile are applied to the new listing.
   */
  private relistSiteFilesLater(): void {
    if (!this.siteFiles) return this.relistSiteFiles();
    const round: { changes: (readonly [string, boolean])[] } = { changes: [] };
    this.relisting = round;
    listFiles(resolve(this.options.outDir)).then(
      (files) => {
        if (this.relisting !== round) return; // a newer listing, or a full build, since
        const listed = new Set(files.map((file) => file.split(sep).join("/")));
        for (const [file, present] of round.changes) {
          if (present) listed.add(file);
          else listed.delete(file);
        }
        this.siteFiles = Promise.resolve(listed);
        this.relisting = undefined;
      },
      () => {
        if (this.relisting === round) this.relisting = undefined;
      },
    );
  }

  /** Makes the search index of every municipality with changed pages again, one at a time, in the background. */
  private refreshSearch(): Promise<void> {
    if (this.searchRunning) return this.searchRunning;
    this.searchRunning = (async () => {
      try {
        // A moment first: the browser fetches the new pages undisturbed, and a burst of saves is one refresh.
        await new Promise((done) => setTimeout(done, SEARCH_DELAY_MS));
        for (let next = this.searchDirty.values().next(); !next.done; next = this.searchDirty.values().next()) {
          const kommune = next.value;
          this.searchDirty.delete(kommune);
          const epoch = this.epoch;
          const archive = this.archive;
          if (!archive) break;
          const started = performance.now();
          try {
            const done = await refreshSearchIndex({
              siteDir: resolve(this.options.outDir),
              archive,
              pathPrefix: this.options.pathPrefix,
              kommune,
              contentDir: this.options.contentDir,
              stillWanted: () => this.epoch === epoch,
            });
            if (done) this.relistSiteFilesLater();
            if (done && this.options.debug) this.out(`Søgeindekset for ${kommune} er opdateret (${Math.round(performance.now() - started)} ms).\n`);
          } catch (error) {
            // Not fatal: the pages are right, and the next full build makes the index anew.
            if (this.epoch === epoch) this.err(`Søgeindekset for ${kommune} kunne ikke opdateres: ${(error as Error).message}\n`);
          }
        }
      } finally {
        this.searchRunning = undefined;
      }
    })();
    return this.searchRunning;
  }

  /** Resolves when no search refresh is running or waiting (for tests and a clean stop). */
  async searchSettled(): Promise<void> {
    while (this.searchRunning || this.dataRunning) await (this.dataRunning ?? this.searchRunning);
  }

  /**
   * Writes the data files of whole councils, municipalities or the site that updates changed, in
   * the background: the build's data stage (writeDataFiles) into a fresh folder beside the site,
   * whose files are then renamed into place. Changes meanwhile are written by the next round.
   */
  private refreshData(): Promise<void> {
    if (this.dataRunning) return this.dataRunning;
    this.dataRunning = (async () => {
      try {
        while (this.dataDirty.size > 0 && this.site) {
          const only = new Set(this.dataDirty);
          this.dataDirty.clear();
          const epoch = this.epoch;
          const siteDir = resolve(this.options.outDir);
          const fresh = siblingPath(siteDir, "tmp");
          const untrack = trackFolder(fresh);
          try {
            await writeDataFiles(this.site, fresh, { baseUrl: siteBaseUrl(this.site, this.options), checksums: this.checksums, only, records: this.records });
            // A full build since has written them all anew.
            if (this.epoch === epoch) await publishInto(fresh, siteDir);
          } catch (error) {
            if (this.epoch === epoch) this.err(`De åbne data kunne ikke opdateres: ${(error as Error).message}\n`);
          } finally {
            await rm(fresh, { recursive: true, force: true });
            untrack();
          }
        }
      } finally {
        this.dataRunning = undefined;
      }
    })();
    return this.dataRunning;
  }
}
