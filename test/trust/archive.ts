// Small validated archives for the trust tests, built in code (the loader is tested elsewhere).
import type { Archive, Item, Kommune, Meeting } from "../../src/minutes/model.ts";

/** One item with defaults; `number` defaults to 1. */
export function item(fields: Partial<Item> = {}): Item {
  return {
    number: 1,
    title: "Godkendelse af dagsorden",
    closed: false,
    presenters: [],
    attachments: [],
    conflicts: [],
    follows: [],
    unpublishedAttachments: [],
    editorial: [],
    body: "",
    line: 1,
    ...fields,
  };
}

/** One meeting of `kommune`/`raad` on `date` (slug = date unless given). */
export function meeting(kommune: string, raad: string, date: string, fields: Partial<Meeting> = {}): Meeting {
  const slug = fields.slug ?? date;
  const year = date.slice(0, 4);
  return {
    kommune,
    raad,
    slug,
    year,
    url: `/${kommune}/${raad}/${slug}/`,
    sourcePath: `${kommune}/${raad}/${year}/${slug}.md`,
    absolutePath: `/content/${kommune}/${raad}/${year}/${slug}.md`,
    date,
    venue: "Rådhuset",
    title: `Referat af møde ${date}`,
    status: "referat",
    attendees: [],
    absentees: [],
    staff: [],
    guests: [],
    items: [item()],
    corrections: [],
    cprAllow: [],
    ...fields,
  };
}

/** An archive of the given meetings, grouped into municipalities and councils. */
export function archiveOf(meetings: Meeting[], kommuneSourcePath = (slug: string) => `/content/${slug}/kommune.yaml`): Archive {
  const kommuner = new Map<string, Kommune>();
  for (const m of meetings) {
    let kommune = kommuner.get(m.kommune);
    if (!kommune) {
      kommune = {
        slug: m.kommune,
        name: `${m.kommune} Kommune`,
        accessibilityStatement: "https://was.digst.dk/x",
        look: { colour: "#1d4f7a" },
        contact: {},
        councils: [],
        sourcePath: kommuneSourcePath(m.kommune),
      };
      kommuner.set(m.kommune, kommune);
    }
    let council = kommune.councils.find((c) => c.slug === m.raad);
    if (!council) {
      council = { kommune: m.kommune, slug: m.raad, name: m.raad, members: [], meetings: [] };
      kommune.councils.push(council);
    }
    council.meetings.push(m);
  }
  return { kommuner: [...kommuner.values()].sort((a, b) => (a.slug < b.slug ? -1 : 1)) };
}
