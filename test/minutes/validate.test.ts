import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { formatProblem, sortProblems } from "../../src/report/problem.ts";
import { validateMeetingBytes, validateMeetingText, MAX_FRONT_MATTER_BYTES, MAX_MEETING_BYTES, type MeetingContext } from "../../src/minutes/validate.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/minutes");

function context(name: string): MeetingContext {
  return {
    file: `test/fixtures/minutes/${name}`,
    absolutePath: path.join(FIXTURES, name),
    sourcePath: `eksempelby/udsatteraadet/2023/${name}`,
    kommune: "eksempelby",
    raad: "udsatteraadet",
    slug: "2023-09-06",
    year: "2023",
    councilName: "Udsatterådet",
    attachmentDir: path.join(FIXTURES, "2023-09-06"),
  };
}

/** The problems of a fixture as report lines, with the file replaced by a placeholder. */
function check(name: string, bytes: Uint8Array = readFileSync(path.join(FIXTURES, name))): string[] {
  const result = validateMeetingBytes(bytes, context(name));
  return sortProblems(result.problems).map((problem) => formatProblem({ ...problem, file: "<fil>" }));
}

// Each bad fixture and the exact lines `referat check` prints for it.
const BAD: [string, string[]][] = [
  // An imported draft without a place passes the place rule; each review entry stops it.
  [
    "draft-review.md",
    [
      "<fil>:9:5: review[1]: udkastet skal gennemses: \"starttid gættet ud fra 'kl. 16'\". Sammenlign med det oprindelige dokument, ret det, der er forkert, og slet så linjen fra review",
      '<fil>:10:5: review[2]: udkastet skal gennemses: "punkt 2\'s titel er skrevet af importeren". Sammenlign med det oprindelige dokument, ret det, der er forkert, og slet så linjen fra review',
    ],
  ],
  [
    "attachment-unpublished.md",
    [
      "<fil>:14:9: items[2].attachments[2].file: bilaget mangler file: skriv filens navn i mødets mappe, fx file: notat.pdf, eller published: false for et bilag, der ikke er offentliggjort",
      "<fil>:15:9: items[2].attachments[3].file: et bilag med published: false offentliggøres ikke og har ingen fil; fjern file, eller fjern published: false for at offentliggøre filen",
      "<fil>:18:17: items[2].editorial[1]: editorial nævner kind, men punktet har ingen kind; fjern kind fra editorial, eller skriv punktets kind",
      "<fil>:18:30: items[2].editorial[3]: editorial nævner 'title' to gange; skriv det én gang",
    ],
  ],
  ["approved-agenda.md", ["<fil>:6:1: approved: en dagsorden kan ikke være godkendt; fjern approved, eller skriv status: referat"]],
  ["attachment-missing-title.md", ["<fil>:15:9: items[2].attachments[1].title: feltet mangler"]],
  // Files a browser or web server would run, names the build or a host uses, names that collide.
  [
    "attachment-unsafe.md",
    [
      "<fil>:10:16: items[1].attachments[1].file: filer af typen .html kan ikke offentliggøres: en browser eller webserver kan vise dem som en side eller køre kode fra dem på sitet. Gem bilaget som PDF, fx bilag-index.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:11:16: items[1].attachments[2].file: filer af typen .htm kan ikke offentliggøres: en browser eller webserver kan vise dem som en side eller køre kode fra dem på sitet. Gem bilaget som PDF, fx Notat.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:12:16: items[1].attachments[3].file: filer af typen .svg kan ikke offentliggøres: en browser eller webserver kan vise dem som en side eller køre kode fra dem på sitet. Gem bilaget som PDF, fx tegning.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:13:16: items[1].attachments[4].file: filer af typen .xml kan ikke offentliggøres: en browser eller webserver kan vise dem som en side eller køre kode fra dem på sitet. Gem bilaget som PDF, fx data.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:14:16: items[1].attachments[5].file: filnavnet '.htaccess' begynder med punktum; sådan en fil (fx .htaccess) styrer webserveren og kan ikke offentliggøres. Gem bilaget som PDF med et almindeligt navn, fx htaccess.pdf",
      "<fil>:15:16: items[1].attachments[6].file: filer af typen .config kan ikke offentliggøres: en browser eller webserver kan vise dem som en side eller køre kode fra dem på sitet. Gem bilaget som PDF, fx web.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:16:16: items[1].attachments[7].file: filer af typen .js kan ikke offentliggøres: en browser eller webserver kan vise dem som en side eller køre kode fra dem på sitet. Gem bilaget som PDF, fx script.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:17:16: items[1].attachments[8].file: filer af typen .wasm kan ikke offentliggøres: en browser eller webserver kan vise dem som en side eller køre kode fra dem på sitet. Gem bilaget som PDF, fx modul.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:18:16: items[1].attachments[9].file: filer af typen .php kan ikke offentliggøres: en browser eller webserver kan vise dem som en side eller køre kode fra dem på sitet. Gem bilaget som PDF, fx side.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:21:16: items[2].attachments[1].file: filer af typen .html kan ikke offentliggøres: en browser eller webserver kan vise dem som en side eller køre kode fra dem på sitet. Gem bilaget som PDF, fx notat.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:22:16: items[2].attachments[2].file: filnavnet 'notat.php.pdf' indeholder '.php', som nogle webservere kører som kode, også midt i navnet; omdøb filen uden '.php', fx notat.pdf",
      "<fil>:23:16: items[2].attachments[3].file: filnavnet 'notat.pdf.' ender med punktum eller mellemrum, som nogle webservere fjerner, så filen får en anden type; omdøb filen, så navnet ender med filtypen, fx notat.pdf",
      "<fil>:24:16: items[2].attachments[4].file: filnavnet 'notat.pdf ' ender med punktum eller mellemrum, som nogle webservere fjerner, så filen får en anden type; omdøb filen, så navnet ender med filtypen, fx notat.pdf",
      "<fil>:25:16: items[2].attachments[5].file: filnavnet 'LÆSMIG' har ingen filtype, så det er uvist, hvordan en browser viser den; gem bilaget som PDF, fx LÆSMIG.pdf. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:26:16: items[2].attachments[6].file: filer af typen .zip kan ikke offentliggøres som bilag; gem bilaget som PDF, fx arkiv.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:27:16: items[2].attachments[7].file: filnavnet 'index.pdf' bruges af sitet selv, så bilaget ville erstatte en af sitets filer; omdøb det, fx til bilag-index.pdf",
      "<fil>:28:16: items[2].attachments[8].file: filer af typen .json kan ikke offentliggøres som bilag; gem bilaget som PDF, fx referat.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
      "<fil>:29:16: items[2].attachments[9].file: filnavnet 'robots.txt' bruges af sitet selv, så bilaget ville erstatte en af sitets filer; omdøb det, fx til bilag-robots.txt",
      "<fil>:30:16: items[2].attachments[10].file: filnavnet 'notat\u200b.pdf' indeholder usynlige tegn eller styretegn; omdøb filen med almindelige bogstaver, fx notat.pdf",
      "<fil>:34:16: items[3].attachments[2].file: bilaget 'referat.pdf' har samme navn som 'Referat.PDF', når man ser bort fra store og små bogstaver og fra, hvordan et tegn som å er skrevet (som ét tegn eller som a med ring); på mange webservere er det én og samme fil, så det ene ville erstatte det andet. Giv bilagene forskellige navne",
      "<fil>:36:16: items[3].attachments[4].file: bilaget 'bilag-a\u030a.pdf' har samme navn som 'bilag-å.pdf', når man ser bort fra store og små bogstaver og fra, hvordan et tegn som å er skrevet (som ét tegn eller som a med ring); på mange webservere er det én og samme fil, så det ene ville erstatte det andet. Giv bilagene forskellige navne",
      "<fil>:37:16: items[3].attachments[5].file: bilaget 'referat.pdf' har samme navn som 'Referat.PDF', når man ser bort fra store og små bogstaver og fra, hvordan et tegn som å er skrevet (som ét tegn eller som a med ring); på mange webservere er det én og samme fil, så det ene ville erstatte det andet. Giv bilagene forskellige navne",
      "<fil>:40:9: imported_from.file: filer af typen .html kan ikke offentliggøres: en browser eller webserver kan vise dem som en side eller køre kode fra dem på sitet. Gem bilaget som PDF, fx original.pdf, og skriv det nye filnavn her. Tilladte filtyper: pdf, docx, xlsx, pptx, odt, ods, odp, txt, csv, png, jpg, jpeg, gif, webp",
    ],
  ],
  ["attachment-path.md", ['<fil>:15:15: items[2].attachments[1].file: skal være et filnavn uden mapper, fx notat.pdf, men er "../hemmelig/notat.pdf"']],
  [
    "attendees-empty-value.md",
    ["<fil>:6:1: attendees: skal være en liste, men er tom; skriv deltagerne som en liste, eller attendees: [] hvis ingen er nævnt"],
  ],
  ["bad-date-format.md", ['<fil>:2:7: date: skal være en dato som 2023-09-06, men er "6. sept"']],
  ["bad-time-format.md", ['<fil>:4:6: end: skal være et klokkeslæt som "16:00" eller "16.00", men er "6pm"']],
  ["closed-not-boolean.md", ['<fil>:14:13: items[2].closed: skal være true eller false, men er "ja"']],
  [
    "closed-with-body.md",
    [
      "<fil>:23:1: ## Budget 2024: punkt 2 'Budget 2024' er lukket, så afsnittet skal være tomt; fjern teksten fra filen (indholdet kan være offentligt), og skriv en eventuel offentlig beslutning i public_decision",
    ],
  ],
  [
    "closed-with-fields.md",
    [
      "<fil>:14:5: items[2].presenter: et lukket punkt må ikke have en oplægsholder; fjern feltet (indholdet kan være offentligt)",
      "<fil>:15:5: items[2].attachments: et lukket punkt må ikke have bilag; fjern feltet (indholdet kan være offentligt)",
      "<fil>:18:5: items[2].conflicts: et lukket punkt må ikke have inhabilitet; fjern feltet (indholdet kan være offentligt)",
    ],
  ],
  ["corrections-incomplete.md", ["<fil>:10:5: corrections[1].text: feltet mangler; skriv, hvad der er rettet"]],
  ["cpr-allow-bad.md", ["<fil>:9:12: cpr_allow: skal være en liste, men er et tal (123)"]],
  ["danish-key.md", ["<fil>:5:1: sted: ukendt felt 'sted'; mente du 'venue'?"]],
  [
    "duplicate-number.md",
    [
      "<fil>:14:13: items[2].number: punktnummer 1 er allerede brugt af det 1. punkt i listen ('Godkendelse af dagsorden'); hvert punkt skal have sit eget nummer",
    ],
  ],
  ["duration-not-whole.md", ['<fil>:14:15: items[2].duration: skal være et helt tal større end 0, men er "30 min"']],
  ["empty-title.md", ["<fil>:5:8: title: må ikke være tom"]],
  ["end-before-start.md", ["<fil>:4:6: end: mødet slutter (15:30) før det begynder (16:00); ret start eller end"]],
  // A follow-up is a link on the page: only a meeting's address on this site, never one that leaves it.
  [
    "follows-offsite.md",
    [
      '<fil>:13:9: items[1].follows[3]: skal være en adresse på sitet som /eksempelby/udsatteraadet/2023-11-21/#punkt-4, men er "//evil.example/x"',
      '<fil>:14:9: items[1].follows[4]: skal være en adresse på sitet som /eksempelby/udsatteraadet/2023-11-21/#punkt-4, men er "/\\evil.example"',
      '<fil>:15:9: items[1].follows[5]: skal være en adresse på sitet som /eksempelby/udsatteraadet/2023-11-21/#punkt-4, men er "/%2F%2Fevil.example/"',
      '<fil>:16:9: items[1].follows[6]: skal være en adresse på sitet som /eksempelby/udsatteraadet/2023-11-21/#punkt-4, men er "https://evil.example/eksempelby/udsatteraadet/2023-11-21/"',
      '<fil>:17:9: items[1].follows[7]: skal være en adresse på sitet som /eksempelby/udsatteraadet/2023-11-21/#punkt-4, men er "/eksempelby/../../evil/2023-11-21/"',
      '<fil>:18:9: items[1].follows[8]: skal være en adresse på sitet som /eksempelby/udsatteraadet/2023-11-21/#punkt-4, men er "/eksempelby/udsatteraadet/2023-11-21/#punkt-4"><script>"',
      '<fil>:19:9: items[1].follows[9]: skal være en adresse på sitet som /eksempelby/udsatteraadet/2023-11-21/#punkt-4, men er "/eksempelby/udsatteraadet/2023-11-21/?q=1"',
    ],
  ],
  [
    "follows-bad.md",
    ['<fil>:15:9: items[2].follows[1]: skal være en adresse på sitet som /eksempelby/udsatteraadet/2023-11-21/#punkt-4, men er "punkt 4 sidste gang"'],
  ],
  ["front-matter-not-closed.md", ["<fil>:1:1: fil: filens hoved slutter ikke: der mangler en linje med --- efter felterne"]],
  ["guest-present-for-unknown.md", ["<fil>:12:18: guests[1].present_for: punkt 3 findes ikke; mødets punkter er 1 og 2"]],
  ["imported-from-bad-url.md", ['<fil>:10:8: imported_from.url: skal være en webadresse, der begynder med https://, men er "www.gladsaxe.dk/referat.pdf"']],
  ["impossible-date.md", ["<fil>:2:7: date: skal være en rigtig dato, men 2024-02-30 findes ikke i kalenderen"]],
  ["impossible-time.md", ["<fil>:3:8: start: skal være et klokkeslæt mellem 00:00 og 23:59, men er 25:00"]],
  ["item-missing-title.md", ["<fil>:12:5: items[2].title: feltet mangler; skriv punktets titel, fx title: Godkendelse af dagsorden"]],
  ["items-empty.md", ["<fil>:9:8: items: skal have mindst ét punkt, men er tom"]],
  ["kind-capital.md", ["<fil>:13:11: items[2].kind: skal være 'beslutning', 'orientering' eller 'drøftelse', men er \"Drøftelse\"; mente du 'drøftelse'?"]],
  ["kind-typo.md", ["<fil>:13:11: items[2].kind: skal være 'beslutning', 'orientering' eller 'drøftelse', men er \"droftelse\"; mente du 'drøftelse'?"]],
  ["kind-unknown.md", ["<fil>:13:11: items[2].kind: skal være 'beslutning', 'orientering' eller 'drøftelse', men er \"punkt\""]],
  [
    "latin1.md",
    [
      "<fil>:5:9: fil: filen er ikke gemt som UTF-8: linje 5 har tegn, der ikke kan læses (fx æ, ø eller å gemt som Latin-1 eller Windows-1252); gem filen som UTF-8 i din editor",
    ],
  ],
  [
    "level-one-heading.md",
    ["<fil>:22:1: ## Budget 2024: en overskrift med ét # er ikke tilladt i referatet; brug ## for punkter og ### for underoverskrifter"],
  ],
  [
    "many-problems.md",
    [
      "<fil>:2:7: date: skal være en rigtig dato, men 2023-13-01 findes ikke i kalenderen",
      "<fil>:6:1: deltagere: ukendt felt 'deltagere'; mente du 'attendees'?",
      "<fil>:13:11: items[2].kind: skal være 'beslutning', 'orientering' eller 'drøftelse', men er \"info\"",
    ],
  ],
  ["missing-date.md", ["<fil>:2:1: date: feltet mangler; skriv mødets dato, fx date: 2023-09-06"]],
  ["no-front-matter.md", ["<fil>:1:1: fil: filen skal begynde med sit hoved: en linje med ---, felterne (date: …, items: …) og en linje med ---"]],
  ["no-venue.md", ["<fil>:2:1: venue: mødet skal have et sted (venue: Medborgerhuset) eller en onlinetjeneste (online: Zoom), eller begge"]],
  ["not-mapping.md", ["<fil>:2:1: hoved: skal bestå af felter som 'date: 2023-09-06', men er en liste"]],
  [
    "person-unclosed-paren.md",
    ["<fil>:7:5: attendees[1]: personen \"Anna Holm (Kirkens Korshær, formand\" har en '(' uden ')'; skriv Navn (Organisation), rolle"],
  ],
  [
    "colon-in-title.md",
    [
      '<fil>:10:18: yaml: YAML-fejl: værdien af \'title\' indeholder et kolon ("Høring: Veteranstrategi"), så den læses som et nyt felt; sæt hele værdien i anførselstegn: title: "Høring: Veteranstrategi"',
    ],
  ],
  [
    "person-twice.md",
    [
      "<fil>:7:5: attendees[3]: 'anna holm' står allerede under attendees[1]; skriv hver person én gang (en person, der kun var med under nogle punkter, får present_for)",
      "<fil>:10:5: staff[1]: 'Bo Lund' står allerede under attendees[2]; skriv hver person én gang (en person, der kun var med under nogle punkter, får present_for)",
      "<fil>:13:5: absentees[2]: 'Carl Dahl' står allerede under absentees[1]; skriv hver person én gang (en person, der kun var med under nogle punkter, får present_for)",
    ],
  ],
  [
    "time-not-a-time.md",
    [
      '<fil>:3:8: start: skal være et klokkeslæt som "16:00" eller "16.00", men er et tal (16.75)',
      '<fil>:4:6: end: skal være et klokkeslæt som "16:00" eller "16.00", men er "kl. 18"',
    ],
  ],
  ["present-and-absent.md", ["<fil>:10:5: absentees[1]: 'Bo Lund' står både under attendees og absentees; en person kan kun være én af delene"]],
  [
    "staff-and-absent.md",
    [
      "<fil>:13:5: absentees[1]: 'Lise Berg' står både under staff og absentees; en person kan kun være én af delene",
      "<fil>:14:5: absentees[2]: 'Carl Dahl' står både under guests og absentees; en person kan kun være én af delene",
    ],
  ],
  // Names compare as read: extra spaces, tabs, no-break and zero-width spaces and case do not make two people.
  [
    "present-and-absent-spacing.md",
    [
      "<fil>:13:5: absentees[1]: 'Anna Holm' står både under attendees og absentees; en person kan kun være én af delene",
      "<fil>:14:5: absentees[2]: 'Bo Lund' står både under attendees og absentees; en person kan kun være én af delene",
      "<fil>:15:5: absentees[3]: 'Carla Dahl' står både under staff og absentees; en person kan kun være én af delene",
      "<fil>:16:5: absentees[4]: 'Dennis Berg' står både under guests og absentees; en person kan kun være én af delene",
    ],
  ],
  // A reversed range names no item: an error, never dropped silently.
  [
    "present-for-reversed.md",
    [
      '<fil>:7:18: attendees[1].present_for: intervallet "3-1" går baglæns; skriv det mindste punktnummer først, fx "1-3"',
      '<fil>:9:18: attendees[2].present_for: intervallet "3-2" går baglæns; skriv det mindste punktnummer først, fx "2-3"',
    ],
  ],
  // Numbers out of range are said in Danish, never in zod's English.
  [
    "number-too-big.md",
    [
      "<fil>:7:18: attendees[1].present_for: skal være et helt tal af rimelig størrelse, men er et tal (100000000000000000000), som er for stort",
      "<fil>:10:15: items[1].duration: skal være et helt tal af rimelig størrelse, men er et tal (100000000000000000000), som er for stort",
      "<fil>:12:13: items[2].number: skal være et helt tal af rimelig størrelse, men er et tal (1e+300), som er for stort",
      "<fil>:14:15: items[3].duration: skal være et helt tal større end 0, men er uendelig (.inf)",
      "<fil>:15:13: items[3].number: skal være et helt tal større end 0, men er ikke et tal (.nan)",
    ],
  ],
  ["present-for-bad.md", ['<fil>:9:18: attendees[2].present_for: skal være punktnumre som "1-3", "1, 3-5" eller [1, 3], men er "de første punkter"']],
  ["present-for-unknown.md", ["<fil>:9:18: attendees[2].present_for: punkterne 3 og 4 findes ikke; mødets punkter er 1 og 2"]],
  [
    "presenter-bad.md",
    [
      "<fil>:8:16: items[1].presenter: skal være en person (Navn (Organisation), rolle, eller med name:) eller en liste af personer, men er et tal (5)",
      "<fil>:12:9: items[2].presenter[2]: personen \"Bo Lund (Værestedet Broen\" har en '(' uden ')'; skriv Navn (Organisation), rolle",
      "<fil>:13:9: items[2].presenter[3].navn: ukendt felt 'navn'; mente du 'name'?",
      "<fil>:16:5: items[3].presenter: et lukket punkt må ikke have en oplægsholder; fjern feltet (indholdet kan være offentligt)",
    ],
  ],
  [
    "public-decision-open.md",
    ["<fil>:14:5: items[2].public_decision: public_decision hører kun til lukkede punkter; skriv beslutningen i punktets afsnit, eller skriv closed: true"],
  ],
  [
    "section-extra.md",
    ["<fil>:24:1: ## Eventuelt: afsnittet '## Eventuelt' svarer ikke til noget punkt i filens hoved; tilføj punktet under items, eller ret overskriften"],
  ],
  ["section-missing.md", ["<fil>:12:12: items[2].title: punkt 2 'Budget 2024' har intet afsnit; tilføj '## Budget 2024' i referatet"]],
  [
    "section-order.md",
    [
      "<fil>:16:1: ## Budget 2024: afsnittet '## Budget 2024' hører til punkt 2, men står som afsnit nr. 1; afsnittene skal stå i samme rækkefølge som punkterne",
      "<fil>:20:1: ## Godkendelse af dagsorden: afsnittet '## Godkendelse af dagsorden' hører til punkt 1, men står som afsnit nr. 2; afsnittene skal stå i samme rækkefølge som punkterne",
    ],
  ],
  [
    "section-title-mismatch.md",
    ["<fil>:20:1: ## Budget: afsnittet '## Budget' passer ikke til punkt 2 'Budget 2024' i filens hoved; overskriften skal gentage punktets titel"],
  ],
  ["status-invalid.md", ["<fil>:5:9: status: skal være 'referat' eller 'dagsorden', men er \"Referat\"; mente du 'referat'?"]],
  [
    "text-before-sections.md",
    ["<fil>:15:1: fil: tekst før det første afsnit er ikke tilladt; begynd med ## og punktets titel, og flyt teksten ind under et punkt"],
  ],
  [
    "unknown-key-far.md",
    [
      "<fil>:5:1: mødeleder: ukendt felt 'mødeleder'; tilladte felter: date, start, end, venue, online, title, status, approved, attendees, absentees, staff, guests, minute_taker, items, corrections, next_meeting, imported_from, review, cpr_allow",
    ],
  ],
  ["unknown-key.md", ["<fil>:6:1: atendees: ukendt felt 'atendees'; mente du 'attendees'?"]],
  ["wrong-kind-list.md", ["<fil>:6:12: attendees: skal være en liste, men er et tal (5)"]],
  ["wrong-kind-text.md", ["<fil>:6:3: venue: skal være en tekst, men er en liste"]],
  ["yaml-alias-bomb.md", ["<fil>:5:4: yaml: YAML-ankre og -henvisninger (&a) er ikke tilladt; skriv værdien ud, hver gang den bruges"]],
  ["yaml-duplicate-key.md", ["<fil>:5:1: yaml: feltet 'start' står to gange; slet det ene"]],
  ["yaml-syntax.md", ["<fil>:6:9: yaml: YAML-fejl: forkert indrykning; felter på samme niveau skal stå lige under hinanden"]],
  ["yaml-tab.md", ["<fil>:8:1: yaml: YAML-fejl: brug mellemrum, ikke tabulator, til indrykning"]],
  ["yaml-tag.md", ["<fil>:5:8: yaml: YAML-mærker (!!js/function) er ikke tilladt; skriv værdien som almindelig tekst"]],
];

describe("validateMeetingBytes", () => {
  it.each(BAD)("reports the problems in %s exactly", (name, expected) => {
    expect(check(name)).toEqual(expected);
  });

  it.each(["valid.md", "crlf-bom.md", "every-field.md", "heading-in-code-fence.md", "person-organisation-with-comma.md", "time-as-printed.md"])(
    "accepts the valid fixture %s",
    (name) => {
      expect(check(name)).toEqual([]);
    },
  );

  it("rejects a meeting file over the size cap without parsing it", () => {
    const bytes = Buffer.alloc(MAX_MEETING_BYTES + 1, "a");
    expect(check("oversize.md", bytes)).toEqual(["<fil>:1:1: fil: filen er for stor (1,0 MB); et møde må højst fylde 1,0 MB; læg store dokumenter som bilag"]);
  });

  it("rejects front matter over the size cap", () => {
    const filler = `note_${"x".repeat(40)}: ${"y".repeat(80)}\n`.repeat(Math.ceil(MAX_FRONT_MATTER_BYTES / 128) + 10);
    const text = `---\ndate: 2023-09-06\n${filler}---\n`;
    const result = validateMeetingText(text, context("big-front-matter.md"));
    expect(result.problems.map((p) => formatProblem({ ...p, file: "<fil>" }))).toEqual([
      "<fil>:1:1: fil: filens hoved (felterne mellem ---) er for stort (66 KB); det må højst fylde 64 KB",
    ]);
  });

  it("reads the times 16.00 (quoted, as the site prints it) and 18.30 and 9.00 (unquoted, numbers to YAML) as 16:00, 18:30 and 09:00", () => {
    const result = validateMeetingBytes(readFileSync(path.join(FIXTURES, "time-as-printed.md")), context("time-as-printed.md"));
    expect([result.meeting?.start, result.meeting?.end, result.meeting?.nextMeeting?.start]).toEqual(["16:00", "18:30", "09:00"]);
  });

  it("keeps dates and times as strings, never as Date objects", () => {
    const result = validateMeetingBytes(readFileSync(path.join(FIXTURES, "every-field.md")), context("every-field.md"));
    expect(result.meeting?.date).toBe("2024-05-14");
    expect(result.meeting?.approved).toBe("2024-06-11");
    expect(result.meeting?.corrections[0]?.date).toBe("2024-06-12");
    const unquoted = validateMeetingText(
      "---\ndate: 2023-09-06\nstart: 19:30\nend: 21:00\nvenue: Rådhuset\nattendees: []\nitems:\n  - title: A\n---\n\n## A\n",
      context("unquoted.md"),
    );
    expect(unquoted.problems).toEqual([]);
    expect(unquoted.meeting?.start).toBe("19:30");
    expect(unquoted.meeting?.end).toBe("21:00");
  });

  // Its time (it is rejected before the aliases are expanded) is measured by `npm run bench:micro` (yaml).
  it("rejects an alias bomb with one problem: anchors are not allowed", () => {
    const problems = check("yaml-alias-bomb.md");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain("YAML-ankre og -henvisninger (");
  });

  it("builds the model of a meeting with every field, camelCase and defaults filled", () => {
    const result = validateMeetingBytes(readFileSync(path.join(FIXTURES, "every-field.md")), context("every-field.md"));
    const meeting = result.meeting;
    expect(meeting).toBeDefined();
    expect(meeting?.title).toBe("Referat af møde i Udsatterådet den 14. maj 2024");
    expect(meeting?.url).toBe("/eksempelby/udsatteraadet/2023-09-06/");
    expect(meeting?.attendees).toEqual([
      { name: "Anna Holm", organisation: "Kirkens Korshær", role: "formand" },
      { name: "Bo Lund", organisation: "Værestedet Broen", role: "næstformand" },
      { name: "Carla Dahl", organisation: "Brugerrepræsentant", presentFor: [1, 2, 3] },
    ]);
    expect(meeting?.absentees).toEqual([{ name: "Dennis Berg", organisation: "SAND", substitute: { name: "Eva Berg" } }]);
    expect(meeting?.staff).toEqual([
      { name: "Frederik Møller", organisation: "Socialforvaltningen", role: "konsulent" },
      { name: "Ida Krog", organisation: "Socialforvaltningen", presentFor: [4] },
    ]);
    expect(meeting?.guests).toEqual([
      { name: "Gitte Aagaard", role: "gadesygeplejerske" },
      { name: "Hans Berg", organisation: "Socialtandplejen", presentFor: [2, 4] },
    ]);
    expect(meeting?.minuteTaker).toEqual({ name: "Frederik Møller" });
    expect(meeting?.items.map((item) => [item.number, item.line, item.closed, item.body.slice(0, 20)])).toEqual([
      [1, 61, false, "Dagsordenen blev god"],
      [2, 65, false, "Anna Holm fortalte o"],
      [3, 72, true, ""],
      [4, 74, false, "Forvaltningen orient"],
    ]);
    expect(meeting?.items.map((item) => item.presenters)).toEqual([
      [],
      [{ name: "Anna Holm" }],
      [],
      [{ name: "Ida Krog" }, { name: "Hans Berg", organisation: "Socialtandplejen" }],
    ]);
    expect(meeting?.items[2]?.publicDecision).toBe("Rådet tiltrådte indstillingen.");
    expect(meeting?.items[1]?.attachments).toEqual([
      {
        file: "notat-natvarme.pdf",
        title: "Notat om natvarme, april 2024",
        type: "pdf",
        size: 0,
        sourcePath: path.join(FIXTURES, "2023-09-06", "notat-natvarme.pdf"),
      },
    ]);
    expect(meeting?.items[3]?.follows).toEqual(["/eksempelby/udsatteraadet/2023-11-21/#punkt-4"]);
    expect(meeting?.cprAllow).toEqual([]);
  });

  it("titles an agenda as a dagsorden by default", () => {
    const result = validateMeetingText(
      "---\ndate: 2023-09-06\nstatus: dagsorden\nonline: Teams\nattendees: []\nitems:\n  - title: A\n---\n\n## A\n",
      context("agenda.md"),
    );
    expect(result.meeting?.title).toBe("Dagsorden til møde i Udsatterådet den 6. september 2023");
    expect(result.meeting?.status).toBe("dagsorden");
  });

  it("reads the CRLF and BOM fixture into the same meeting as the plain one", () => {
    const plain = validateMeetingBytes(readFileSync(path.join(FIXTURES, "valid.md")), context("valid.md")).meeting;
    const crlf = validateMeetingBytes(readFileSync(path.join(FIXTURES, "crlf-bom.md")), context("valid.md")).meeting;
    expect(crlf).toEqual(plain);
    expect(crlf?.items[1]?.line).toBe(20);
  });

  it("accepts cpr_allow as a list of non-empty strings", () => {
    const result = validateMeetingText(
      "---\ndate: 2023-09-06\nvenue: Rådhuset\nattendees: []\ncpr_allow:\n  - abc123\nitems:\n  - title: A\n---\n\n## A\n",
      context("cpr.md"),
    );
    expect(result.meeting?.cprAllow).toEqual(["abc123"]);
  });

  it("accepts one presenter as text or object, several as a list, and none as an empty list", () => {
    const result = validateMeetingText(
      [
        "---",
        "date: 2023-09-06",
        "venue: Rådhuset",
        "attendees: []",
        "items:",
        "  - title: A",
        "    presenter: Anna Holm (Kirkens Korshær)",
        "  - title: B",
        "    presenter: { name: Bo Lund, role: næstformand }",
        "  - title: C",
        "    presenter: [Henning Bentzen, Danny Pedersen, { name: Eva Berg }]",
        "  - title: D",
        "    presenter: []",
        "---",
        "",
        "## A",
        "",
        "## B",
        "",
        "## C",
        "",
        "## D",
        "",
      ].join("\n"),
      context("presenters.md"),
    );
    expect(result.problems).toEqual([]);
    expect(result.meeting?.items.map((item) => item.presenters)).toEqual([
      [{ name: "Anna Holm", organisation: "Kirkens Korshær" }],
      [{ name: "Bo Lund", role: "næstformand" }],
      [{ name: "Henning Bentzen" }, { name: "Danny Pedersen" }, { name: "Eva Berg" }],
      [],
    ]);
  });

  it("checks present_for on staff and guests as on attendees", () => {
    const result = validateMeetingText(
      "---\ndate: 2023-09-06\nvenue: Rådhuset\nattendees: []\nstaff:\n  - name: Ida\n    present_for: første punkt\nguests:\n  - name: Bo\n    present_for: [1, 9]\nitems:\n  - title: A\n---\n\n## A\n",
      context("presence.md"),
    );
    expect(result.problems.map((p) => formatProblem({ ...p, file: "<fil>" }))).toEqual([
      '<fil>:7:18: staff[1].present_for: skal være punktnumre som "1-3", "1, 3-5" eller [1, 3], men er "første punkt"',
      "<fil>:10:18: guests[1].present_for: punkt 9 findes ikke; mødets punkter er 1",
    ]);
  });

  it("uses explicit item numbers and present_for lists", () => {
    const result = validateMeetingText(
      '---\ndate: 2023-09-06\nvenue: Rådhuset\nattendees:\n  - name: Bo\n    present_for: [3, 5]\n  - name: Eva\n    present_for: "3, 5"\nitems:\n  - title: A\n    number: 3\n  - title: B\n    number: 5\n---\n\n## A\n\n## B\n',
      context("numbers.md"),
    );
    expect(result.problems).toEqual([]);
    expect(result.meeting?.items.map((item) => item.number)).toEqual([3, 5]);
    expect(result.meeting?.attendees.map((a) => a.presentFor)).toEqual([
      [3, 5],
      [3, 5],
    ]);
  });
});

describe("names and numbers as people write them", () => {
  it("shows a name with extra, no-break or zero-width spaces as written with one space", () => {
    const result = validateMeetingText(
      '---\ndate: 2023-09-06\nvenue: Rådhuset\nattendees:\n  - Anna  Holm (Kirkens Korshær)\n  - name: "Bo\\u00a0\\u200bLund"\nitems:\n  - title: A\n---\n\n## A\n',
      context("names.md"),
    );
    expect(result.problems).toEqual([]);
    expect(result.meeting?.attendees.map((a) => a.name)).toEqual(["Anna Holm", "Bo Lund"]);
  });

  // Every number field, every way YAML can spell an unusable number: the message is Danish.
  const FIELDS = ["items[1].duration", "items[1].number", "attendees[1].present_for", "guests[1].present_for"];
  const VALUES = ["99999999999999999999", "-99999999999999999999", "1e300", "1e-300", ".inf", "-.inf", ".nan", "[1e300]", "[.nan]", "1.5", "-0", "0"];
  it.each(VALUES)("never shows zod's English text for %s in a number field", (value) => {
    const text = `---\ndate: 2023-09-06\nvenue: Rådhuset\nattendees:\n  - name: A\n    present_for: ${value}\nguests:\n  - name: B\n    present_for: ${value}\nitems:\n  - title: T\n    duration: ${value}\n    number: ${value}\n---\n\n## T\n`;
    const problems = validateMeetingText(text, context("numbers.md")).problems;
    for (const field of FIELDS) expect(problems.some((problem) => problem.field.startsWith(field))).toBe(true);
    for (const problem of problems) {
      expect(problem.message).not.toMatch(/\b(expected|received|too big|too small|invalid|must|number|string)\b/i);
    }
  });
});

describe("editorial marks, unpublished attachments and imported originals", () => {
  const source = (extra: string) => `---
date: 2023-09-06
${extra}
attendees: []
items:
  - title: Godkendelse af dagsorden
    kind: beslutning
    editorial: [title, kind]
    attachments:
      - title: Årsrapport 2023
        published: false
---

## Godkendelse af dagsorden

Godkendt.
`;

  it("keeps which fields an editor added and lists an unpublished attachment without a file", () => {
    const result = validateMeetingText(source("venue: Rådhuset"), context("editorial.md"));
    expect(result.problems).toEqual([]);
    const item = result.meeting!.items[0]!;
    expect(item.editorial).toEqual(["title", "kind"]);
    expect(item.attachments).toEqual([]);
    expect(item.unpublishedAttachments).toEqual([{ title: "Årsrapport 2023" }]);
  });

  it("accepts an imported meeting without a place, and makes its original a published file", () => {
    const result = validateMeetingText(
      source("imported_from:\n  format: Word-dokument\n  file: original.docx\n  checksum: sha256:" + "ab".repeat(32)),
      context("imported.md"),
    );
    expect(result.problems).toEqual([]);
    const meeting = result.meeting!;
    expect(meeting.venue).toBeUndefined();
    expect(meeting.importedFrom?.original).toMatchObject({
      file: "original.docx",
      type: "docx",
      sourcePath: path.join(FIXTURES, "2023-09-06", "original.docx"),
    });
    expect(meeting.importedFrom?.checksum).toBe(`sha256:${"ab".repeat(32)}`);
  });

  it("still asks for a place when the meeting is not imported", () => {
    const result = validateMeetingText(source(""), context("noplace.md"));
    expect(result.problems.map((p) => p.message)).toEqual([
      "mødet skal have et sted (venue: Medborgerhuset) eller en onlinetjeneste (online: Zoom), eller begge",
    ]);
  });
});
