// A small in-memory Archive for tests of page models and rendering without the loader.
import type { Archive, Council, Item, Kommune, Meeting } from "../../src/minutes/model.ts";
import { item as baseItem, meeting as baseMeeting } from "../trust/archive.ts";

function item(partial: Partial<Item> & Pick<Item, "number" | "title">): Item {
  return baseItem(partial);
}

// The trust tests' builder, with the times, title and first item these page tests expect.
function meeting(kommune: string, raad: string, slug: string, partial: Partial<Meeting> = {}): Meeting {
  return baseMeeting(kommune, raad, slug.slice(0, 10), {
    slug,
    start: "16:00",
    end: "18:00",
    title: "Referat af møde i Udsatterådet",
    items: [item({ number: 1, title: "Godkendelse af dagsorden", kind: "beslutning", body: "Godkendt.\n" })],
    ...partial,
  });
}

/** Two municipalities; Gladsaxe's council has three meetings over two years, one of them an agenda. */
export function makeArchive(): Archive {
  const g1 = meeting("gladsaxe", "udsatteraadet", "2023-09-06", {
    approved: "2023-10-04",
    attendees: [
      { name: "Anna Holm", organisation: "Kirkens Korshær", role: "formand" },
      { name: "Carla Dahl", organisation: "Brugerrepræsentant", presentFor: [1, 2, 3] },
    ],
    absentees: [{ name: "Dennis Berg", organisation: "SAND", substitute: { name: "Eva Berg" } }],
    staff: [{ name: "Frederik Møller", organisation: "Socialforvaltningen", role: "konsulent" }],
    guests: [{ name: "Gitte Aagaard", role: "gadesygeplejerske" }],
    minuteTaker: { name: "Frederik Møller" },
    items: [
      item({ number: 1, title: "Godkendelse af dagsorden", kind: "beslutning", body: "Dagsordenen blev godkendt.\n" }),
      item({
        number: 2,
        title: "Vinternatvarme for hjemløse",
        kind: "drøftelse",
        presenters: [{ name: "Anna Holm" }],
        duration: 30,
        conflicts: [{ name: "Bo Lund", organisation: "Værestedet Broen" }],
        attachments: [{ file: "notat.pdf", title: "Notat om natvarme", type: "pdf", size: 24_310, sourcePath: "/nowhere/notat.pdf" }],
        body: "### Drøftelse\n\nRådet drøftede <script>alert(1)</script> natvarmen.\n",
      }),
      item({ number: 3, title: "Ansættelsessag", kind: "beslutning", closed: true, publicDecision: "Rådet tiltrådte indstillingen." }),
      item({ number: 4, title: "Opfølgning", kind: "orientering", follows: ["/gladsaxe/udsatteraadet/2022-11-21/#punkt-1"] }),
    ],
    corrections: [{ date: "2023-10-05", text: "En titel er rettet." }],
    nextMeeting: { date: "2023-11-01", start: "16:00", venue: "Rådhuset" },
  });
  const g0 = meeting("gladsaxe", "udsatteraadet", "2022-11-21");
  const g2 = meeting("gladsaxe", "udsatteraadet", "2023-11-01", { status: "dagsorden", title: "Dagsorden til møde i Udsatterådet" });
  const council: Council = {
    kommune: "gladsaxe",
    slug: "udsatteraadet",
    name: "Udsatterådet",
    description: "Rådet rådgiver byrådet.",
    members: [{ name: "Anna Holm", organisation: "Kirkens Korshær" }],
    meetings: [g2, g1, g0],
  };
  const gladsaxe: Kommune = {
    slug: "gladsaxe",
    name: "Gladsaxe Kommune",
    website: "https://gladsaxe.dk",
    accessibilityStatement: "https://was.digst.dk/gladsaxe-dk",
    feedback: "https://gladsaxe.dk/feedback",
    look: { colour: "#005a8c" },
    contact: { address: "Rådhus Allé 7, 2860 Søborg", phone: "39 57 50 00", email: "gladsaxe@gladsaxe.dk", cvr: "62761113", hours: "Mandag–fredag 10–14" },
    councils: [council],
    sourcePath: "/content/gladsaxe/kommune.yaml",
  };
  const a1 = meeting("aalborg", "udsatteraadet", "2025-03-12");
  const aalborg: Kommune = {
    slug: "aalborg",
    name: "Aalborg Kommune",
    accessibilityStatement: "https://was.digst.dk/aalborg-dk",
    look: { colour: "#1d4f7a" },
    contact: {},
    councils: [{ kommune: "aalborg", slug: "udsatteraadet", name: "Udsatterådet", members: [], meetings: [a1] }],
    sourcePath: "/content/aalborg/kommune.yaml",
  };
  return { kommuner: [aalborg, gladsaxe] };
}
