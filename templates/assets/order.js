// The one order of names on the site: Danish alphabetical order (æ, ø, å after z, and "Aa" as
// "Å", as Danish readers expect), used by the archive's lists (src/content/load.ts sorts the
// municipalities and their councils with it) and by the search page's filters
// (search-core.js). Plain JavaScript, served as it is, so that the browser and the build share it.

const collator = new Intl.Collator("da");

/**
 * Compares two names in Danish alphabetical order.
 * @param {string} a
 * @param {string} b
 * @returns {number}
 */
export function compareDanish(a, b) {
  return collator.compare(a, b);
}
