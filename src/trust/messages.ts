// The Danish messages of the trust checks (CPR guard, link check), in one place so that their
// wording stays consistent and tests can assert it exactly. See docs/trust.md.

/** A part of an attachment besides its main text, where a CPR-like number was seen. */
export type AttachmentPart =
  | { kind: "header" }
  | { kind: "footer" }
  | { kind: "footnote" }
  | { kind: "endnote" }
  | { kind: "comment" }
  | { kind: "deleted" }
  | { kind: "properties" }
  | { kind: "hidden" }
  | { kind: "embedded"; name: string }
  | { kind: "sheet" }
  | { kind: "slide"; number: number }
  | { kind: "notes"; number: number }
  | { kind: "pdf-info" }
  | { kind: "xmp" }
  | { kind: "annotation"; page: number }
  | { kind: "form-field"; page?: number }
  | { kind: "pdf-attachment"; name: string }
  | { kind: "outline" }
  | { kind: "image-metadata" }
  | { kind: "file-data" };

/** Where in a meeting or attachment a CPR-like number was seen. */
export type CprPlace =
  { kind: "text" } | { kind: "file-name" } | { kind: "pdf-page"; page: number } | { kind: "document" } | { kind: "part"; part: AttachmentPart };

function partText(part: AttachmentPart): string {
  switch (part.kind) {
    case "header":
      return "Et sidehoved i dokumentet indeholder";
    case "footer":
      return "En sidefod i dokumentet indeholder";
    case "footnote":
      return "En fodnote i dokumentet indeholder";
    case "endnote":
      return "En slutnote i dokumentet indeholder";
    case "comment":
      return "En kommentar i dokumentet indeholder";
    case "deleted":
      return "En sporet ændring i dokumentet (slettet tekst, som stadig står i filen) indeholder";
    case "properties":
      return "Dokumentets egenskaber (fx titel, forfatter, emne eller nøgleord) indeholder";
    case "hidden":
      return "Skjult indhold i dokumentet (fx et billedes alternative tekst eller en feltkode) indeholder";
    case "embedded":
      return `Filen ${part.name}, der er indlejret i dokumentet, indeholder`;
    case "sheet":
      return "Regnearket indeholder";
    case "slide":
      return `Dias ${part.number} indeholder`;
    case "notes":
      return `Noterne til dias ${part.number} indeholder`;
    case "pdf-info":
      return "PDF'ens egenskaber (fx titel, forfatter, emne eller nøgleord) indeholder";
    case "xmp":
      return "PDF'ens metadata (XMP) indeholder";
    case "annotation":
      return `En kommentar eller note på side ${part.page} indeholder`;
    case "form-field":
      return part.page === undefined ? "Et formularfelt indeholder" : `Et formularfelt på side ${part.page} indeholder`;
    case "pdf-attachment":
      return `Filen ${part.name}, der er vedhæftet PDF'en, indeholder`;
    case "outline":
      return "PDF'ens bogmærker (indholdsfortegnelsen i sidepanelet) indeholder";
    case "image-metadata":
      return "Billedets metadata (fx EXIF, XMP eller en tekstkommentar) indeholder";
    case "file-data":
      return "Filens indhold indeholder";
  }
}

function placeText(place: CprPlace): string {
  switch (place.kind) {
    case "text":
      return "Her står";
    case "file-name":
      return "Filnavnet indeholder";
    case "pdf-page":
      return `Side ${place.page} indeholder`;
    case "document":
      return "Dokumentet indeholder";
    case "part":
      return partText(place.part);
  }
}

/** Why the guard refuses an attachment's format (src/trust/attachment-text.ts). */
export type RefusedFormat = "old-office" | "compressed" | "unknown";

const MODERN_OFFICE: Record<string, string> = {
  doc: ".docx",
  dot: ".docx",
  rtf: ".docx",
  wps: ".docx",
  wpd: ".docx",
  xls: ".xlsx",
  xlt: ".xlsx",
  ppt: ".pptx",
  pps: ".pptx",
  pot: ".pptx",
};

export const trustMessages = {
  /** A CPR-like number in a meeting, its file names or its attachments. */
  cprInMeeting: (masked: string, place: CprPlace, entry: string, meetingFile: string | undefined): string =>
    `${placeText(place)} "${masked}", der ligner et CPR-nummer. CPR-numre må ikke offentliggøres: fjern det. ` +
    `Er det ikke et CPR-nummer, så tilføj "${entry}" til cpr_allow i ${
      meetingFile === undefined ? "filens hoved" : `hovedet af ${meetingFile}`
    } (cpr_allow: ["${entry}"]).`,

  /** A CPR-like number in kommune.yaml, which has no allow-list. */
  cprInKommune: (masked: string): string =>
    `Her står "${masked}", der ligner et CPR-nummer. CPR-numre må ikke offentliggøres: fjern det. ` +
    `Er det ikke et CPR-nummer, så skriv tallet på en anden måde, fx med punktummer.`,

  /** An attachment whose text could not be extracted, so it cannot be checked. */
  unreadableAttachment: (type: string, reason: string): string =>
    `Bilaget kunne ikke læses som ${type}, så det kan ikke tjekkes for CPR-numre (${reason}). ` +
    `Gem det igen som PDF eller Word-dokument (.docx), eller fjern det.`,

  /** An attachment in a format the guard cannot read: why, and what to do instead. */
  unreadableFormat: (kind: RefusedFormat, type: string): string => {
    switch (kind) {
      case "old-office":
        return (
          `Bilaget er i et gammelt Office-format (.${type}), som CPR-tjekket ikke kan læse, så det kan ikke tjekkes for CPR-numre. ` +
          `Gem det som PDF eller i det nye format (${MODERN_OFFICE[type] ?? ".docx, .xlsx eller .pptx"}), eller fjern det.`
        );
      case "compressed":
        return (
          `Bilaget er et komprimeret arkiv (.${type}), hvis indhold CPR-tjekket ikke kan læse, så det kan ikke tjekkes for CPR-numre. ` +
          `Læg filerne ud som enkelte bilag (fx PDF), eller pak dem i en .zip-fil.`
        );
      case "unknown":
        return (
          "Bilaget har ingen filendelse, og CPR-tjekket kan ikke genkende dets indhold, så det kan ikke tjekkes for CPR-numre. " +
          "Giv filen den rigtige endelse (fx .pdf), eller fjern den."
        );
    }
  },

  /** An attachment too large to check. */
  tooLargeToCheck: (size: string, limit: string): string =>
    `Bilaget er for stort til at blive tjekket for CPR-numre (${size}; højst ${limit}). Del det op i mindre filer, eller fjern det.`,

  /** A link to a page or file that is not in the site. */
  missingTarget: (page: string, target: string): string =>
    `Siden ${page} linker til ${target}, som ikke findes i det byggede site. Ret adressen, eller fjern linket.`,

  /** A link to an anchor that the target page does not have. */
  missingAnchor: (page: string, target: string, id: string, targetPage: string): string =>
    `Siden ${page} linker til ${target}, men ${targetPage} har intet anker #${id}. ` + `Tjek punktets nummer, eller fjern #${id}.`,

  /** A file (image, stylesheet, script) the page uses that is not in the site. */
  missingAsset: (page: string, target: string): string => `Siden ${page} bruger filen ${target}, som ikke findes i det byggede site.`,

  /** A site address without the path prefix, which would leave the site when hosted under it. */
  outsidePrefix: (page: string, target: string, prefix: string): string =>
    `Siden ${page} linker til ${target}, som ligger uden for sitets sti ${prefix}. Adressen skal begynde med ${prefix}.`,

  /** A script address in the output (defence in depth: the renderer never writes one). */
  scriptLink: (page: string, target: string): string => `Siden ${page} indeholder et script-link (${target}). Det må ikke offentliggøres: fjern det.`,

  /** The same id twice in one page: links to it may land on the wrong one. */
  duplicateId: (page: string, id: string): string => `Siden ${page} har id'et "${id}" mere end én gang, så links til #${id} kan ramme forkert.`,

  /** An address whose percent-encoding is broken. */
  badEncoding: (page: string, target: string): string => `Siden ${page} linker til ${target}, hvis %-kodning er ugyldig. Ret adressen.`,
} as const;
