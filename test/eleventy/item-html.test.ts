import { describe, expect, it } from "vitest";
import { createSiteData } from "../../src/eleventy/data.ts";
import { openBodies, prerenderItemHtml } from "../../src/eleventy/item-html.ts";
import { renderMarkdown } from "../../src/render/markdown.ts";
import { makeArchive } from "../site/archive-fixture.ts";

describe("items' Markdown rendered ahead in worker threads", () => {
  it("gives exactly what the template would render, links to other meetings included, closed items never sent", async () => {
    const archive = makeArchive();
    const [first] = archive.kommuner[0]!.councils[0]!.meetings;
    first!.items.push(
      {
        closed: true,
        number: 9,
        title: "Lukket",
        presenters: [],
        attachments: [],
        conflicts: [],
        follows: [],
        unpublishedAttachments: [],
        editorial: [],
        body: "hemmelig",
        line: 1,
      },
      {
        closed: false,
        number: 10,
        title: "Link",
        presenters: [],
        attachments: [],
        conflicts: [],
        follows: [],
        unpublishedAttachments: [],
        editorial: [],
        body: "[næste](2023-11-21.md#punkt-2) {{ x }} ![b](/a.png)\n",
        line: 1,
      },
    );
    const site = createSiteData(archive, { pathPrefix: "/referater/" });
    const itemHtml = prerenderItemHtml(archive, site.meetingPages, { pathPrefix: site.pathPrefix, workers: 2 });
    try {
      for (const page of site.meetingPages) {
        await itemHtml.ready(page.meeting);
        const expected = openBodies(page.meeting).map((body) =>
          renderMarkdown(body, { pathPrefix: site.pathPrefix, sourcePath: page.meeting.sourcePath, resolveMeetingLink: site.resolveMeetingLink }),
        );
        expect(itemHtml.take(page.meeting)).toEqual(expected);
        // Handed over once.
        expect(itemHtml.take(page.meeting)).toBeUndefined();
      }
      expect(openBodies(first!)).not.toContain("hemmelig");
    } finally {
      await itemHtml.close();
    }
  });

  it("is ready at once for a meeting it was not asked to render", async () => {
    const archive = makeArchive();
    const itemHtml = prerenderItemHtml(archive, [], { pathPrefix: "/" });
    const meeting = archive.kommuner[0]!.councils[0]!.meetings[0]!;
    await itemHtml.ready(meeting);
    expect(itemHtml.take(meeting)).toBeUndefined();
    await itemHtml.close();
  });
});
