import { describe, expect, it } from "vitest";
import { createSiteData } from "../../src/eleventy/data.ts";
import { meetingLabel } from "../../src/site/breadcrumbs.ts";
import { indexMeetings } from "../../src/site/meeting-index.ts";
import { bodyHeadings, viewClosedItem, viewItems } from "../../src/site/items.ts";
import { buildListPages, buildMeetingPages, itemKinds, meetingPageTitle } from "../../src/site/pages.ts";
import { makeArchive } from "./archive-fixture.ts";

describe("page models", () => {
  it("lists every address of a two-municipality site, portal first", () => {
    const archive = makeArchive();
    const urls = buildListPages(archive.kommuner, {}).map((p) => `${p.kind} ${p.url}`);
    expect(urls).toEqual([
      "portal /",
      "kommune /aalborg/",
      "council /aalborg/udsatteraadet/",
      "year /aalborg/udsatteraadet/2025/",
      "kommune /gladsaxe/",
      "council /gladsaxe/udsatteraadet/",
      "year /gladsaxe/udsatteraadet/2023/",
      "year /gladsaxe/udsatteraadet/2022/",
    ]);
    expect(buildMeetingPages(archive.kommuner, {}).map((p) => p.url)).toEqual([
      "/aalborg/udsatteraadet/2025-03-12/",
      "/gladsaxe/udsatteraadet/2023-11-01/",
      "/gladsaxe/udsatteraadet/2023-09-06/",
      "/gladsaxe/udsatteraadet/2022-11-21/",
    ]);
  });

  it("builds one municipality alone with that municipality at /", () => {
    const archive = makeArchive();
    const pages = buildListPages(archive.kommuner, { kommune: "gladsaxe" });
    expect(pages[0]).toMatchObject({ kind: "kommune", url: "/", breadcrumbs: [{ label: "Gladsaxe Kommune", url: "/" }] });
    expect(pages.some((p) => p.url.startsWith("/aalborg/"))).toBe(false);
    expect(buildMeetingPages(archive.kommuner, { kommune: "gladsaxe" }).every((p) => p.url.startsWith("/gladsaxe/"))).toBe(true);
  });

  it("gives every page a breadcrumb trail ending in the page itself", () => {
    const archive = makeArchive();
    const meeting = buildMeetingPages(archive.kommuner, {}).find((p) => p.url === "/gladsaxe/udsatteraadet/2023-09-06/");
    expect(meeting?.breadcrumbs).toEqual([
      { label: "Alle kommuner", url: "/" },
      { label: "Gladsaxe Kommune", url: "/gladsaxe/" },
      { label: "Udsatterådet", url: "/gladsaxe/udsatteraadet/" },
      { label: "2023", url: "/gladsaxe/udsatteraadet/2023/" },
      { label: "6. september 2023", url: "/gladsaxe/udsatteraadet/2023-09-06/" },
    ]);
    const single = buildMeetingPages(archive.kommuner, { kommune: "gladsaxe" })[1];
    expect(single?.breadcrumbs[0]).toEqual({ label: "Gladsaxe Kommune", url: "/" });
    for (const page of [...buildListPages(archive.kommuner, {}), ...buildMeetingPages(archive.kommuner, {})]) {
      expect(page.breadcrumbs.at(-1)?.url).toBe(page.url);
    }
  });

  it("links each meeting to the council's previous and next meeting", () => {
    const pages = buildMeetingPages(makeArchive().kommuner, {});
    const middle = pages.find((p) => p.url === "/gladsaxe/udsatteraadet/2023-09-06/");
    expect(middle?.previous?.url).toBe("/gladsaxe/udsatteraadet/2022-11-21/");
    expect(middle?.next?.url).toBe("/gladsaxe/udsatteraadet/2023-11-01/");
    const newest = pages.find((p) => p.url === "/gladsaxe/udsatteraadet/2023-11-01/");
    expect(newest?.next).toBeUndefined();
  });

  it("groups a council's meetings by year, newest first, and links neighbouring years", () => {
    const pages = buildListPages(makeArchive().kommuner, {});
    const council = pages.find((p) => p.kind === "council" && p.url === "/gladsaxe/udsatteraadet/");
    expect(council?.kind === "council" && council.years.map((y) => [y.year, y.meetings.map((m) => m.slug)])).toEqual([
      ["2023", ["2023-11-01", "2023-09-06"]],
      ["2022", ["2022-11-21"]],
    ]);
    const year = pages.find((p) => p.url === "/gladsaxe/udsatteraadet/2023/");
    expect(year?.kind === "year" && year.previousYear).toEqual({ label: "2022", url: "/gladsaxe/udsatteraadet/2022/" });
  });

  it("names the date in a meeting's page title once", () => {
    expect(meetingPageTitle({ title: "Referat af møde i Udsatterådet", date: "2023-09-06", slug: "2023-09-06" })).toBe(
      "Referat af møde i Udsatterådet, 6. september 2023",
    );
    expect(meetingPageTitle({ title: "Møde den 6. september 2023", date: "2023-09-06", slug: "2023-09-06" })).toBe("Møde den 6. september 2023");
  });

  it("labels a second meeting on the same day", () => {
    expect(meetingLabel({ date: "2023-09-06", slug: "2023-09-06-2" })).toBe("6. september 2023, møde 2");
  });
});

describe("items on a meeting page", () => {
  it("shows nothing of a closed item but its number, title and public decision", () => {
    const view = viewClosedItem({
      number: 3,
      title: "Ansættelsessag",
      publicDecision: "Tiltrådt.",
      // Whatever else the source held must not pass through.
      ...({ body: "HEMMELIG", attachments: [{ file: "x.pdf" }], presenters: [{ name: "X" }] } as object),
    });
    expect(view).toEqual({ closed: true, number: 3, anchor: "punkt-3", title: "Ansættelsessag", publicDecision: "Tiltrådt." });
  });

  it("projects even a closed item that carries text, so it cannot reach a template", () => {
    const archive = makeArchive();
    const meeting = archive.kommuner[1]!.councils[0]!.meetings[1]!;
    meeting.items[2]!.body = "HEMMELIG";
    const views = viewItems(meeting);
    expect(JSON.stringify(views[2])).not.toContain("HEMMELIG");
  });

  it("names the attachment's type and size, and the earlier item an item follows up", () => {
    const archive = makeArchive();
    const meeting = archive.kommuner[1]!.councils[0]!.meetings[1]!;
    const views = viewItems(meeting, indexMeetings(archive.kommuner));
    const second = views[1];
    expect(second?.closed === false && second.attachments).toEqual([
      { url: "/gladsaxe/udsatteraadet/2023-09-06/notat.pdf", title: "Notat om natvarme", file: "notat.pdf", type: "PDF", size: "24 kB" },
    ]);
    const fourth = views[3];
    expect(fourth?.closed === false && fourth.follows).toEqual([
      { url: "/gladsaxe/udsatteraadet/2022-11-21/#punkt-1", label: "Udsatterådet, 21. november 2022, punkt 1: Godkendelse af dagsorden" },
    ]);
  });

  it("lists the distinct kinds of the open items only", () => {
    const meeting = makeArchive().kommuner[1]!.councils[0]!.meetings[1]!;
    expect(itemKinds(meeting)).toEqual(["beslutning", "drøftelse", "orientering"]);
  });
});

describe("site data", () => {
  it("normalises the prefix and keeps only the municipality built alone", () => {
    const site = createSiteData(makeArchive(), { pathPrefix: "referater", kommune: "gladsaxe" });
    expect(site.pathPrefix).toBe("/referater/");
    expect(site.kommuner.map((k) => k.slug)).toEqual(["gladsaxe"]);
    expect(site.meetingIndex.has("/aalborg/udsatteraadet/2025-03-12/")).toBe(false);
  });
});

describe("item views", () => {
  it("finds the headings of an item's body, ATX and setext, outside fenced code", () => {
    expect(bodyHeadings("### Beslutning\n\nTekst\n\n```\n# kode\n```\nSagsfremstilling\n---\n- punkt\n---\n## Afsluttet ##\n")).toEqual([
      "Beslutning",
      "Sagsfremstilling",
      "Afsluttet",
    ]);
  });

  it("does not label an item's kind when a heading of its body names it", () => {
    const meeting = makeArchive().kommuner[1]?.councils[0]?.meetings.find((m) => m.date === "2023-09-06");
    const views = viewItems(meeting as NonNullable<typeof meeting>);
    const second = views[1];
    // Item 2 is a drøftelse whose text has "### Drøftelse"; item 1, a beslutning, has no such heading.
    expect(second && !second.closed && second.kindInBody).toBe(true);
    expect(views[0] && !views[0].closed && views[0].kindInBody).toBe(false);
  });
});

describe("the site's icon", () => {
  it("is the generated neutral mark, kept as templates/assets/maerke.svg", async () => {
    const { readFile } = await import("node:fs/promises");
    const { markSvg, SITE_ICON } = await import("../../src/site/look.ts");
    expect(await readFile(new URL(`../../templates/assets/${SITE_ICON}`, import.meta.url), "utf8")).toBe(markSvg());
  });
});
