// One meeting: /<kommune>/<raad>/<yyyy-mm-dd>/. The meeting's content sits in
// <article data-pagefind-body> with the filters, metadata and sort key the search needs.
import { formatDate, formatMeetingDate, toIsoTimestamp } from "../src/format/dates.ts";
import type { Attendee, Meeting } from "../src/minutes/model.ts";
import { itemKinds, type MeetingPage } from "../src/site/pages.ts";
import type { ClosedItemView, OpenItemView } from "../src/site/items.ts";
import { formatDuration, formatItemKind, formatPerson, formatPresenters, formatPresentFor, formatSubstitute } from "../src/site/text.ts";
import { formatFileSize, formatFileType } from "../src/site/text.ts";
import { attachmentUrl, councilUrl, outputPathOf, withPrefix } from "../src/site/urls.ts";
import { Layout } from "./_layout.tsx";
import { feedsOf } from "./_components/open-data.tsx";
import { recordUrl, SCHEMA_URL } from "../src/data/urls.ts";
import type { FollowView } from "../src/site/items.ts";
import type { Council, Kommune } from "../src/minutes/model.ts";
import type { NextMeetingBox } from "../src/site/upcoming.ts";
import { meetingView, type PublishedDates, type SiteView } from "../src/site/view.ts";
import { Place } from "./_components/place.tsx";

interface Data {
  referat: SiteView;
  meetingPage: MeetingPage;
  /** The open items' HTML, in item order, from the Markdown (given by the adapter: src/eleventy/data.ts). */
  itemHtml: string[];
}

export const data = {
  pagination: { data: "referat.meetingPages", size: 1, alias: "meetingPage" },
  permalink: (data: Data) => outputPathOf(data.meetingPage.url),
  eleventyExcludeFromCollections: true,
};

export default function render({ referat: site, meetingPage: page, itemHtml }: Data) {
  const { meeting, council, kommune } = page;
  const p = (a: string) => withPrefix(site.pathPrefix, a);
  const dateText = formatMeetingDate(meeting);
  const { items, followUps, box, newer, history } = meetingView(site, page);
  let open = 0;
  return (
    <Layout
      site={site}
      title={page.title}
      description={page.description}
      kommune={kommune}
      breadcrumbs={page.breadcrumbs}
      scripts={["/assets/laes-op.js"]}
      url={page.url}
      feeds={feedsOf(site, kommune, council)}
      structuredData={meetingEvent(meeting, council, kommune, site.origin ? (a: string) => site.origin + p(a) : p)}
    >
      <article class="meeting" data-pagefind-body="" data-pagefind-sort={`date:${meeting.date}`}>
        <div class="search-data" hidden>
          <span data-pagefind-filter={`kommune:${kommune.name}`}></span>
          <span data-pagefind-filter={`råd:${council.name}`}></span>
          <span data-pagefind-filter={`år:${meeting.year}`}></span>
          <span data-pagefind-filter={`status:${meeting.status}`}></span>
          {itemKinds(meeting).map((kind) => (
            <span data-pagefind-filter={`punkttype:${kind}`}></span>
          ))}
          <span data-pagefind-meta={`date:${meeting.date}`}></span>
          <span data-pagefind-meta={`council:${council.name}`}></span>
          <span data-pagefind-meta={`municipality:${kommune.name}`}></span>
          <span data-pagefind-meta={`datotekst:${dateText}`}></span>
        </div>
        <header class="meeting-head">
          <p class="eyebrow">
            {council.name} · {kommune.name}
          </p>
          <h1>{meeting.title}</h1>
          <div class="laes-op" data-laes-op="" hidden></div>
          <p class="meeting-when">
            <time datetime={meeting.start ? `${meeting.date}T${meeting.start}` : meeting.date}>{dateText}</time>
          </p>
          <Place place={meeting} class="meeting-where" />
          {meeting.status === "dagsorden" ? (
            <p class="banner banner-agenda">
              <strong>Dagsorden.</strong> Dette er dagsordenen til et kommende møde, ikke et godkendt referat.
            </p>
          ) : (
            meeting.approved && <p class="approved">Godkendt den {formatDate(meeting.approved)}</p>
          )}
        </header>

        <nav class="toc" aria-label="Punkter på dagsordenen" data-pagefind-ignore="">
          <h2 class="toc-title">Dagsorden</h2>
          <ol>
            {items.map((item) => (
              <li>
                <a href={`#${item.anchor}`}>
                  {item.number}. {item.title}
                </a>
                {item.closed && <span class="muted"> (lukket punkt)</span>}
              </li>
            ))}
          </ol>
        </nav>

        <People meeting={meeting} />

        {items.map((item) =>
          item.closed ? (
            <ClosedItem item={item} />
          ) : (
            <OpenItem item={item} pathPrefix={site.pathPrefix} html={itemHtml[open++] ?? ""} followUps={followUps.get(item.number) ?? []} />
          ),
        )}

        {meeting.corrections.length > 0 && (
          <section class="corrections">
            <h2>Rettelser</h2>
            <ul>
              {meeting.corrections.map((c) => (
                <li>
                  <strong>{formatDate(c.date)}:</strong> {c.text}
                </li>
              ))}
            </ul>
          </section>
        )}

        {meeting.importedFrom && (
          <p class="imported">
            <strong>Importeret.</strong> Mødet er overført fra den oprindelige udgivelse
            {meeting.importedFrom.format ? ` (${meeting.importedFrom.format})` : ""}
            {meeting.importedFrom.url ? (
              <>
                {": "}
                <a href={meeting.importedFrom.url}>{meeting.importedFrom.title ?? meeting.importedFrom.url}</a>
              </>
            ) : meeting.importedFrom.title ? (
              `: ${meeting.importedFrom.title}`
            ) : (
              ""
            )}
            .
            {meeting.importedFrom.original && (
              <>
                {" "}
                <a href={p(attachmentUrl(meeting, meeting.importedFrom.original))}>Det oprindelige dokument</a>{" "}
                <span class="file-info">
                  ({formatFileType(meeting.importedFrom.original.type)}, {formatFileSize(meeting.importedFrom.original.size)})
                </span>
              </>
            )}
          </p>
        )}
        <MeetingHistoryLine meeting={meeting} history={history} />
        <p class="meeting-data" data-pagefind-ignore="">
          Mødet som data: <a href={p(recordUrl(meeting))}>referat.json</a> (<a href={p(SCHEMA_URL)}>skema</a>)
        </p>
      </article>

      {box && <NextMeeting box={box} pathPrefix={site.pathPrefix} />}

      {(page.previous || newer) && (
        <nav class="prev-next" aria-label={`Andre møder i ${council.name}`} data-pagefind-ignore="">
          <ul>
            {page.previous && (
              <li class="prev">
                <a href={p(page.previous.url)} rel="prev">
                  <span class="prev-next-label">
                    <span aria-hidden="true">← </span>Forrige møde
                  </span>
                  <span class="prev-next-date">{page.previous.label}</span>
                </a>
              </li>
            )}
            {newer && (
              <li class="next">
                <a href={p(newer.url)} rel="next">
                  <span class="prev-next-label">
                    Nyere møde<span aria-hidden="true"> →</span>
                  </span>
                  <span class="prev-next-date">{newer.label}</span>
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </Layout>
  );
}

/**
 * The one "Næste møde" box: the council's next meeting in the archive (linked, with its date, time
 * and place), or the next meeting as the minutes announced it. An announcement whose date has
 * passed says that the archive does not hold that meeting.
 */
function NextMeeting({ box, pathPrefix }: { box: NextMeetingBox; pathPrefix: string }) {
  return (
    <section class="next-meeting" aria-labelledby="naeste-moede" data-pagefind-ignore="">
      <h2 id="naeste-moede">Næste møde</h2>
      {box.kind === "archive" ? (
        <>
          <p class="next-meeting-when">
            <a href={withPrefix(pathPrefix, box.url)}>{formatMeetingDate(box.meeting)}</a>{" "}
            {box.meeting.status === "dagsorden" && <span class="badge badge-agenda">Dagsorden</span>}
          </p>
          <Place place={box.meeting} class="next-meeting-where" />
        </>
      ) : (
        <>
          <p class="next-meeting-when">
            {box.past ? "Annonceret til " : ""}
            {formatMeetingDate(box.announcement)}
            {box.past ? "." : ""}
          </p>
          {(box.announcement.venue || box.announcement.online) && <Place place={box.announcement} class="next-meeting-where" />}
          {box.announcement.note && <p>{box.announcement.note}</p>}
          {box.past && <p class="muted">Arkivet har hverken dagsorden eller referat fra det møde.</p>}
        </>
      )}
    </section>
  );
}

/** "Bo Lund, til stede under punkt 1–3": a person and, when not there throughout, the items they were there for. */
function withPresence(person: Attendee): string {
  return [formatPerson(person), formatPresentFor(person)].filter(Boolean).join(", ");
}

/** Who was there. Kept in the search index on purpose: people search for names. */
function People({ meeting }: { meeting: Meeting }) {
  const groups: { label: string; lines: string[] }[] = [
    {
      label: "Til stede",
      lines: meeting.attendees.map(withPresence),
    },
    {
      label: "Afbud",
      lines: meeting.absentees.map((a) => [formatPerson(a), formatSubstitute(a)].filter(Boolean).join(", ")),
    },
    { label: "Fra forvaltningen", lines: meeting.staff.map(withPresence) },
    { label: "Gæster", lines: meeting.guests.map(withPresence) },
    { label: "Referent", lines: meeting.minuteTaker ? [formatPerson(meeting.minuteTaker)] : [] },
  ].filter((g) => g.lines.length > 0);
  if (groups.length === 0) return null;
  return (
    <section class="people">
      <h2>Deltagere</h2>
      <dl>
        {groups.map((group) => (
          <>
            <dt>{group.label}</dt>
            <dd>
              <ul>
                {group.lines.map((line) => (
                  <li>{line}</li>
                ))}
              </ul>
            </dd>
          </>
        ))}
      </dl>
    </section>
  );
}

function ItemHeading({ number, title, anchor }: { number: number; title: string; anchor: string }) {
  return (
    <div class="item-head">
      <h2 id={anchor}>
        {number}. {title}
      </h2>
      <a class="item-anchor" href={`#${anchor}`} data-pagefind-ignore="">
        <span aria-hidden="true">#</span>
        <span class="visually-hidden">Link til punkt {number}</span>
      </a>
    </div>
  );
}

/** A closed item: number, title, "Lukket punkt" and the public decision. Nothing else exists in its view. */
function ClosedItem({ item }: { item: ClosedItemView }) {
  return (
    <section class="item item-closed">
      <ItemHeading number={item.number} title={item.title} anchor={item.anchor} />
      <p class="closed-label">Lukket punkt</p>
      {item.publicDecision && (
        <p class="public-decision">
          <strong>Beslutning:</strong> {item.publicDecision}
        </p>
      )}
    </section>
  );
}

function OpenItem({ item, pathPrefix, html, followUps }: { item: OpenItemView; pathPrefix: string; html: string; followUps: FollowView[] }) {
  const p = (a: string) => withPrefix(pathPrefix, a);
  const kindLabel =
    item.kind && !item.kindInBody ? `${formatItemKind(item.kind)}${item.editorial.includes("kind") ? " (punkttype tilføjet ved redigering)" : ""}` : "";
  const meta = [kindLabel, formatPresenters(item.presenters), item.duration !== undefined ? formatDuration(item.duration) : ""].filter(Boolean);
  return (
    <section class="item">
      <ItemHeading number={item.number} title={item.title} anchor={item.anchor} />
      {item.editorial.includes("title") && <p class="editorial">Titel tilføjet ved redigering</p>}
      {meta.length > 0 && (
        <p class="item-meta">
          {meta.map((part, index) => (
            <>
              {index > 0 && <span aria-hidden="true"> · </span>}
              <span>{part}</span>
            </>
          ))}
        </p>
      )}
      {item.conflicts.length > 0 && <p class="conflicts">Inhabil: {item.conflicts.map(formatPerson).join("; ")}</p>}
      {item.follows.length > 0 && (
        <p class="follows">
          Opfølgning på:{" "}
          {item.follows.map((f, index) => (
            <>
              {index > 0 && "; "}
              <a href={p(f.url)}>{f.label}</a>
            </>
          ))}
        </p>
      )}
      {html.trim() !== "" && <div class="item-body" dangerouslySetInnerHTML={{ __html: html }} />}
      {followUps.length > 0 && (
        <p class="followed-up">
          Fulgt op:{" "}
          {followUps.map((f, index) => (
            <>
              {index > 0 && "; "}
              <a href={p(f.url)}>{f.label}</a>
            </>
          ))}
        </p>
      )}
      {(item.attachments.length > 0 || item.unpublishedAttachments.length > 0) && (
        <div class="attachments">
          <h3>Bilag</h3>
          <ul>
            {item.attachments.map((a) => (
              <li>
                <a href={p(a.url)}>{a.title}</a>{" "}
                <span class="file-info">
                  ({a.type}, {a.size})
                </span>
              </li>
            ))}
            {item.unpublishedAttachments.map((title) => (
              <li>
                {title} <span class="file-info">(ikke offentliggjort)</span>
              </li>
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}

/**
 * The meeting as a schema.org Event (JSON-LD), for search engines: its name, dates, place, the
 * council that held it and the page. Nothing of a closed item is in it.
 */
function meetingEvent(meeting: Meeting, council: Council, kommune: Kommune, absolute: (address: string) => string): Record<string, unknown> {
  const place = meeting.venue ?? meeting.online;
  return {
    "@context": "https://schema.org",
    "@type": "Event",
    name: meeting.title,
    startDate: meeting.start ? toIsoTimestamp(meeting.date, meeting.start) : meeting.date,
    ...(meeting.start && meeting.end ? { endDate: toIsoTimestamp(meeting.date, meeting.end) } : {}),
    eventStatus: "https://schema.org/EventScheduled",
    eventAttendanceMode: meeting.venue
      ? "https://schema.org/OfflineEventAttendanceMode"
      : meeting.online
        ? "https://schema.org/OnlineEventAttendanceMode"
        : undefined,
    ...(place
      ? { location: meeting.venue ? { "@type": "Place", name: meeting.venue, address: meeting.venue } : { "@type": "VirtualLocation", name: meeting.online } }
      : {}),
    organizer: { "@type": "GovernmentOrganization", name: `${council.name}, ${kommune.name}`, url: absolute(councilUrl(kommune.slug, council.slug)) },
    url: absolute(meeting.url),
    inLanguage: "da",
  };
}

/** "Offentliggjort i arkivet 25. november 2026 · senest ændret 26. november 2026", and "Rettet" when it changed after approval. */
function MeetingHistoryLine({ meeting, history }: { meeting: Meeting; history: PublishedDates | undefined }) {
  if (!history) return null;
  const day = (timestamp: string) => timestamp.slice(0, 10);
  const created = day(history.created);
  const modified = day(history.modified);
  const corrected = meeting.approved !== undefined && modified > meeting.approved;
  return (
    <p class="meeting-history" data-pagefind-ignore="">
      {corrected && (
        <>
          <strong class="corrected-mark">Rettet</strong> efter godkendelsen.{" "}
        </>
      )}
      Offentliggjort i arkivet <time datetime={history.created}>{formatDate(created)}</time>
      {modified !== created && (
        <>
          {" "}
          · senest ændret <time datetime={history.modified}>{formatDate(modified)}</time>
        </>
      )}
      .
    </p>
  );
}
