import { describe, expect, it } from "vitest";
import { injectOverlay, OVERLAY_TAGS, overlayState, waitingPage } from "../../src/serve/overlay.ts";

const LINE = "content/gladsaxe/udsatteraadet/2023/2023-09-06.md:2:7: date: skal være en rigtig dato, men 2023-09-31 findes ikke i kalenderen";

describe("the problems shown in the browser", () => {
  it("are the terminal's lines, with the count line apart", () => {
    expect(overlayState([LINE, "1 fejl fundet i 1 fil."])).toEqual({ type: "referat.problems", lines: [LINE], count: "1 fejl fundet i 1 fil." });
    expect(overlayState(["Bygningen mislykkedes, søgeindekset kunne ikke laves: disk fuld"])).toEqual({
      type: "referat.problems",
      lines: ["Bygningen mislykkedes, søgeindekset kunne ikke laves: disk fuld"],
      count: "",
    });
    expect(overlayState([])).toEqual({ type: "referat.problems", lines: [], count: "" });
  });

  it("are drawn by a client added before </head> of a served page", () => {
    expect(injectOverlay("<html><head><title>x</title></head><body></body></html>")).toBe(
      `<html><head><title>x</title>${OVERLAY_TAGS}</head><body></body></html>`,
    );
    expect(injectOverlay("no head")).toBe("no head");
  });

  it("are escaped on the waiting page", () => {
    const page = waitingPage(['content/a.md:1:1: title: skal være tekst, men er "<script>alert(1)</script>"', "1 fejl fundet i 1 fil."]);
    expect(page).toContain("<li>content/a.md:1:1: title: skal være tekst, men er &#34;&#60;script&#62;alert(1)&#60;/script&#62;&#34;</li>");
    expect(page).not.toContain("<script>");
    expect(page).toContain('<html lang="da">');
    expect(waitingPage([])).toContain("<h1>Arkivet bygges</h1>");
  });
});
