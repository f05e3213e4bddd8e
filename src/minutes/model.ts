// The validated archive: the only shapes that templates, search and exports ever see.
// Raw YAML becomes these types only through validation (src/minutes/validate.ts,
// src/kommune/validate.ts, assembled by src/content/load.ts). Keys are camelCase here;
// front-matter keys (snake_case) are converted in one place, the validator.

/** One person as the secretary wrote them: `Navn (Organisation), rolle` or an object. */
export interface Person {
  name: string;
  organisation?: string;
  role?: string;
}

/**
 * Someone at the meeting (an attendee, a guest or one of the staff); `presentFor` lists the item
 * numbers they were present for, when not all.
 */
export interface Attendee extends Person {
  presentFor?: number[];
}

/** Someone who sent apologies (afbud), and who stood in for them (stedfortræder), if anyone. */
export interface Absentee extends Person {
  substitute?: Person;
}

/** A file attached to an item (bilag), stored beside the meeting file. */
export interface Attachment {
  /** File name inside `<yyyy-mm-dd>/` next to the meeting file. */
  file: string;
  title: string;
  /** Lowercase file extension without the dot, e.g. "pdf". */
  type: string;
  /** Size in bytes, read from the file system at load time. */
  size: number;
  /** Absolute path of the source file, for copying. */
  sourcePath: string;
}

export type ItemKind = "beslutning" | "orientering" | "drøftelse";

/** A field of an item that the source did not give (src/minutes/schema.ts `editorial`). */
export type EditorialField = "title" | "kind";

export type MeetingStatus = "dagsorden" | "referat";

/** One agenda item (dagsordenspunkt). A closed item carries nothing but number, title and publicDecision. */
export interface Item {
  /** The item's number: `number` from the front matter, else its position (1-based). Anchor: #punkt-<number>. */
  number: number;
  title: string;
  kind?: ItemKind;
  closed: boolean;
  /** Only on closed items: the decision that may be published. */
  publicDecision?: string;
  /** Who presents the item (v/ …), in the order written; empty when nobody is named. */
  presenters: Person[];
  /** Minutes allotted, if given. */
  duration?: number;
  attachments: Attachment[];
  /** Persons inhabile on this item (inhabilitet). */
  conflicts: Person[];
  /** Addresses (site-relative, without path prefix) of earlier items this one follows up. */
  follows: string[];
  /** Attachments that exist but are not published (`published: false`): shown as "ikke offentliggjort". */
  unpublishedAttachments: { title: string }[];
  /** Fields an editor or the importer wrote because the source did not give them. */
  editorial: EditorialField[];
  /** Markdown of the item's section (empty for closed items). */
  body: string;
  /** 1-based line of the item's `## ` heading in the source file. */
  line: number;
}

export interface Correction {
  date: string;
  text: string;
}

export interface NextMeeting {
  date: string;
  start?: string;
  end?: string;
  venue?: string;
  online?: string;
  note?: string;
}

export interface ImportedFrom {
  /** Where the original was published, if known. */
  url?: string;
  /** What the original was, e.g. "PDF (OCR)", "Word-dokument", "webside". */
  format?: string;
  title?: string;
  /** The original document, kept in the meeting's folder and published beside the page. */
  original?: Attachment;
  /** `sha256:<hex>` of the original as imported. */
  checksum?: string;
}

/** One validated meeting. */
export interface Meeting {
  kommune: string;
  raad: string;
  /** `yyyy-mm-dd` or `yyyy-mm-dd-2`: the last part of the address. */
  slug: string;
  year: string;
  /** Site-relative address without path prefix: `/<kommune>/<raad>/<slug>/`. */
  url: string;
  /** Source file, relative to the content folder, with forward slashes. */
  sourcePath: string;
  /** Absolute path of the source file. */
  absolutePath: string;
  date: string;
  start?: string;
  end?: string;
  venue?: string;
  online?: string;
  /** The title as written, or the default made from council and date. */
  title: string;
  status: MeetingStatus;
  approved?: string;
  attendees: Attendee[];
  absentees: Absentee[];
  staff: Attendee[];
  guests: Attendee[];
  minuteTaker?: Person;
  items: Item[];
  corrections: Correction[];
  nextMeeting?: NextMeeting;
  importedFrom?: ImportedFrom;
  /** `cpr_allow`: hashes of numbers that look like CPR numbers but are not (see src/trust/cpr.ts). */
  cprAllow: string[];
}

export interface Contact {
  address?: string;
  phone?: string;
  email?: string;
  cvr?: string;
  hours?: string;
}

export interface Look {
  /** A hex colour that passes WCAG AA contrast against white (validated). */
  colour: string;
  /** Logo file name beside kommune.yaml, if any. */
  logo?: string;
  /** Absolute path of the logo file, for copying. */
  logoSourcePath?: string;
}

export interface Council {
  kommune: string;
  slug: string;
  name: string;
  description?: string;
  members: Person[];
  /** Opt-in (`attendance: true`): the site shows each standing member's attendance. */
  attendance?: boolean;
  /** Meetings of this council, newest first. */
  meetings: Meeting[];
}

export interface Kommune {
  slug: string;
  name: string;
  website?: string;
  accessibilityStatement: string;
  feedback?: string;
  /** The public address of the municipality's own archive site, for `--kommune` builds without `--base-url`. */
  baseUrl?: string;
  /** The licence of the municipality's open data. */
  license?: { name: string; url?: string };
  look: Look;
  contact: Contact;
  /** In Danish alphabetical order of their names (templates/assets/order.js). */
  councils: Council[];
  /** Absolute path of kommune.yaml. */
  sourcePath: string;
}

/** The whole validated content folder. */
export interface Archive {
  /** In Danish alphabetical order of their names (templates/assets/order.js). */
  kommuner: Kommune[];
  /** `content/portal.yaml`, when there is one: what the portal's search merges. */
  portal?: Portal;
}

/** The portal's settings (`content/portal.yaml`, docs/format.md). */
export interface Portal {
  /** `search.merge`: indexes of sites hosted elsewhere that this site's search page merges, one per index part. */
  merge: MergedIndex[];
}

/** An index of a site hosted elsewhere, merged into this site's search. */
export interface MergedIndex {
  /** Shown in the kommune filter when the index's pages carry none, e.g. "Aarhus Kommune". */
  name: string;
  /** URL of the index folder, e.g. "https://referater.aarhus.dk/aarhus/pagefind/". */
  bundlePath: string;
  /** URL of that site's root, put before its result addresses, e.g. "https://referater.aarhus.dk/". */
  baseUrl: string;
}
