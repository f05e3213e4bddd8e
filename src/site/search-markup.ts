// Values for Pagefind's inline `data-pagefind-filter="key:value"` / `data-pagefind-meta` syntax,
// where a comma separates several pairs: a comma inside a value is escaped.
/** "Aalborg, Nord" → "Aalborg\\, Nord" */
export function pagefindValue(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/,/g, "\\,");
}
