// Site chrome in a saved page's text: skip links, cookie notices, breadcrumbs, share buttons,
// read-aloud and feedback links, and the footer with the municipality's contact details, which are
// kept apart and offered for kommune.yaml. Pure functions over lines.

/** Contact details found in a page's footer. */
export interface FoundContact {
  /** "Gladsaxe Kommune", when the footer names the municipality. */
  kommune?: string;
  address?: string;
  phone?: string;
  email?: string;
  cvr?: string;
}

const CHROME_LINES: RegExp[] = [
  /^(?:spring|skip|gå|hop)\s+(?:over\s+)?til\s+(?:hoved\s*)?(?:indhold(?:et)?|hovedindhold(?:et)?|navigation|menu(?:en)?)$/i,
  /^(?:del|delt?)\s+(?:på|via|til)\s+(?:facebook|linkedin|twitter|x|e-?mail|mail)\b/i,
  /^(?:del\s+(?:siden|artiklen|denne side)|del|print|udskriv(?:\s+siden)?|til toppen|tilbage til toppen|menu|luk|søg|log ind|genveje|læs op|lyt til siden)$/i,
  /^få (?:teksten|siden) læst op\b/i,
  /^(?:læs|lyt)\s+(?:højt|op)$|^(?:hør|lyt til)\s+(?:teksten|siden)$/i,
  // "Du er her: Forside / Politik / …", "Du er her: Politik > Råd og nævn".
  /^du er her\s*:?\s*\p{Lu}/iu,
  /^(?:tilgængelighedserklæring|giv os feedback|cookies?|cookiepolitik|privatlivspolitik|om cookies|indstillinger for cookies)\b.{0,80}$/i,
  /\bcookies?\b.{0,300}$/i,
  /^(?:Hjem|Forside)(?:\s*[>/›»|]\s*|\s+)(?:\p{Lu}[\p{L}-]*[\s>/›»|,]*){2,}/u,
  /^(?:senest\s+)?(?:opdateret|redigeret|sidst\s+opdateret|publiceret|udgivet)\s*(?:den|d\.)?\s*:?\s*\d/i,
];

/** Whether a line is site chrome (never part of the minutes). */
export function isChromeLine(text: string): boolean {
  return CHROME_LINES.some((pattern) => pattern.test(text));
}

const POSTCODE = /^(?:DK-?)?\d{4}\s+\p{Lu}[\p{L} .-]*$/u;
const PHONE = /(?<!\d)(?:\+45\s?)?\d{2}\s?\d{2}\s?\d{2}\s?\d{2}(?!\d)/;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/;
const ANCHOR =
  /^(?:kontakt(?:\s+os)?|kontaktoplysninger|borgerservice|ring til os|skriv til os|åbningstid(?:er)?|telefontid|adresse|cvr\b.*|ean\b.*|tlf\.?.*|telefon.*|e-?mail.*|\p{Lu}[\p{L}-]+ Kommune)$/iu;

function isContactLine(text: string): boolean {
  return POSTCODE.test(text) || PHONE.test(text) || EMAIL.test(text) || /\bCVR\b/i.test(text) || ANCHOR.test(text);
}

/**
 * Where a page's footer begins: the first contact line of the run of short lines at the end of the
 * text, when that run gives contact details. -1 when there is no footer.
 */
export function findFooter(lines: readonly string[]): number {
  let start = lines.length;
  for (let i = lines.length - 1; i >= 0; i--) {
    const text = (lines[i] ?? "").trim();
    if (text === "") {
      start = i;
      continue;
    }
    const words = text.split(/\s+/).length;
    const sentence = /[.!?]$/.test(text) && !isContactLine(text);
    if (words > 10 || sentence) break;
    start = i;
  }
  const block = lines.slice(start);
  const hasContact = block.some((text) => POSTCODE.test(text.trim()) || /\bCVR\b/i.test(text) || EMAIL.test(text) || PHONE.test(text));
  if (!hasContact) return -1;
  for (let i = start; i < lines.length; i++) {
    const text = (lines[i] ?? "").trim();
    if (text !== "" && isContactLine(text)) return i;
  }
  return -1;
}

/** The contact details in a footer's lines. */
export function readContact(lines: readonly string[]): FoundContact {
  const texts = lines.map((line) => line.trim()).filter((line) => line !== "");
  const contact: FoundContact = {};
  const kommuneIndex = texts.findIndex((text) => /^\p{Lu}[\p{L}-]+ Kommune$/u.test(text));
  const kommune = kommuneIndex === -1 ? undefined : texts[kommuneIndex];
  if (kommune !== undefined) contact.kommune = kommune;
  // The address after the municipality's name first, else the first street and postcode.
  const order = kommuneIndex === -1 ? texts.map((_, i) => i) : [...texts.keys()].slice(kommuneIndex).concat([...texts.keys()].slice(0, kommuneIndex));
  for (const i of order) {
    const text = texts[i] as string;
    const inline = /^(.*\p{L}.*\s\d+[A-Za-z]?)[,\s]+((?:DK-?)?\d{4}\s+\p{Lu}[\p{L} .-]*)$/u.exec(text);
    if (inline && !PHONE.test(text)) {
      contact.address = `${inline[1]?.trim()}, ${inline[2]?.trim()}`;
      break;
    }
    const next = texts[i + 1];
    if (/\p{L}.*\s\d+[A-Za-z]?$/u.test(text) && !PHONE.test(text) && next !== undefined && POSTCODE.test(next)) {
      contact.address = `${text}, ${next}`;
      break;
    }
  }
  const cvr = texts.map((text) => /\bCVR\b[^\d]*(\d{8})\b/i.exec(text)?.[1]).find(Boolean);
  if (cvr) contact.cvr = cvr;
  const email = texts.map((text) => EMAIL.exec(text)?.[0]).find(Boolean);
  if (email) contact.email = email;
  const phone = texts.find((text) => PHONE.test(text) && !/\bCVR\b/i.test(text));
  if (phone) contact.phone = (PHONE.exec(phone)?.[0] ?? "").trim();
  return contact;
}
