// The list pages: the portal, each municipality, each council, each council year.
import type { SiteView } from "../src/site/view.ts";
import type { CouncilPage, KommunePage, ListPage, PortalPage, RedirectPage, YearPage } from "../src/site/pages.ts";
import { colourClass } from "../src/site/look.ts";
import { formatMeetingCount, formatPerson } from "../src/site/text.ts";
import { councilUrl, kommuneUrl, outputPathOf, withPrefix } from "../src/site/urls.ts";
import { Layout } from "./_layout.tsx";
import { MeetingList, UpcomingList } from "./_components/meeting-list.tsx";
import { isUpcoming, upcomingMeetings } from "../src/site/upcoming.ts";
import { LATEST_COUNT, latestMeetings } from "../src/site/pages.ts";
import { feedsOf, OpenData, Subscribe } from "./_components/open-data.tsx";
import { openThreads } from "../src/site/follow-ups.ts";
import { councilAttendance } from "../src/site/attendance.ts";
import { formatDate } from "../src/format/dates.ts";

interface Data {
  referat: SiteView;
  listPage: ListPage;
}

export const data = {
  pagination: { data: "referat.listPages", size: 1, alias: "listPage" },
  permalink: (data: Data) => outputPathOf(data.listPage.url),
  eleventyExcludeFromCollections: true,
};

export default function render({ referat: site, listPage: page }: Data) {
  if (page.kind === "redirect") return <Redirect site={site} page={page} />;
  return (
    <Layout
      site={site}
      title={page.title}
      description={page.description}
      kommune={page.kommune}
      breadcrumbs={page.breadcrumbs}
      url={page.url}
      feeds={feedsOf(site, page.kommune, page.kind === "council" || page.kind === "year" ? page.council : undefined)}
    >
      {page.kind === "portal" && <Portal site={site} page={page} />}
      {page.kind === "kommune" && <KommuneFront site={site} page={page} />}
      {page.kind === "council" && <Council site={site} page={page} />}
      {page.kind === "year" && <Year site={site} page={page} />}
    </Layout>
  );
}

/** "/<kommune>/" of a one-municipality site: sends the reader on to "/", where the municipality's page is. */
function Redirect({ site, page }: { site: SiteView; page: RedirectPage }) {
  return (
    <Layout site={site} title={page.title} description={page.description} kommune={page.kommune} breadcrumbs={page.breadcrumbs} redirect={page.target}>
      <h1>{page.title}</h1>
      <p>
        Referaterne fra {page.kommune.name} findes på <a href={withPrefix(site.pathPrefix, page.target)}>forsiden</a>.
      </p>
    </Layout>
  );
}

function Portal({ site, page }: { site: SiteView; page: PortalPage }) {
  const p = (a: string) => withPrefix(site.pathPrefix, a);
  return (
    <>
      <h1>{page.title}</h1>
      <p class="lead">Dagsordener og referater fra rådene i kommunerne. Vælg en kommune, eller søg på tværs af alle referater.</p>
      <ul class="card-list">
        {page.kommuner.map((kommune) => (
          <li class={`card ${colourClass(kommune)}`}>
            <h2>
              <a href={p(kommuneUrl(kommune.slug))}>{kommune.name}</a>
            </h2>
            <ul class="plain">
              {kommune.councils.map((council) => (
                <li>
                  <a href={p(councilUrl(kommune.slug, council.slug))}>{council.name}</a> ({formatMeetingCount(council.meetings.length)})
                </li>
              ))}
            </ul>
          </li>
        ))}
      </ul>
      <Subscribe site={site} />
      <OpenData site={site} />
    </>
  );
}

function KommuneFront({ site, page }: { site: SiteView; page: KommunePage }) {
  const p = (a: string) => withPrefix(site.pathPrefix, a);
  const { kommune } = page;
  const councilNames = new Map(kommune.councils.map((c) => [c.slug, c.name]));
  const upcoming = upcomingMeetings(kommune.councils, site.today);
  const latest = latestMeetings(kommune, LATEST_COUNT, (m) => isUpcoming(m, site.today));
  return (
    <>
      <h1>{page.title}</h1>
      <h2>Rådene</h2>
      <ul class="card-list">
        {kommune.councils.map((council) => (
          <li class="card">
            <h3>
              <a href={p(councilUrl(kommune.slug, council.slug))}>{council.name}</a>
            </h3>
            {council.description && <p>{council.description}</p>}
            <p class="muted">{formatMeetingCount(council.meetings.length)}</p>
          </li>
        ))}
      </ul>
      {upcoming.length > 0 && (
        <>
          <h2>Kommende møder</h2>
          <UpcomingList entries={upcoming} pathPrefix={site.pathPrefix} councilName={(m) => councilNames.get(m.raad) ?? m.raad} />
        </>
      )}
      {latest.length > 0 && (
        <>
          <h2>Seneste møder</h2>
          <MeetingList meetings={latest} pathPrefix={site.pathPrefix} councilName={(m) => councilNames.get(m.raad) ?? m.raad} />
        </>
      )}
      <Subscribe site={site} kommune={kommune} />
      <OpenData site={site} kommune={kommune} />
    </>
  );
}

function Council({ site, page }: { site: SiteView; page: CouncilPage }) {
  const p = (a: string) => withPrefix(site.pathPrefix, a);
  const { council } = page;
  const upcoming = upcomingMeetings([council], site.today);
  // Past meetings by year; the upcoming agendas are listed above them, not again in their year.
  const years = page.years
    .map((group) => ({ ...group, meetings: group.meetings.filter((m) => !isUpcoming(m, site.today)) }))
    .filter((group) => group.meetings.length > 0);
  return (
    <>
      <h1>{page.title}</h1>
      {council.description && <p class="lead">{council.description}</p>}
      {council.members.length > 0 && (
        <details class="members">
          <summary>Rådets medlemmer</summary>
          <ul>
            {council.members.map((m) => (
              <li>{formatPerson(m)}</li>
            ))}
          </ul>
        </details>
      )}
      {page.years.length === 0 && <p>Der er endnu ingen møder i arkivet.</p>}
      {page.years.length > 1 && (
        <nav class="year-nav" aria-label="År">
          <ul>
            {page.years.map((group) => (
              <li>
                <a href={p(group.url)}>{group.year}</a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {upcoming.length > 0 && (
        <section class="upcoming">
          <h2>Kommende møder</h2>
          <UpcomingList entries={upcoming} pathPrefix={site.pathPrefix} />
        </section>
      )}
      {years.map((group) => (
        <section class="year-group">
          <h2>
            <a href={p(group.url)}>{group.year}</a>
          </h2>
          <MeetingList meetings={group.meetings} pathPrefix={site.pathPrefix} />
        </section>
      ))}
      <OpenThreads site={site} page={page} />
      {council.attendance && <Attendance page={page} />}
      <Subscribe site={site} kommune={page.kommune} council={council} />
    </>
  );
}

function Year({ site, page }: { site: SiteView; page: YearPage }) {
  const p = (a: string) => withPrefix(site.pathPrefix, a);
  return (
    <>
      <h1>{page.title}</h1>
      <p class="muted">{formatMeetingCount(page.meetings.length)}</p>
      <MeetingList meetings={page.meetings} pathPrefix={site.pathPrefix} />
      {(page.previousYear || page.nextYear) && (
        <nav class="prev-next" aria-label="Andre år">
          <ul>
            {page.previousYear && (
              <li class="prev">
                <a href={p(page.previousYear.url)} rel="prev">
                  <span aria-hidden="true">← </span>
                  {page.previousYear.label}
                </a>
              </li>
            )}
            {page.nextYear && (
              <li class="next">
                <a href={p(page.nextYear.url)} rel="next">
                  {page.nextYear.label}
                  <span aria-hidden="true"> →</span>
                </a>
              </li>
            )}
          </ul>
        </nav>
      )}
    </>
  );
}

/** Advice the council gave that no later item follows up yet (src/site/follow-ups.ts). */
function OpenThreads({ site, page }: { site: SiteView; page: CouncilPage }) {
  const threads = openThreads(page.council, site.followUps);
  if (threads.length === 0) return null;
  const p = (a: string) => withPrefix(site.pathPrefix, a);
  return (
    <section class="open-threads" aria-labelledby="aabne-sager">
      <h2 id="aabne-sager">Uden opfølgning endnu</h2>
      <p>Anbefalinger, høringssvar og henvendelser fra rådet, som intet senere punkt i arkivet følger op på.</p>
      <ul>
        {threads.map((thread) => (
          <li>
            <a href={p(thread.address)}>{thread.item.title}</a> <span class="muted">({formatDate(thread.meeting.date)})</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Each standing member's attendance (opt-in per council: `attendance: true`). */
function Attendance({ page }: { page: CouncilPage }) {
  const { meetings, members } = councilAttendance(page.council);
  if (members.length === 0 || meetings === 0) return null;
  return (
    <section class="attendance" aria-labelledby="fremmoede">
      <h2 id="fremmoede">Fremmøde</h2>
      <p>De faste medlemmers fremmøde ved rådets {formatMeetingCount(meetings)} med referat i arkivet.</p>
      <div class="table-scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">Medlem</th>
              <th scope="col">Til stede</th>
              <th scope="col">Afbud</th>
              <th scope="col">Afbud med stedfortræder</th>
              <th scope="col">Ikke nævnt</th>
            </tr>
          </thead>
          <tbody>
            {members.map((m) => (
              <tr>
                <th scope="row">{formatPerson(m.member)}</th>
                <td>{m.present}</td>
                <td>{m.absent}</td>
                <td>{m.substituted}</td>
                <td>{m.notMentioned}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
