// WCAG 2.1 contrast of a colour against white: the kommune colour carries white text and links,
// so it must reach 4.5:1 (AA for normal text). https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio
export const MIN_CONTRAST = 4.5;

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance of `#rrggbb`. */
export function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map(linear) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** Contrast ratio of `#rrggbb` against white, from 1 to 21. */
export function contrastWithWhite(hex: string): number {
  return 1.05 / (luminance(hex) + 0.05);
}

/** The nearest darker shade of `hex` (same hue) that reaches 4.5:1 against white. */
export function darkenToContrast(hex: string, target = MIN_CONTRAST): string {
  const [r, g, b] = channels(hex);
  for (let factor = 1; factor >= 0; factor -= 0.01) {
    const shade = `#${[r, g, b]
      .map((c) =>
        Math.round(c * factor)
          .toString(16)
          .padStart(2, "0"),
      )
      .join("")}`;
    if (contrastWithWhite(shade) >= target) return shade;
  }
  return "#000000";
}
