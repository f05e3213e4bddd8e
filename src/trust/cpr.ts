// The CPR guard. STUB: replaced by the trust work (issue 4).
import type { Problem } from "../content/problem.ts";
import type { Archive } from "../minutes/model.ts";

/** Returns a problem for every CPR-like number in the archive's meetings, files and attachments. */
export async function findCprNumbers(_archive: Archive, _cwd: string = process.cwd()): Promise<Problem[]> {
  return [];
}
