// The look of a page: the municipality's colour and mark, or the neutral portal look.
import type { Kommune } from "../minutes/model.ts";

/** The portal's neutral colour (slate; 9.6:1 against white). */
export const NEUTRAL_COLOUR = "#33414e";

/** The colour a page wears: the municipality's validated `look.colour`, else the neutral one. */
export function themeColour(kommune?: Pick<Kommune, "look">): string {
  const colour = kommune?.look.colour;
  // Validated upstream; checked again because it is printed into a style attribute.
  return colour && /^#[0-9a-fA-F]{6}$/.test(colour) ? colour.toLowerCase() : NEUTRAL_COLOUR;
}

/** The class that gives an element a municipality's colour (`--farve`), defined in COLOUR_STYLESHEET. */
export function colourClass(kommune?: Pick<Kommune, "slug">): string {
  return kommune ? `farve-${kommune.slug}` : "farve-neutral";
}

/** The stylesheet of the colours, written by the build (no inline style: the site's CSP has no 'unsafe-inline'). */
export const COLOUR_STYLESHEET = "farver.css";

/**
 * The colours as CSS: the neutral one on the root, each municipality's on its class. Slugs are
 * lowercase letters, digits and hyphens, so they are safe in a class name; the colours are
 * checked again by themeColour.
 */
export function colourStylesheet(kommuner: readonly Pick<Kommune, "slug" | "look">[]): string {
  const rules = [`:root,.farve-neutral{--farve:${NEUTRAL_COLOUR}}`];
  for (const kommune of kommuner) {
    if (/^[a-z0-9]+(-[a-z0-9]+)*$/.test(kommune.slug)) rules.push(`.${colourClass(kommune)}{--farve:${themeColour(kommune)}}`);
  }
  return `${rules.join("\n")}\n`;
}

/** The letter on the generated mark of a municipality without a logo: "Gladsaxe Kommune" → "G". */
export function markLetter(name: string): string {
  return (name.trim()[0] ?? "?").toLocaleUpperCase("da");
}

/** The generated mark as a standalone SVG document: the municipality's colour (or the neutral one) and its letter ("R" for the portal). */
export function markSvg(kommune?: Pick<Kommune, "name" | "look">): string {
  const letter = kommune ? markLetter(kommune.name) : "R";
  const escaped = letter.replace(/[<>&"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="40" height="40" viewBox="0 0 40 40"><rect width="40" height="40" rx="6" fill="${themeColour(kommune)}"/>` +
    `<text x="20" y="27" text-anchor="middle" font-size="20" font-family="system-ui, sans-serif" font-weight="700" fill="#ffffff">${escaped}</text></svg>`
  );
}

/** The portal's own icon, a file of templates/assets/ (the neutral mark, `markSvg()`). */
export const SITE_ICON = "maerke.svg";

/**
 * The page's icon (favicon), a site-relative address: the municipality's logo when it has one, else
 * the portal's own mark (/assets/maerke.svg). Every page names its icon, so no browser asks for a
 * /favicon.ico that is not there, under any path prefix; a file (not a `data:` address) also passes
 * the Content-Security-Policy of deploy/headers.json (`img-src 'self'`).
 */
export function faviconUrl(logoAddress: string | undefined): string {
  return logoAddress ?? `/assets/${SITE_ICON}`;
}
