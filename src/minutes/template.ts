// The text of a new meeting file, as `referat new` writes it: the file's head with short Danish
// comments that explain each field, the council's standing members as attendees, the usual opening
// and closing items, and one `## ` section per item. Pure: src/cli/new.ts reads and writes the files.
import * as yaml from "js-yaml";

/** A standing member as kommune.yaml writes it: text, or an object with name. */
export type MemberInput = string | { name: string; organisation?: string | null; role?: string | null };

export interface MeetingTemplateInput {
  date: string;
  status: "referat" | "dagsorden";
  /** The council's name, for the comment on the attendees. */
  councilName: string;
  members: readonly MemberInput[];
  venue?: string;
  online?: string;
  start?: string;
  end?: string;
  /** Where place and times came from, said in their comment ("fra mødet 2024-04-09"). */
  placeSource?: string;
}

/** The usual opening and closing items of a council meeting. */
export const STANDARD_ITEMS = [
  { title: "Godkendelse af dagsorden", kind: "beslutning" },
  { title: "Godkendelse af referat", kind: "beslutning" },
  { title: "Eventuelt", kind: undefined },
] as const;

/** A YAML scalar on one line, quoted only when YAML needs it (times always, as the README writes them). */
export function yamlScalar(value: string): string {
  if (/^\d{1,2}:\d{2}$/.test(value)) return `"${value}"`;
  return yaml.dump(value, { lineWidth: -1 }).trimEnd();
}

function memberLines(member: MemberInput, indent: string): string[] {
  if (typeof member === "string") return [`${indent}- ${yamlScalar(member)}`];
  const lines = [`${indent}- name: ${yamlScalar(member.name)}`];
  if (member.organisation) lines.push(`${indent}  organisation: ${yamlScalar(member.organisation)}`);
  if (member.role) lines.push(`${indent}  role: ${yamlScalar(member.role)}`);
  return lines;
}

/** The text of a new meeting file. */
export function meetingTemplate(input: MeetingTemplateInput): string {
  const agenda = input.status === "dagsorden";
  const lines: string[] = [
    "---",
    "# Filens hoved: mødets oplysninger mellem de to linjer med ---. Linjer, der begynder med #, er",
    "# forklaringer og kommer ikke med på sitet. Vejledning: docs/vejledning.md",
    "",
    "# Mødets dato (år-måned-dag). Den skal passe til filens navn.",
    `date: ${input.date}`,
  ];
  if (input.placeSource) lines.push(`# Tid og sted er taget ${input.placeSource}; ret dem, hvis de ikke passer.`);
  lines.push(`# Hvornår mødet begynder og slutter, fx "16:00".`);
  lines.push(input.start ? `start: ${yamlScalar(input.start)}` : `# start: "16:00"`);
  lines.push(input.end ? `end: ${yamlScalar(input.end)}` : `# end: "18:00"`);
  lines.push("# Hvor mødet holdes. Et onlinemøde skriver online: Teams i stedet (eller begge).");
  if (input.venue) lines.push(`venue: ${yamlScalar(input.venue)}`);
  if (input.online) lines.push(`online: ${yamlScalar(input.online)}`);
  lines.push(
    agenda
      ? "# dagsorden: offentliggjort før mødet. Når mødet er holdt, rettes linjen til status: referat."
      : "# referat: mødets referat. Før mødet kan det være en dagsorden (status: dagsorden).",
    `status: ${input.status}`,
  );
  if (!agenda) lines.push("# Datoen, hvor referatet blev godkendt, når det er sket:", "# approved: 2024-06-11");
  lines.push("");
  if (input.members.length > 0) {
    lines.push(
      `# Deltagere: ${input.councilName}s faste medlemmer fra kommune.yaml. Flyt den, der meldte afbud,`,
      "# ned under absentees. En person skrives Navn (Organisation), rolle.",
      "attendees:",
      ...input.members.flatMap((member) => memberLines(member, "  ")),
    );
  } else {
    lines.push("# Deltagere, én pr. linje: - Navn (Organisation), rolle. kommune.yaml nævner ingen faste medlemmer.", "attendees: []");
  }
  lines.push(
    "# Afbud. Mødte en stedfortræder, skrives det sådan:",
    "# absentees:",
    "#   - name: Dennis Berg",
    "#     organisation: SAND",
    "#     substitute: Eva Berg",
    "# Fra forvaltningen (staff) og gæster (guests). Var en gæst kun med under punkt 2: present_for: 2",
    "# staff:",
    "#   - Frederik Møller (Socialforvaltningen), konsulent",
    "# guests:",
    "#   - name: Gitte Aagaard",
    "#     role: gadesygeplejerske",
    "#     present_for: 2",
    "# Referent:",
    "# minute_taker: Frederik Møller",
    "",
    "# Dagsordenens punkter i rækkefølge. Hvert punkt har et afsnit nedenfor, der begynder med ## og",
    "# punktets titel. kind er beslutning, orientering eller drøftelse.",
    "items:",
  );
  const [opening, approval, closing] = STANDARD_ITEMS;
  for (const item of [opening, approval]) lines.push(`  - title: ${yamlScalar(item.title)}`, `    kind: ${item.kind}`);
  lines.push(
    "  # Mødets egne punkter her, fx:",
    "  # - title: Vinternatvarme for hjemløse",
    "  #   kind: drøftelse",
    "  #   presenter: Anna Holm",
    "  #   attachments:            # bilag: læg filen i mappen ved siden af denne fil, med mødets dato som navn",
    "  #     - file: notat.pdf",
    "  #       title: Notat om natvarme",
    "  # Et lukket punkt får kun en titel, closed: true og måske en offentlig beslutning:",
    "  # - title: Ansættelsessag",
    "  #   closed: true",
    "  #   public_decision: Rådet tiltrådte indstillingen.",
    `  - title: ${yamlScalar(closing.title)}`,
    "---",
    "",
  );
  for (const item of STANDARD_ITEMS) lines.push(`## ${item.title}`, "");
  return `${lines.join("\n").trimEnd()}\n`;
}
