import { describe, expect, it } from "vitest";
import {
  attachmentUrl,
  councilUrl,
  itemAnchor,
  kommuneUrl,
  logoUrl,
  meetingUrl,
  normalisePathPrefix,
  outputPathOf,
  withPrefix,
  yearUrl,
} from "../../src/site/urls.ts";

describe("addresses", () => {
  it("gives municipalities, councils, years, meetings and items the addresses of docs/format.md", () => {
    expect(kommuneUrl("gladsaxe")).toBe("/gladsaxe/");
    expect(councilUrl("gladsaxe", "udsatteraadet")).toBe("/gladsaxe/udsatteraadet/");
    expect(yearUrl("gladsaxe", "udsatteraadet", "2023")).toBe("/gladsaxe/udsatteraadet/2023/");
    expect(meetingUrl({ kommune: "gladsaxe", raad: "udsatteraadet", slug: "2023-09-06-2" })).toBe("/gladsaxe/udsatteraadet/2023-09-06-2/");
    expect(itemAnchor(4)).toBe("punkt-4");
  });

  it("puts attachments and logos beside their pages, encoded", () => {
    const meeting = { kommune: "gladsaxe", raad: "udsatteraadet", slug: "2023-09-06" };
    expect(attachmentUrl(meeting, { file: "notat om natvarme.pdf" })).toBe("/gladsaxe/udsatteraadet/2023-09-06/notat%20om%20natvarme.pdf");
    expect(logoUrl({ slug: "gladsaxe", look: { colour: "#000000", logo: "logo.svg" } })).toBe("/gladsaxe/logo.svg");
    expect(logoUrl({ slug: "gladsaxe", look: { colour: "#000000" } })).toBeUndefined();
  });

  it("normalises a path prefix to a leading and a trailing slash", () => {
    expect(normalisePathPrefix(undefined)).toBe("/");
    expect(normalisePathPrefix("")).toBe("/");
    expect(normalisePathPrefix("/")).toBe("/");
    expect(normalisePathPrefix("referater")).toBe("/referater/");
    expect(normalisePathPrefix("/referater")).toBe("/referater/");
    expect(normalisePathPrefix("referater/")).toBe("/referater/");
    expect(normalisePathPrefix("//a//b/")).toBe("/a/b/");
  });

  it("puts site addresses under the prefix and leaves other links alone", () => {
    expect(withPrefix("/", "/gladsaxe/")).toBe("/gladsaxe/");
    expect(withPrefix("/referater/", "/gladsaxe/")).toBe("/referater/gladsaxe/");
    expect(withPrefix("/referater/", "/")).toBe("/referater/");
    expect(withPrefix("/referater/", "#punkt-1")).toBe("#punkt-1");
    expect(withPrefix("/referater/", "https://gladsaxe.dk")).toBe("https://gladsaxe.dk");
  });

  it("writes each address to its index.html", () => {
    expect(outputPathOf("/")).toBe("index.html");
    expect(outputPathOf("/gladsaxe/udsatteraadet/")).toBe("gladsaxe/udsatteraadet/index.html");
  });
});
