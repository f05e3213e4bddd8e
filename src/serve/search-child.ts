// A search refresh in a process of its own, at a lower priority (src/serve/search.ts starts it):
// the indexing (compound splitting here, Pagefind in its own process, which inherits the
// priority) then never slows down the resident worker that renders the next saved change.
// Loads its municipality's content itself; content with an error is not indexed (exit 3): the
// served pages are the last good ones, and a later refresh or full build catches up.
import { loadArchive } from "../content/load.ts";
import { buildSearchIndex } from "../search/index.ts";

interface Job {
  contentDir: string;
  scratch: string;
  kommune: string;
  pathPrefix: string;
}

const job = JSON.parse(process.argv[2] ?? "{}") as Job;
const { archive, problems } = await loadArchive(job.contentDir, { kommune: job.kommune });
if (problems.length > 0) process.exit(3);
await buildSearchIndex({ siteDir: job.scratch, archive, pathPrefix: job.pathPrefix, kommune: job.kommune, merge: [] });
