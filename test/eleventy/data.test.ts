// What the templates see and what the adapter keeps: the global data `referat` is the site's view
// models (src/site/view.ts), and the build's writer, test hook and Markdown stay in the hooks.
import { describe, expect, it } from "vitest";
import { createSiteData, forTemplates } from "../../src/eleventy/data.ts";
import { openBodies } from "../../src/eleventy/item-html.ts";
import { renderMarkdown } from "../../src/render/markdown.ts";
import { SITE_VIEW_FIELDS } from "../../src/site/view.ts";
import { makeArchive } from "../site/archive-fixture.ts";

describe("the data templates receive", () => {
  it("is the site's view models, frozen, without the archive, the writer, the test hook or the link resolver", () => {
    const written: string[] = [];
    const site = {
      ...createSiteData(makeArchive(), { pathPrefix: "/referater/", onRenderPage: () => {} }),
      writePage: async (file: string) => void written.push(file),
      outputReady: Promise.resolve(),
    };
    const { view } = forTemplates(site);
    expect(Object.isFrozen(view)).toBe(true);
    expect(Object.keys(view).sort()).toEqual(SITE_VIEW_FIELDS.filter((field) => site[field] !== undefined).sort());
    for (const hidden of ["archive", "writePage", "onRenderPage", "outputReady", "itemHtml", "resolveMeetingLink"]) expect(view).not.toHaveProperty(hidden);
    expect(view.meetingPages).toBe(site.meetingPages);
    expect(view.listPages).toBe(site.listPages);
  });
});

describe("the adapter's hooks", () => {
  it("give a meeting page its open items' HTML as the project's Markdown renders it, and tell the test hook", async () => {
    const rendered: string[] = [];
    const site = createSiteData(makeArchive(), { pathPrefix: "/referater/", onRenderPage: (url) => rendered.push(url) });
    const { hooks } = forTemplates(site);
    const page = site.meetingPages[0]!;
    const extras = await hooks.prepare({ meetingPage: page });
    const context = { pathPrefix: "/referater/", sourcePath: page.meeting.sourcePath, resolveMeetingLink: site.resolveMeetingLink };
    expect(extras).toEqual({ itemHtml: openBodies(page.meeting).map((body) => renderMarkdown(body, context)) });
    expect(rendered).toEqual([page.url]);
  });

  it("give any other page nothing and do not tell the test hook", async () => {
    const rendered: string[] = [];
    const site = createSiteData(makeArchive(), { onRenderPage: (url) => rendered.push(url) });
    const { hooks } = forTemplates(site);
    expect(await hooks.prepare({ listPage: site.listPages[0] })).toBeUndefined();
    expect(hooks.write).toBeUndefined();
    expect(rendered).toEqual([]);
  });
});
