// The site's one order of names (templates/assets/order.js), as the lists and the search filters use it.
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadArchive } from "../../src/content/load.ts";
import { itemKinds } from "../../src/site/pages.ts";
import { compareDanish } from "../../templates/assets/order.js";
import { sortFilterValues } from "../../templates/assets/search-core.js";

describe("the order of names", () => {
  it("is Danish: æ, ø, å after z, and Aa as Å", () => {
    const names = ["Aalborg Kommune", "Ærø Kommune", "Odense Kommune", "Ølstykke", "Zealand", "Albertslund Kommune", "Århus"];
    expect([...names].sort(compareDanish)).toEqual(["Albertslund Kommune", "Odense Kommune", "Zealand", "Ærø Kommune", "Ølstykke", "Aalborg Kommune", "Århus"]);
  });

  it("is the archive's order of municipalities and councils, and the search filters'", async () => {
    const { archive } = await loadArchive(join(import.meta.dirname, "../../content"));
    const names = archive.kommuner.map((k) => k.name);
    expect(names).toEqual(["Albertslund Kommune", "Gladsaxe Kommune", "Odense Kommune", "Roskilde Kommune", "Aalborg Kommune"]);
    expect(sortFilterValues("kommune", [...names].reverse())).toEqual(names);
    for (const kommune of archive.kommuner) {
      const councils = kommune.councils.map((c) => c.name);
      expect(councils).toEqual([...councils].sort(compareDanish));
    }
  });

  it("leaves kinds the source did not give out of the search filter", async () => {
    const { archive } = await loadArchive(join(import.meta.dirname, "../../content"));
    const meeting = archive.kommuner.flatMap((k) => k.councils.flatMap((c) => c.meetings)).find((m) => itemKinds(m).length > 0);
    expect(meeting).toBeDefined();
    if (!meeting) return;
    const given = itemKinds(meeting);
    const edited = {
      ...meeting,
      items: meeting.items.map((item) => (item.kind === given[0] ? { ...item, editorial: [...item.editorial, "kind" as const] } : item)),
    };
    expect(itemKinds(edited)).toEqual(given.slice(1).filter((kind) => edited.items.some((i) => i.kind === kind && !i.editorial.includes("kind") && !i.closed)));
    expect(itemKinds(edited)).not.toContain(given[0]);
  });
});
