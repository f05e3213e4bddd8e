// `referat import FILE… --content DIR --kommune X --raad Y [--replace]`: old minutes (.txt, .html,
// .docx, .pdf) become draft meetings in the content folder. Prints, per file, where it went and
// what it was unsure of. Exit 0 when every file became a draft; 1 when one could not be imported
// or already existed (without --replace); 2 for wrong usage.
import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { displayPath } from "../report/display-path.ts";
import { FORMATS, importFile, isSlug, type ImportResult } from "../import/import.ts";
import { danishWords } from "../import/ocr.ts";
import { parseCommandArgs, UsageError } from "./args.ts";

/** Runs `referat import` with the arguments after the command name; returns the exit status. */
export async function runImport(args: string[]): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    {
      content: { type: "string", default: "content" },
      kommune: { type: "string" },
      raad: { type: "string" },
      replace: { type: "boolean", default: false },
      debug: { type: "boolean", default: false },
    },
    true,
  );
  if (positionals.length === 0)
    throw new UsageError(
      "referat import mangler filerne: skriv en eller flere filer eller mapper, fx referat import gamle/referat.pdf --kommune eksempelby --raad udsatteraadet",
    );
  for (const name of ["kommune", "raad"] as const) {
    const value = values[name];
    if (value === undefined)
      throw new UsageError(`referat import mangler --${name} SLUG (fx --${name} ${name === "kommune" ? "eksempelby" : "udsatteraadet"})`);
    if (!isSlug(value)) throw new UsageError(`--${name} skal være små bogstaver a-z, cifre og bindestreger (aa for å, oe for ø, ae for æ), men er "${value}"`);
  }
  const contentDir = values.content ?? "content";
  const files: string[] = [];
  const missing: string[] = [];
  for (const given of positionals) {
    const info = await stat(given).catch(() => undefined);
    if (!info) missing.push(given);
    else if (info.isDirectory()) {
      // A folder's documents; a saved page's "_files" folder and other folders are left alone.
      const entries = await readdir(given, { withFileTypes: true });
      for (const entry of entries
        .filter((e) => e.isFile() && FORMATS[path.extname(e.name).toLowerCase()] !== undefined)
        .sort((a, b) => a.name.localeCompare(b.name))) {
        files.push(path.join(given, entry.name));
      }
    } else files.push(given);
  }
  for (const file of missing) process.stdout.write(`${displayPath(file)}: filen findes ikke.\n`);
  if (files.length === 0) {
    process.stdout.write("Ingen dokumenter at importere (.txt, .html, .htm, .docx, .pdf).\n");
    return 1;
  }
  const words = await danishWords();
  const results: ImportResult[] = [];
  for (const file of files) {
    const result = await importFile(file, {
      contentDir,
      kommune: values.kommune as string,
      raad: values.raad as string,
      replace: values.replace ?? false,
      words,
    });
    results.push(result);
    process.stdout.write(formatResult(result));
  }
  const count = (status: ImportResult["status"]) => results.filter((result) => result.status === status).length;
  const written = count("written") + count("replaced");
  const summary = [`${written} ${written === 1 ? "udkast skrevet" : "udkast skrevet"}`];
  if (count("exists")) summary.push(`${count("exists")} sprunget over (findes allerede; brug --replace for at overskrive)`);
  const failed = count("failed") + missing.length;
  if (failed) summary.push(`${failed} ikke importeret`);
  process.stdout.write(`\n${summary.join(", ")}.\n`);
  if (written) process.stdout.write("Gennemse hvert udkast mod originalen, slet linjerne under review, og kør så referat check.\n");
  return failed || count("exists") ? 1 : 0;
}

/** One document's report. */
export function formatResult(result: ImportResult): string {
  const out: string[] = [];
  const source = displayPath(result.file);
  if (result.status === "failed") {
    out.push(`${source}: ikke importeret: ${result.error ?? "ukendt fejl"}.`);
    return `${out.join("\n")}\n`;
  }
  const target = displayPath(result.target ?? "");
  if (result.status === "exists") {
    out.push(`${source}: ikke importeret: ${target} findes allerede; brug --replace for at overskrive det.`);
    return `${out.join("\n")}\n`;
  }
  out.push(`${source} → ${target}${result.status === "replaced" ? " (overskrevet)" : ""}`);
  if (result.review.length) {
    out.push("  Skal gennemses (står under review i udkastet):");
    for (const entry of result.review) out.push(`    - ${entry}`);
  }
  if (result.notes.length) {
    out.push("  Bemærk:");
    for (const note of result.notes) out.push(`    - ${note}`);
  }
  if (result.repairs.length) {
    out.push(`  Rettet for OCR-fejl (${result.repairs.length}):`);
    out.push(`    ${result.repairs.map((repair) => `${repair.from} → ${repair.to}${repair.count > 1 ? ` (${repair.count})` : ""}`).join(", ")}`);
  }
  for (const line of result.kommune) out.push(`  ${line}`);
  return `${out.join("\n")}\n`;
}
