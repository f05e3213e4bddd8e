// "Abonnér" and "Data": the feeds, calendars and exports of a council, a municipality or the
// whole site, with a short Danish explanation of what each is (most readers have never used a
// feed). Addresses from src/data/urls.ts.
import type { SiteContext } from "../../src/site/view.ts";
import type { Council, Kommune } from "../../src/minutes/model.ts";
import { calendarUrl, exportUrl, feedUrl } from "../../src/data/urls.ts";
import { withPrefix } from "../../src/site/urls.ts";

/** The feeds a page announces with `<link rel="alternate">`: its council's, its municipality's, the site's. */
export function feedsOf(site: SiteContext, kommune?: Kommune, council?: Council): { title: string; href: string }[] {
  const feeds: { title: string; href: string }[] = [];
  if (kommune && council) feeds.push({ title: `${council.name}, ${kommune.name}: nye dagsordener og referater`, href: feedUrl(kommune.slug, council.slug) });
  if (kommune) feeds.push({ title: `${kommune.name}: nye dagsordener og referater`, href: feedUrl(kommune.slug) });
  else if (site.scope.kommune === undefined) feeds.push({ title: "Alle kommuner: nye dagsordener og referater", href: feedUrl() });
  return feeds;
}

/** A `webcal:` address of a calendar, when the site knows its own address (a calendar app needs an absolute one). */
function webcal(site: SiteContext, address: string): string | undefined {
  return site.origin ? `${site.origin.replace(/^https?:/, "webcal:")}${withPrefix(site.pathPrefix, address)}` : undefined;
}

/** "Abonnér": the feed and, for a council or a municipality, the calendar. */
export function Subscribe({ site, kommune, council }: { site: SiteContext; kommune?: Kommune; council?: Council }) {
  const p = (a: string) => withPrefix(site.pathPrefix, a);
  const feed = kommune ? feedUrl(kommune.slug, council?.slug) : feedUrl();
  const calendar = kommune ? calendarUrl(kommune.slug, council?.slug) : undefined;
  const subscribeCal = calendar ? webcal(site, calendar) : undefined;
  return (
    <section class="subscribe" aria-labelledby="abonner">
      <h2 id="abonner">Abonnér</h2>
      <ul class="plain">
        <li>
          <a href={p(feed)} type="application/atom+xml">
            Nyhedsfeed (Atom)
          </a>
          : nye dagsordener og referater. Et feed læses i et feedprogram eller en nyhedslæser, som selv henter nye møder, når de bliver offentliggjort.
        </li>
        {calendar && (
          <li>
            <a href={p(calendar)} type="text/calendar">
              Kalender (iCalendar)
            </a>
            {subscribeCal && (
              <>
                {" eller "}
                <a href={subscribeCal}>abonnér i din kalender</a>
              </>
            )}
            : møderne, også de kommende, til telefonens eller computerens kalender.
          </li>
        )}
      </ul>
    </section>
  );
}

/** "Data": the exports of a municipality (or the whole site) and the licence they are published under. */
export function OpenData({ site, kommune }: { site: SiteContext; kommune?: Kommune }) {
  const p = (a: string) => withPrefix(site.pathPrefix, a);
  const slug = kommune?.slug;
  return (
    <section class="open-data" aria-labelledby="data">
      <h2 id="data">Data</h2>
      <p>
        Alle møder og punkter kan hentes som data: hvert møde som <code>referat.json</code> ved siden af mødets side, og samlet her. Lukkede punkter indeholder
        kun nummer, titel og en eventuel offentlig beslutning, som på siderne.
      </p>
      <ul class="plain">
        <li>
          <a href={p(exportUrl("itemsCsv", slug))}>Punkter (CSV)</a> og <a href={p(exportUrl("meetingsCsv", slug))}>møder (CSV)</a>: åbner i Excel
          (semikolon-separeret, UTF-8).
        </li>
        <li>
          <a href={p(exportUrl("meetingsNdjson", slug))}>Møder (NDJSON)</a>: ét møde i JSON pr. linje, som beskrevet i{" "}
          <a href={p("/schema/meeting.json")}>skemaet</a>.
        </li>
      </ul>
      {kommune && (
        <p class="muted">
          {kommune.license ? (
            <>Licens: {kommune.license.url ? <a href={kommune.license.url}>{kommune.license.name}</a> : kommune.license.name}</>
          ) : (
            `${kommune.name} har ikke angivet en licens for data.`
          )}
        </p>
      )}
    </section>
  );
}
