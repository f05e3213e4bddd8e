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

/** The letter on the generated mark of a municipality without a logo: "Gladsaxe Kommune" → "G". */
export function markLetter(name: string): string {
  return (name.trim()[0] ?? "?").toLocaleUpperCase("da");
}
