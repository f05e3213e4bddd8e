// The breadcrumb trail: a labelled nav, the last crumb the current page.
import type { Crumb } from "../../src/site/breadcrumbs.ts";
import { withPrefix } from "../../src/site/urls.ts";

export function Breadcrumbs({ crumbs, pathPrefix }: { crumbs: Crumb[]; pathPrefix: string }) {
  if (crumbs.length === 0) return null;
  return (
    <nav class="breadcrumbs" aria-label="Brødkrummer" data-pagefind-ignore="">
      <ol>
        {crumbs.map((crumb, index) =>
          index === crumbs.length - 1 ? (
            <li>
              <a href={withPrefix(pathPrefix, crumb.url)} aria-current="page">
                {crumb.label}
              </a>
            </li>
          ) : (
            <li>
              <a href={withPrefix(pathPrefix, crumb.url)}>{crumb.label}</a>
            </li>
          ),
        )}
      </ol>
    </nav>
  );
}
