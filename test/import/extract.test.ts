import { readFile } from "node:fs/promises";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { extractMeeting, findItems } from "../../src/import/extract.ts";
import { danishWords, type WordList } from "../../src/import/ocr.ts";
import { htmlLines, plainTextLines } from "../../src/import/text.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/import");

const fromText = (text: string, fileName = "referat.txt") => extractMeeting(plainTextLines(text).lines, { fileName });
const names = (list: { text: string }[]) => list.map((person) => person.text);

describe("extractMeeting: dates and times", () => {
  it.each([
    ["Dato: Onsdag den 20. januar 2021 kl. 16-18.\n\nSted: Online via Zoom", "2021-01-20", "16:00", "18:00"],
    ["Forum:\tUdsatterådet\n\nTid:\n1. april 2019 kl. 16.00 – 18.00", "2019-04-01", "16:00", "18:00"],
    ["Mødereferat den 23. november 2021\n\nTidspunkt og sted:\n\nKl. 15-18, Tolderlundsvej 2, 10. sal, 5000 Odense C.", "2021-11-23", "15:00", "18:00"],
    ["Mødedato: Mandag d. 4.4. 2022\nMødetidspunkt: Kl. 15.00-17.30", "2022-04-04", "15:00", "17:30"],
    ["Dato: 04.04.2022\nTid: 17:00 – 19:00", "2022-04-04", "17:00", "19:00"],
  ])("reads the date and time of %j", (header, date, start, end) => {
    const draft = fromText(`${header}\n\n1. Godkendelse af dagsorden\n\nGodkendt.\n`);
    expect(draft).toMatchObject({ date, start, end });
  });

  it("does not take the date of another meeting, and marks a second date of the introduction for review", () => {
    const draft = fromText(
      "Referat fra sidste møde den 3. marts 2022 er godkendt\nNæste møde: 2. maj 2022\nReferat af mødet 4. april 2022\nOpdateret 6. april 2022\n\n1. Godkendelse af dagsorden\n",
    );
    expect(draft.date).toBe("2022-04-04");
    expect(draft.review).toEqual([]);
    const two = fromText("Referat af mødet 4. april 2022\nMødet blev holdt 5. april 2022\n\n1. Godkendelse af dagsorden\n");
    expect(two.date).toBe("2022-04-04");
    expect(two.review).toEqual(["Dokumentets indledning nævner også datoen 2022-04-05; kontrollér, at 2022-04-04 er mødets dato."]);
  });

  it("takes the date from the file name only as a guess for review", () => {
    const draft = fromText("Referat\n\n1. Godkendelse af dagsorden\n", "udsatteraadet-2022-04-04.txt");
    expect(draft.date).toBe("2022-04-04");
    expect(draft.review[0]).toBe('Mødets dato (2022-04-04) står ikke i dokumentet; den er taget fra filnavnet "udsatteraadet-2022-04-04.txt".');
  });

  it("reads an online meeting and a place with an online service", () => {
    expect(fromText("Dato: 1. april 2019\nSted: Online via Microsoft Teams\n\n1. Punkt\n")).toMatchObject({ online: "Teams" });
    expect(fromText("Dato: 1. april 2019\nSted: Rådhuset, lokale 2 og online via Zoom\n\n1. Punkt\n")).toMatchObject({
      venue: "Rådhuset, lokale 2",
      online: "Zoom",
    });
  });
});

describe("extractMeeting: persons", () => {
  it("reads members, staff, guests, absentees, substitutes and the minute taker under their labels", () => {
    const draft = fromText(`Dato: 4. april 2022

Til stede: Anna Holm, Bo Lund, Carla Dahl
Fraværende: Dennis Berg
Fravær:
- Frida Kjær
Afbud fra Gitte Juhl og Hans Ravn
Stedfortræder: Eva Berg (mødte for Dennis Berg)
Fra forvaltningen:
Ida Vang, konsulent (referent)
Gæster:
Jens Kofod (Kirkens Korshær)

1. Godkendelse af dagsorden
`);
    expect(names(draft.attendees)).toEqual(["Anna Holm", "Bo Lund", "Carla Dahl"]);
    expect(draft.absentees.map((person) => [person.text, person.substitute])).toEqual([
      ["Dennis Berg", undefined],
      ["Frida Kjær", undefined],
      ["Gitte Juhl", undefined],
      ["Hans Ravn", undefined],
      ["Dennis Berg", "Eva Berg"],
    ]);
    expect(names(draft.staff)).toEqual(["Ida Vang, konsulent"]);
    expect(names(draft.guests)).toEqual(["Jens Kofod (Kirkens Korshær)"]);
    expect(draft.minuteTaker).toBe("Ida Vang");
  });

  it("gives a list without a heading to the empty label after it (a scan that read columns out of order)", async () => {
    const text = await readFile(path.join(FIXTURES, "seeds/roskilde-udsatteraadet-2021-01-20.txt"), "utf8");
    const draft = fromText(text);
    expect(names(draft.attendees)).toEqual([
      "Gitte Dueholm (Kafé Klaus, Samarbejdsforum for udsatte)",
      "Leni Grundtvig Nielsen (Laenken, Samarbejdsforum for udsatte og Sind)",
      "Danny Pedersen",
      "Anne Bjerre Brauner (Bedre Psykiatri)",
      "Henning Bentzen (Samarbejdsforum for udsatte og Netveerk mod Ulighed)",
    ]);
    expect(draft.staff.length).toBe(3);
    expect(draft.absentees.length).toBe(6);
  });
});

describe("extractMeeting: guests named only in the running text", () => {
  let words: WordList;
  beforeAll(async () => {
    words = await danishWords();
  });
  const withWords = (text: string) => extractMeeting(plainTextLines(text).lines, { fileName: "referat.txt", words });

  it("reads a visit in an item's title and an talk in an item's text, with role, organisation and item", () => {
    // A handicapråd's minutes: the mayor visits under item 3, a speaker gives a talk under item 4.
    const draft = withWords(`Handicaprådet
Dato: 7. marts 2024 kl. 16.00-18.00
Til stede: Birthe Kjær, Ole Thomsen, Lene Munk

1. Godkendelse af dagsorden
Godkendt.

2. Meddelelser
Ingen.

3. Besøg af borgmester Jesper Frost Rasmussen
Borgmesteren fortalte om budgettet.

4. Tilgængelighed på stationen
Oplæg ved Rie Holm fra Socialstyrelsen om tilgængelighed.
Rie Holm svarede på spørgsmål.
`);
    expect(draft.guests.map((person) => [person.text, person.presentFor])).toEqual([
      ["Jesper Frost Rasmussen, borgmester", [3]],
      ["Rie Holm (Socialstyrelsen)", [4]],
    ]);
    expect(draft.review).toEqual([
      '2 gæster er fundet i teksten, ikke i en liste: Jesper Frost Rasmussen (punkt 3): "Besøg af borgmester Jesper Frost Rasmussen"; Rie Holm (punkt 4): "Oplæg ved Rie Holm fra Socialstyrelsen". Kontrollér, at det er gæster (ikke nye medlemmer), deres roller og de punkter, de var med under (present_for).',
    ]);
  });

  it("reads a guest welcomed before the first item as present for the whole meeting, and one who joined for an item", () => {
    // An integrationsråd's minutes.
    const draft = withWords(`Referat af møde i Integrationsrådet 12. juni 2023
Deltagere: Amal Yusuf, Kasper Holm

Formanden bød Samira Haddad velkommen.

Punkt 1: Sprogcafeen
Lone Bech Sørensen deltog under punktet.

Punkt 2: Eventuelt
`);
    expect(draft.guests.map((person) => [person.text, person.presentFor])).toEqual([
      ["Samira Haddad", undefined],
      ["Lone Bech Sørensen", [1]],
    ]);
  });

  it("takes no organisation, count, member or new member for a guest", () => {
    // An ældreråd's minutes: nobody here is a guest named only in the text.
    const draft = withWords(`Ældrerådet
Dato: 2. oktober 2023
Til stede: Hanne Lund, Erik Bach

1. Besøg af Kirkens Korshær
Besøg af en medarbejder fra Dansk Flygtningehjælp.

2. Nyt medlem
Formanden bød velkommen til to nye medlemmer. Velkommen til Erik Bach, som er nyt medlem.
`);
    expect(draft.guests).toEqual([]);
    expect(draft.review).toEqual([]);
  });
});

describe("extractMeeting: forms from other municipalities and councils", () => {
  it("reads 'Ad 1.' sections after the agenda's list, a closed item's title and a (B) mark", () => {
    // An ældreråd's Word minutes: the agenda first, then a section per item.
    const draft = fromText(`Referat fra Ældrerådets møde torsdag den 7. marts 2024, kl. 13.00-15.30
Mødested: Rådhuset, mødelokale 3
Deltagere: Hans Jensen (formand), Inge Ravn (næstformand), Kurt Madsen
Afbud: Bente Holm
Referent: Mette Due
Næste møde: 4. april 2024

Dagsorden:
1. Godkendelse af dagsorden
2. Budget 2025
3. Lukket punkt: Personsag
4. Eventuelt

Ad 1. Godkendelse af dagsorden
Dagsordenen blev godkendt.

Ad 2. Budget 2025 (B)
Rådet drøftede budgettet.

Ad 3. Lukket punkt: Personsag
Drøftet.

Ad 4. Eventuelt
Intet.
`);
    expect(draft).toMatchObject({ date: "2024-03-07", start: "13:00", end: "15:30", venue: "Rådhuset, mødelokale 3", minuteTaker: "Mette Due" });
    expect(draft.items.map((item) => [item.title, item.kind, item.closed, item.body])).toEqual([
      ["Godkendelse af dagsorden", undefined, false, ["Dagsordenen blev godkendt."]],
      ["Budget 2025", "beslutning", false, ["Rådet drøftede budgettet."]],
      ["Personsag", undefined, true, []],
      ["Eventuelt", undefined, false, ["Intet."]],
    ]);
  });

  it("reads the items after an agenda list that numbers them the same way", () => {
    // A handicapråd's web page: the place follows the date and time on one line.
    const draft = fromText(`Referat af møde i Handicaprådet
Tirsdag d. 5. september 2023 kl. 16:00-18:00 på Rådhuset, lokale 1.12

Dagsorden:
1. Godkendelse af dagsorden
2. Tilgængelighed i svømmehallen
3. Eventuelt

1. Godkendelse af dagsorden
Godkendt.

2. Tilgængelighed i svømmehallen
Rådet drøftede sagen.

3. Eventuelt
Næste møde er den 3. oktober 2023.
`);
    expect(draft).toMatchObject({ date: "2023-09-05", start: "16:00", end: "18:00", venue: "Rådhuset, lokale 1.12" });
    expect(draft.items.map((item) => [item.title, item.body])).toEqual([
      ["Godkendelse af dagsorden", ["Godkendt."]],
      ["Tilgængelighed i svømmehallen", ["Rådet drøftede sagen."]],
      ["Eventuelt", ["Næste møde er den 3. oktober 2023."]],
    ]);
    expect(draft.notes.join(" ")).not.toContain("Tekst før første punkt");
  });

  it("reads 'Pkt. 1' titles, 'Til beslutning' lines, a substitute after 'i stedet mødte' and 'Tid: 13:00 til 15:30'", () => {
    const draft = fromText(`Handicaprådet
Mødedato: 07-03-2024
Tid: 13:00 til 15:30
Sted: Borgernes Hus
Tilstede:
Hans Jensen
Inge Ravn
Fraværende: Kurt Madsen – i stedet mødte suppleant Per Holm

Pkt. 1 Godkendelse af dagsorden
Til beslutning
Godkendt.

Pkt. 2 Meddelelser fra formanden
Til orientering
Formanden orienterede.
`);
    expect(draft).toMatchObject({ date: "2024-03-07", start: "13:00", end: "15:30", venue: "Borgernes Hus" });
    expect(draft.absentees).toEqual([{ text: "Kurt Madsen", name: "Kurt Madsen", substitute: "Per Holm" }]);
    expect(draft.items.map((item) => [item.title, item.kind])).toEqual([
      ["Godkendelse af dagsorden", "beslutning"],
      ["Meddelelser fra formanden", "orientering"],
    ]);
  });

  it("reads items numbered without a full stop, 'Kl. 17-19' under the date, and 'og' in a comma list", () => {
    // An integrationsråd's minutes from a Word file whose numbering lost its full stops.
    const draft = fromText(`Integrationsrådet – referat
Dato: 7/3 2024
Kl. 17-19
Fremmødte: Amal Yusuf, Kasper Holm og Tariq Ahmad
Afbud: Fatima Ali

1 Velkommen
Formanden bød velkommen.

2 Sprogcafeen
Beslutning: Rådet bakker op.

3 Eventuelt
Intet.
`);
    expect(draft).toMatchObject({ date: "2024-03-07", start: "17:00", end: "19:00" });
    expect(names(draft.attendees)).toEqual(["Amal Yusuf", "Kasper Holm", "Tariq Ahmad"]);
    expect(draft.items.map((item) => [item.title, item.kind])).toEqual([
      ["Velkommen", undefined],
      ["Sprogcafeen", "beslutning"],
      ["Eventuelt", undefined],
    ]);
    expect(draft.notes.join(" ")).not.toContain("Kl. 17-19");
  });

  it("reads 'Start:' and 'Slut:', a table of members with a header row, 'Sag 1:' and 'Beslutning i … den …:'", () => {
    const draft = fromText(`Ældrerådet 2024-03-07
Start: 10:00
Slut: 12:00
Deltagere
Navn	Organisation
Hans Jensen	Ældre Sagen
Inge Ravn	Formand

Sag 1: Godkendelse af dagsorden
Beslutning i Ældrerådet den 7. marts 2024: Godkendt.

Sag 2: Kørselsordning
Beslutning i Ældrerådet den 7. marts 2024: Taget til efterretning.
`);
    expect(draft).toMatchObject({ date: "2024-03-07", start: "10:00", end: "12:00" });
    expect(names(draft.attendees)).toEqual(["Hans Jensen (Ældre Sagen)", "Inge Ravn, formand"]);
    expect(draft.items.map((item) => [item.title, item.kind, item.body])).toEqual([
      ["Godkendelse af dagsorden", "beslutning", ["### Beslutning i Ældrerådet den 7. marts 2024", "", "Godkendt."]],
      ["Kørselsordning", "beslutning", ["### Beslutning i Ældrerådet den 7. marts 2024", "", "Taget til efterretning."]],
    ]);
  });

  it("imports every item after 'Lukket møde' as closed, and splits two labels on one line", () => {
    const draft = fromText(`INTEGRATIONSRÅDET
REFERAT
Mandag den 6. februar 2023, kl. 17.00

Tilstede: Ali Hassan (formand), Eva Lund (næstformand), Omar Said
Afbud: Maria Jensen. Desuden deltog: Peter Holm (konsulent)

1. Sprogcafeen
Rådet drøftede caféen.

Lukket møde

2. Ansøgninger om tilskud
Tekst om ansøgerne.

3. Klage over afslag
Tekst om klagen.
`);
    expect(names(draft.absentees)).toEqual(["Maria Jensen"]);
    expect(names(draft.guests)).toEqual(["Peter Holm (konsulent)"]);
    expect(draft.items.map((item) => [item.title, item.closed, item.body])).toEqual([
      ["Sprogcafeen", false, ["Rådet drøftede caféen."]],
      ["Ansøgninger om tilskud", true, []],
      ["Klage over afslag", true, []],
    ]);
    expect(draft.notes).toContain('Dokumentet siger "Lukket møde": punkterne derefter er importeret som lukkede.');
  });

  it("gives a member away for some items present_for the others, and marks it for review", () => {
    // A handicapråd's minutes: one member was not there for item 2, another left after item 3.
    const draft = fromText(`Handicaprådet, referat 2. maj 2023
Til stede: Lars Bo (formand), Karin Dahl, Finn Poulsen

1. Godkendelse af dagsorden
Godkendt.
2. Handicappolitik
Karin Dahl deltog ikke under punktet.
3. Budget
Drøftet. Finn Poulsen forlod mødet efter punkt 3.
4. Eventuelt
Intet.
`);
    expect(draft.attendees.map((person) => [person.name, person.presentFor])).toEqual([
      ["Lars Bo", undefined],
      ["Karin Dahl", [1, 3, 4]],
      ["Finn Poulsen", [1, 2, 3]],
    ]);
    expect(draft.review).toEqual([
      "Teksten siger, at 2 deltagere ikke var med under hele mødet: Karin Dahl (Karin Dahl deltog ikke under punktet.); Finn Poulsen (Drøftet. Finn Poulsen forlod mødet efter punkt 3.). Kontrollér punkterne under present_for.",
    ]);
  });

  it("reads 'Online (Teams)' on a line of its own as an online meeting, and drops 'Du er her' and 'Læs højt'", () => {
    const draft = fromText(`Du er her: Forside / Politik / Integrationsrådet
Læs højt
Referat
Integrationsrådet
Onsdag den 15. marts 2023 fra kl. 18.30 til 20.30
Online (Teams)
Deltagere:
- Hassan Ali, formand
- Jamal Omar

Punkt 1. Godkendelse af referat fra sidste møde den 8. februar 2023
Godkendt.

Punkt 2. Eventuelt
`);
    expect(draft).toMatchObject({ date: "2023-03-15", start: "18:30", end: "20:30", online: "Teams" });
    expect(draft.venue).toBeUndefined();
    expect(draft.notes.join(" ")).not.toMatch(/Du er her|Læs højt/);
  });

  it("reads a single time under 'Tidspunkt:' and takes '(åbent punkt)' out of a title", () => {
    const draft = fromText(`Referat
Ældrerådet
Dato: Torsdag den 12. januar 2023
Tidspunkt: Kl. 13.30
Sted: Ældrecentret

1. Meddelelser
Orientering
Formanden orienterede.

2. Budget (åbent punkt)
Drøftelse
Rådet drøftede budgettet.
`);
    expect(draft).toMatchObject({ date: "2023-01-12", start: "13:30", venue: "Ældrecentret" });
    expect(draft.end).toBeUndefined();
    expect(draft.items.map((item) => [item.title, item.kind, item.closed])).toEqual([
      ["Meddelelser", "orientering", false],
      ["Budget", "drøftelse", false],
    ]);
  });
});

describe("extractMeeting: items", () => {
  it("reads numbered items that continue across the year, their kinds and a closed item with its text left out", async () => {
    const draft = fromText(await readFile(path.join(FIXTURES, "haderslev-handicapraadet-2022-04-04.txt"), "utf8"));
    expect(draft.items.map((item) => [item.number, item.title, item.kind, item.closed])).toEqual([
      [36, "Godkendelse af dagsorden", "beslutning", false],
      [37, "Meddelelser fra formanden", "orientering", false],
      [38, "Høring om kvalitetsstandarder for hjælpemidler", "beslutning", false],
      [39, "Ansøgning om tilskud", undefined, true],
      [40, "Eventuelt", undefined, false],
    ]);
    expect(draft.items[3]?.body).toEqual([]);
    expect(draft.notes).toContain(
      'Punkt 39 "Ansøgning om tilskud" er lukket: teksten (1 linje) er udeladt; skriv en public_decision, hvis beslutningen må offentliggøres.',
    );
    expect(draft.items[2]?.body).toEqual([
      "### Sagsfremstilling",
      "",
      "Forvaltningen har sendt kvalitetsstandarderne i høring med frist den 20. april 2022.",
      "",
      "### Indstilling",
      "",
      "Forvaltningen indstiller, at rådet afgiver høringssvar.",
      "",
      "### Beslutning",
      "",
      "Rådet afgiver høringssvar som drøftet på mødet.",
    ]);
  });

  // Without OCR repair: the damaged "Drgftelse" lines are no kind line; "Orientering" is.
  it("reads items with durations and presenters after numbered ones, and kind lines inside an item", async () => {
    const draft = fromText(await readFile(path.join(FIXTURES, "seeds/roskilde-udsatteraadet-2021-01-20.txt"), "utf8"));
    expect(draft.items.map((item) => [item.title, item.duration, item.kind])).toEqual([
      ["Velkommen og godkendelse af dagsorden", 10, undefined],
      ["Social profil", 30, undefined],
      ["Ngdovernatning", 5, "orientering"],
      ["Praesentation og status pa socialstrategien", 30, undefined],
      ["Klagestatistik", 10, undefined],
      ["Udsattepolitik", 10, undefined],
      ["Eventuelt", 5, undefined],
      ["Mgder i det nye ar", 10, undefined],
    ]);
    expect(draft.items[0]?.presenter).toEqual(["Gitte Dueholm"]);
    expect(draft.items[3]?.presenter).toEqual(["Christine Vendel Jensen"]);
  });

  it("reads items marked only Åben with editorial titles marked for review", async () => {
    const draft = fromText(await readFile(path.join(FIXTURES, "seeds/aalborg-udsatteraadet-2025-03-12.txt"), "utf8"));
    expect(draft.items.length).toBe(8);
    expect(draft.items.every((item) => item.editorialTitle && item.kind === "beslutning" && !item.closed)).toBe(true);
    expect(draft.review[0]).toBe(
      'Titlen på punkt 1 ("Punkt 1") er skrevet ved importen, fordi dokumentet ikke har nogen; skriv punktets rigtige titel (også i ## overskriften).',
    );
  });

  it("reads unnumbered items set apart by blank lines, with a group heading's kind", async () => {
    const draft = fromText(await readFile(path.join(FIXTURES, "seeds/albertslund-udsatteraadet-2019-04-01.txt"), "utf8"));
    expect(draft.items.map((item) => [item.title, item.kind])).toEqual([
      ["Godkendelse af referat og dagsorden", "beslutning"],
      ["Fokus på socialt frikort", "beslutning"],
      ["Udkast til Udsatterådets årsberetning 2018", "beslutning"],
      ["Mødet med Sundheds- og Socialudvalget den 23. maj 2019", "beslutning"],
      ["Emner udsættes til efteråret", "beslutning"],
      ["Udsatterådets økonomi", "orientering"],
      ["Øvrige orienteringspunkter", "orientering"],
      ["Eventuelt", undefined],
    ]);
  });

  it("reads unnumbered titles followed by a Sagsfremstilling or a kind line", async () => {
    const draft = fromText(await readFile(path.join(FIXTURES, "kolding-integrationsraadet-2023-05-12.txt"), "utf8"));
    expect(draft.items.map((item) => [item.title, item.kind])).toEqual([
      ["Godkendelse af dagsorden", "beslutning"],
      ["Sprogundervisning for voksne", "beslutning"],
      ["Eventuelt", "orientering"],
    ]);
    expect(names(draft.attendees)).toEqual(["Amina Yusuf (Somalisk Forening)", "Lars Pedersen (Dansk Flygtningehjælp)", "Nour Haddad (Brugerrepræsentant)"]);
    expect(names(draft.absentees)).toEqual(["Tomas Berg", "Eva Lind"]);
    expect(draft).toMatchObject({ date: "2023-05-12", start: "17:00", end: "19:00", online: "Teams" });
  });

  it("puts a document without items under one item and marks that for review", async () => {
    const draft = fromText(await readFile(path.join(FIXTURES, "seeds/gladsaxe-udsatteraadet-2023-09-06.txt"), "utf8"));
    expect(draft.items.map((item) => [item.title, item.editorialTitle])).toEqual([["Referat", true]]);
    expect(draft.review).toContain("Dokumentet er ikke delt i punkter, som importen kunne finde; hele teksten står under ét punkt. Del den i mødets punkter.");
    expect(draft.venue).toBe("Beboerhuset i Værebro");
    expect(draft.items[0]?.body[0]).toBe("Der blev budt velkommen og samlet op fra sidste møde i forhold til Gladsaxedagen.");
  });

  it("does not take numbered lists in an item's text for items", () => {
    const lines = plainTextLines(
      "1. Godkendelse\n\nTekst.\n\n2. Eventuelt\n\n1. Det er vigtigt lige at pointere, at antal ordinære møder ikke stemmer. Til næste år skal vi prøve igen.\n4. april – Netværksmøde, her deltager Søren\n",
    ).lines;
    expect(findItems(lines).map((candidate) => candidate.title)).toEqual(["Godkendelse", "Eventuelt"]);
  });
});

describe("extractMeeting: site chrome", () => {
  it("drops a page's chrome and offers the footer's contact details", async () => {
    const draft = fromText(await readFile(path.join(FIXTURES, "seeds/gladsaxe-udsatteraadet-2023-09-06.txt"), "utf8"));
    const body = draft.items.flatMap((item) => item.body).join("\n");
    for (const chrome of ["Skip til hoved indholdet", "Hjem Politik", "Tilgængelighedserklæring", "Telefontid", "CVR"]) expect(body).not.toContain(chrome);
    expect(draft.contact).toEqual({
      kommune: "Gladsaxe Kommune",
      address: "Rådhus Allé 7, 2860 Søborg",
      cvr: "62761113",
      email: "kommunen@gladsaxe.dk",
      phone: "39 57 50 00",
    });
  });

  it("reads a saved page's headings, table and lists and leaves out its navigation, cookie notice and footer", async () => {
    const html = await readFile(path.join(FIXTURES, "vejle-aeldreraadet-2023-05-12.html"), "utf8");
    const document = htmlLines(html);
    const draft = extractMeeting(document.lines, { fileName: "side.html", ...(document.title === undefined ? {} : { title: document.title }) });
    expect(draft).toMatchObject({ date: "2023-05-12", start: "09:30", end: "12:00", venue: "Vejle Rådhus, lokale 117", minuteTaker: "Bente Lund" });
    expect(names(draft.absentees)).toEqual(["Poul Erik Vind"]);
    expect(draft.items.map((item) => [item.title, item.kind, item.closed])).toEqual([
      ["Godkendelse af referat fra sidste møde den 14. april 2023", undefined, false],
      ["Orientering om budget 2024", "orientering", false],
      ["Drøftelse af demensvenlig kommune", "drøftelse", false],
      ["Klagesag", undefined, true],
      ["Næste møde", undefined, false],
    ]);
    expect(draft.items[1]?.body).toEqual([
      "Ældrechefen gennemgik budgetforslaget.",
      "",
      "- Hjemmeplejen får flere midler",
      "- Træning i eget hjem udvides",
      "",
      "### Beslutning",
      "",
      "Taget til efterretning.",
    ]);
    expect(draft.contact).toEqual({
      kommune: "Vejle Kommune",
      address: "Skolegade 1, 7100 Vejle",
      phone: "76 81 00 00",
      email: "vejle@vejle.dk",
      cvr: "29189692",
    });
  });
});
