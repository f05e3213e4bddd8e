// The files a meeting publishes beside its page: the attachments of its open items and, for an
// imported meeting, the original document. One list, so that copying, the CPR guard, the
// loader's existence check and `referat serve` can never disagree about what is published.
import type { Attachment, Meeting } from "./model.ts";

/** Every file the meeting publishes, in page order; closed items never have any. */
export function publishedFiles(meeting: Meeting): Attachment[] {
  const files = meeting.items.flatMap((item) => (item.closed ? [] : item.attachments));
  if (meeting.importedFrom?.original) files.push(meeting.importedFrom.original);
  return files;
}
