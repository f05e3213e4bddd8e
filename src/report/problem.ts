// A problem found in the content: where it is and what is wrong, in plain Danish.
// Every check in the project reports through this one shape, so the secretary reads one format.

export interface Problem {
  /** The file, as the user should see it: relative to the working directory where possible. */
  file: string;
  /** 1-based line; 1 when the problem concerns the whole file. */
  line: number;
  /** 1-based column; 1 when unknown. */
  col: number;
  /** The field the problem concerns, e.g. `items[2].kind` or `date`; the section or `fil` otherwise. */
  field: string;
  /** Plain Danish: what was expected, what was found, and where it helps, what to do. */
  message: string;
}

/** One line: `path:line:col: field: message`. */
export function formatProblem(problem: Problem): string {
  return `${problem.file}:${problem.line}:${problem.col}: ${problem.field}: ${problem.message}`;
}

/** Sorts problems by file, then line, then column, so reports are stable from run to run. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.col - b.col || (a.field < b.field ? -1 : a.field > b.field ? 1 : 0),
  );
}

/** The closing count line, in Danish: "1 fejl fundet i 1 fil." */
export function formatProblemCount(problems: readonly Problem[]): string {
  const files = new Set(problems.map((p) => p.file)).size;
  return `${problems.length} fejl fundet i ${files} ${files === 1 ? "fil" : "filer"}.`;
}
