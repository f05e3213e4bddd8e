// Danish messages for what the loader finds in the content folder as files and folders (not in
// their text): links, FIFOs and devices, folders it cannot read, names that would collide with the
// site's own addresses or publish a CPR number. The messages about a file's text are in
// src/minutes/messages.ts. Each says what was found and what to do.
import type { EntryKind } from "./files.ts";

const KIND: Record<Exclude<EntryKind, "file" | "folder">, string> = {
  symlink: "en genvej (symbolsk link)",
  fifo: "en navngivet pipe (FIFO)",
  socket: "en socket",
  device: "en enhed (device)",
  other: "en særlig fil",
};

function denied(code: string): boolean {
  return code === "EACCES" || code === "EPERM";
}

export const fileMessages = {
  /** A link, FIFO, socket or device where a file or folder of the content should be. */
  notRegular: (entry: EntryKind, target?: string) =>
    entry === "symlink"
      ? `er ${KIND.symlink}${target === undefined ? "" : ` til ${target}`}, ikke en almindelig fil eller mappe; arkivet følger aldrig genveje, så intet uden for indholdsmappen bliver offentliggjort. Læg selve filen eller mappen her i stedet for genvejen, eller fjern genvejen`
      : entry === "folder"
        ? "er en mappe, men skal være en almindelig fil; flyt eller omdøb mappen"
        : `er ${KIND[entry === "file" ? "other" : entry]}, ikke en almindelig fil; den kan hverken læses eller offentliggøres. Fjern den fra indholdsmappen`,
  /** A folder that cannot be listed. */
  unreadableFolder: (code: string) =>
    denied(code)
      ? `mappen kan ikke læses, fordi der ikke er adgang til den (${code}); giv den bruger, der bygger arkivet, læseadgang til mappen (fx chmod -R a+rX), eller fjern mappen`
      : `mappen kan ikke læses (${code}); tjek mappen, eller fjern den`,
  /** A file that cannot be opened or read. */
  unreadableFile: (code: string) =>
    denied(code)
      ? `filen kan ikke læses, fordi der ikke er adgang til den (${code}); giv den bruger, der bygger arkivet, læseadgang til filen (fx chmod a+r), eller fjern filen`
      : `filen kan ikke læses (${code}); tjek filen, eller fjern den`,
  /** A folder or file name that becomes part of an address and looks like a CPR number. */
  cprInName: (masked: string, what: "mappen" | "filen") =>
    `navnet indeholder "${masked}", der ligner et CPR-nummer, og navnet bliver en del af sidernes adresser; CPR-numre må ikke offentliggøres: omdøb ${what}`,
  /** A municipality's folder name that the site uses itself at the top. */
  reservedKommune: (name: string, reserved: readonly string[]) =>
    `'${name}' er et navn, sitet selv bruger øverst (/${name}), så en kommune kan ikke hedde det; omdøb mappen, fx til ${name}-kommune. Reserverede navne: ${reserved.join(", ")}`,
  /** A council slug that the site uses itself in the municipality's folder. */
  reservedCouncil: (name: string, kommune: string, reserved: readonly string[]) =>
    `'${name}' er et navn, sitet selv bruger i kommunens mappe (/${kommune}/${name}), så et råd kan ikke hedde det; giv rådet et andet navn her, fx ${name}-raadet, og omdøb rådets mappe. Reserverede navne: ${reserved.join(", ")}`,
};
