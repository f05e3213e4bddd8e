// The Danish messages of the trust checks (CPR guard, link check), in one place so that their
// wording stays consistent and tests can assert it exactly. See docs/trust.md.

/** Where in a meeting or attachment a CPR-like number was seen. */
export type CprPlace =
  | { kind: "text" }
  | { kind: "file-name" }
  | { kind: "pdf-page"; page: number }
  | { kind: "document" };

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
  }
}

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

  /** A link to a page or file that is not in the site. */
  missingTarget: (page: string, target: string): string =>
    `Siden ${page} linker til ${target}, som ikke findes i det byggede site. Ret adressen, eller fjern linket.`,

  /** A link to an anchor that the target page does not have. */
  missingAnchor: (page: string, target: string, id: string, targetPage: string): string =>
    `Siden ${page} linker til ${target}, men ${targetPage} har intet anker #${id}. ` +
    `Tjek punktets nummer, eller fjern #${id}.`,

  /** A file (image, stylesheet, script) the page uses that is not in the site. */
  missingAsset: (page: string, target: string): string =>
    `Siden ${page} bruger filen ${target}, som ikke findes i det byggede site.`,

  /** A site address without the path prefix, which would leave the site when hosted under it. */
  outsidePrefix: (page: string, target: string, prefix: string): string =>
    `Siden ${page} linker til ${target}, som ligger uden for sitets sti ${prefix}. Adressen skal begynde med ${prefix}.`,

  /** A script address in the output (defence in depth: the renderer never writes one). */
  scriptLink: (page: string, target: string): string =>
    `Siden ${page} indeholder et script-link (${target}). Det må ikke offentliggøres: fjern det.`,

  /** The same id twice in one page: links to it may land on the wrong one. */
  duplicateId: (page: string, id: string): string =>
    `Siden ${page} har id'et "${id}" mere end én gang, så links til #${id} kan ramme forkert.`,

  /** An address whose percent-encoding is broken. */
  badEncoding: (page: string, target: string): string =>
    `Siden ${page} linker til ${target}, hvis %-kodning er ugyldig. Ret adressen.`,
} as const;
