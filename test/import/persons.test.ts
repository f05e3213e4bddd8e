import { describe, expect, it } from "vitest";
import { parsePersonLines } from "../../src/import/persons.ts";

const texts = (lines: string[]) => parsePersonLines(lines).map((person) => person.text);

describe("parsePersonLines", () => {
  it("reads a table row's role as a role, and skips the table's header row", () => {
    // An ældreråd's member table from a Word file.
    expect(texts(["Navn\tFunktion", "Anna Hansen\tFormand", "Bjarne Olsen\tNæstformand", "Carla Berg\tMedlem", "Dorte Vinther\tÆldre Sagen"])).toEqual([
      "Anna Hansen, formand",
      "Bjarne Olsen, næstformand",
      "Carla Berg, medlem",
      "Dorte Vinther (Ældre Sagen)",
    ]);
  });

  it("reads a substitute named after 'i stedet mødte suppleant'", () => {
    const [person] = parsePersonLines(["Kurt Madsen – i stedet mødte suppleant Per Holm"]);
    expect(person).toMatchObject({ text: "Kurt Madsen", substitute: "Per Holm" });
  });

  it("splits a comma list on one line", () => {
    expect(texts(["Jette Nyboe, Allan Høyer, René Meyrowitsch, Helge Bo Jensen"])).toEqual([
      "Jette Nyboe",
      "Allan Høyer",
      "René Meyrowitsch",
      "Helge Bo Jensen",
    ]);
  });

  it("reads one person per bullet", () => {
    expect(texts([" • Mette Andersen ", " • Kenneth Bjeverskov"])).toEqual(["Mette Andersen", "Kenneth Bjeverskov"]);
  });

  it("keeps Navn (Organisation) with commas inside the parenthesis", () => {
    expect(texts(["Gitte Dueholm (Kafé Klaus, Samarbejdsforum for udsatte)", "Danny Pedersen"])).toEqual([
      "Gitte Dueholm (Kafé Klaus, Samarbejdsforum for udsatte)",
      "Danny Pedersen",
    ]);
  });

  it("reads Navn, rolle and Navn, Organisation on lines of their own", () => {
    expect(texts(["Christine Vendel Jensen, socialchef", "Birthe Lauridsen, Danske Handicaporganisationer (formand)"])).toEqual([
      "Christine Vendel Jensen, socialchef",
      "Birthe Lauridsen (Danske Handicaporganisationer), formand",
    ]);
  });

  it("reads tab-separated table rows as name and organisation", () => {
    expect(texts(["Amina Yusuf\tSomalisk Forening", "Lars Pedersen\tDansk Flygtningehjælp\tnæstformand"])).toEqual([
      "Amina Yusuf (Somalisk Forening)",
      "Lars Pedersen (Dansk Flygtningehjælp), næstformand",
    ]);
  });

  it("attaches a role in a comma list to the person before it", () => {
    expect(texts(["Susanne Friis (sekretær), Torben Krogh, socialchef"])).toEqual(["Susanne Friis (sekretær)", "Torben Krogh, socialchef"]);
  });

  it("splits names joined by og", () => {
    expect(texts(["Tomas Berg og Eva Lind"])).toEqual(["Tomas Berg", "Eva Lind"]);
  });

  it("reads the minute taker's mark and takes it out", () => {
    const [person] = parsePersonLines(["Iben Borup Løvschall, konsulent og sekretær for Udsatterådet (referent)"]);
    expect(person).toMatchObject({ text: "Iben Borup Løvschall, konsulent og sekretær for Udsatterådet", name: "Iben Borup Løvschall", minuteTaker: true });
  });

  it("reads who a substitute stood in for", () => {
    expect(parsePersonLines(["Ole Dam (mødte for Hanne Dahl)"])[0]).toMatchObject({ text: "Ole Dam", substituteFor: "Hanne Dahl" });
    expect(parsePersonLines(["Eva Berg, stedfortræder for Dennis Berg"])[0]).toMatchObject({ text: "Eva Berg", substituteFor: "Dennis Berg" });
  });

  it("reads an absentee's substitute", () => {
    expect(parsePersonLines(["Hanne Dahl, byrådet (stedfortræder: Ole Dam)"])[0]).toMatchObject({ name: "Hanne Dahl", substitute: "Ole Dam" });
  });
});
