// The CPR guard reads every published part of an attachment (src/trust/attachment-text.ts): each
// test builds real files (zips of XML, PDFs with pdf-lib, PNG, RTF, UTF-16 text), puts them in a
// meeting's folder and asserts the guard's exact messages.
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PDFDocument, PDFHexString, PDFName, PDFString, StandardFonts } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import { formatProblem } from "../../src/report/problem.ts";
import { decodeText, printableStrings, rtfText } from "../../src/trust/attachment-text.ts";
import { cprAllowEntry, findCprNumbers } from "../../src/trust/cpr.ts";
import { archiveOf, item, meeting } from "./archive.ts";
import { minimalPng, zip } from "./make-files.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SOURCE = "by/udsatteraadet/2024/2024-06-05.md";
const made: string[] = [];
afterAll(async () => {
  for (const dir of made) await rm(dir, { recursive: true, force: true });
});

/** The guard's report on a meeting whose folder holds `files` (all listed, but `unlisted`), and how its messages read. */
async function scan(files: Record<string, Buffer | string>, unlisted: string[] = []) {
  const dir = await mkdtemp(path.join(root, "test/.tmp-cpr-bilag-"));
  made.push(dir);
  const folder = path.join(dir, "by/udsatteraadet/2024/2024-06-05");
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(dir, "by/kommune.yaml"), "name: By\n");
  await writeFile(path.join(dir, SOURCE), "---\ndate: 2024-06-05\n---\n");
  for (const [name, data] of Object.entries(files)) await writeFile(path.join(folder, name), data);
  const attachments = Object.keys(files)
    .filter((name) => !unlisted.includes(name))
    .map((name) => ({ file: name, title: name, type: path.extname(name).slice(1), size: 1, sourcePath: path.join(folder, name) }));
  const m = meeting("by", "udsatteraadet", "2024-06-05", { sourcePath: SOURCE, absolutePath: path.join(dir, SOURCE), items: [item({ attachments })] });
  const archive = archiveOf([m], (slug) => path.join(dir, slug, "kommune.yaml"));
  const report = (await findCprNumbers(archive, root, { cacheDir: false })).map(formatProblem);
  const meetingFile = path.relative(root, path.join(dir, SOURCE)).split(path.sep).join("/");
  const at = (name: string, line = 1, col = 1) => `${path.relative(root, path.join(folder, name)).split(path.sep).join("/")}:${line}:${col}: cpr: `;
  const found = async (place: string, digits: string) => {
    const entry = await cprAllowEntry(digits, SOURCE);
    return (
      `${place} "${digits.slice(0, 6)}-****", der ligner et CPR-nummer. CPR-numre må ikke offentliggøres: fjern det. ` +
      `Er det ikke et CPR-nummer, så tilføj "${entry}" til cpr_allow i hovedet af ${meetingFile} (cpr_allow: ["${entry}"]).`
    );
  };
  return { report, at, found };
}

const W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"';
const run = (text: string) => `<w:r><w:t xml:space="preserve">${text}</w:t></w:r>`;
const para = (...runs: string[]) => `<w:p>${runs.map(run).join("")}</w:p>`;

/** A Word document with the parts mammoth never read, each holding a CPR number. */
function wordWithEveryPart(): Buffer {
  const embedded = zip({
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "xl/sharedStrings.xml": '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>Borger 100190-1234</t></si></sst>',
  });
  const files: Record<string, string> = {
    "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
    "word/document.xml":
      `<?xml version="1.0"?><w:document ${W} xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><w:body>` +
      para("Referat uden numre") +
      // A text box, and a number split across runs in it.
      `<w:p><w:r><w:pict><v:textbox><w:txbxContent>${para("Tekstboks 0101", "90-1234")}</w:txbxContent></v:textbox></w:pict></w:r></w:p>` +
      // A tracked deletion: Word keeps the deleted text in the file.
      `<w:p><w:del w:id="1" w:author="Sekretær"><w:r><w:delText>Slettet 020290-1234</w:delText></w:r></w:del></w:p>` +
      // The alternative text of a picture.
      `<w:p><w:r><w:drawing><wp:inline><wp:docPr id="1" name="Billede 1" descr="Foto af 030390-1234"/></wp:inline></w:drawing></w:r></w:p>` +
      "</w:body></w:document>",
    "word/header1.xml": `<w:hdr ${W}>${para("Sagsbehandler ", "0401", "90-1234")}</w:hdr>`,
    "word/footer1.xml": `<w:ftr ${W}>${para("Side 1 · 050190-1234")}</w:ftr>`,
    "word/footnotes.xml": `<w:footnotes ${W}><w:footnote w:id="1">${para("Se 060190-1234")}</w:footnote></w:footnotes>`,
    "word/endnotes.xml": `<w:endnotes ${W}><w:endnote w:id="1">${para("Note 070190-1234")}</w:endnote></w:endnotes>`,
    "word/comments.xml": `<w:comments ${W}><w:comment w:id="0" w:author="A">${para("Husk 080190-1234")}</w:comment></w:comments>`,
    "docProps/core.xml":
      '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/">' +
      "<dc:title>Sag 090190-1234</dc:title><dc:creator>Anna</dc:creator></cp:coreProperties>",
    "docProps/app.xml":
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Company>Kommune 110190-1234</Company></Properties>',
    "docProps/custom.xml":
      '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">' +
      '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="Borger"><vt:lpwstr>120190-1234</vt:lpwstr></property></Properties>',
  };
  return zip({ ...files, "word/embeddings/Regneark1.xlsx": embedded, "word/media/image1.png": minimalPng({ Comment: "Borger 130190-1234" }) });
}

describe("Word documents", () => {
  it("reads headers, footers, footnotes, endnotes, comments, deletions, text boxes, alternative text, properties and embedded files", async () => {
    const { report, at, found } = await scan({ "referat.docx": wordWithEveryPart() });
    const file = at("referat.docx");
    expect(report.sort()).toEqual(
      [
        file + (await found("Dokumentet indeholder", "0101901234")),
        file + (await found("En sporet ændring i dokumentet (slettet tekst, som stadig står i filen) indeholder", "0202901234")),
        file + (await found("Skjult indhold i dokumentet (fx et billedes alternative tekst eller en feltkode) indeholder", "0303901234")),
        file + (await found("Et sidehoved i dokumentet indeholder", "0401901234")),
        file + (await found("En sidefod i dokumentet indeholder", "0501901234")),
        file + (await found("En fodnote i dokumentet indeholder", "0601901234")),
        file + (await found("En slutnote i dokumentet indeholder", "0701901234")),
        file + (await found("En kommentar i dokumentet indeholder", "0801901234")),
        file + (await found("Dokumentets egenskaber (fx titel, forfatter, emne eller nøgleord) indeholder", "0901901234")),
        file + (await found("Dokumentets egenskaber (fx titel, forfatter, emne eller nøgleord) indeholder", "1101901234")),
        file + (await found("Dokumentets egenskaber (fx titel, forfatter, emne eller nøgleord) indeholder", "1201901234")),
        file + (await found("Filen Regneark1.xlsx, der er indlejret i dokumentet, indeholder", "1001901234")),
        file + (await found("Filen image1.png, der er indlejret i dokumentet, indeholder", "1301901234")),
      ].sort(),
    );
  });
});

describe("spreadsheets, presentations and OpenDocument files", () => {
  it("reads an Excel workbook's strings, sheets and comments, a PowerPoint's slides and notes, and an OpenDocument text's headers and properties", async () => {
    const xlsx = zip({
      "xl/sharedStrings.xml": "<sst><si><r><t>Borger 0101</t></r><r><t>90-1234</t></r></si><si><t>Tal</t></si></sst>",
      "xl/worksheets/sheet1.xml":
        '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>020290-1234</t></is></c><c r="B1"><v>1234</v></c></row></sheetData></worksheet>',
      "xl/comments1.xml": "<comments><commentList><comment><text><t>Husk 030390-1234</t></text></comment></commentList></comments>",
    });
    const pptx = zip({
      "ppt/slides/slide1.xml": '<p:sld xmlns:p="p" xmlns:a="a"><a:p><a:r><a:t>Dias med 040490-1234</a:t></a:r></a:p></p:sld>',
      "ppt/notesSlides/notesSlide1.xml": '<p:notes xmlns:p="p" xmlns:a="a"><a:p><a:r><a:t>Noter 050590-1234</a:t></a:r></a:p></p:notes>',
    });
    const odt = zip({
      "content.xml": "<office:document-content><text:p>Tekst 060690<text:s/>1234</text:p></office:document-content>",
      "styles.xml": "<office:document-styles><style:header><text:p>Sidehoved 070790-1234</text:p></style:header></office:document-styles>",
      "meta.xml": "<office:document-meta><office:meta><dc:title>080890-1234</dc:title></office:meta></office:document-meta>",
    });
    const { report, at, found } = await scan({ "regneark.xlsx": xlsx, "dias.pptx": pptx, "tekst.odt": odt });
    expect(report.sort()).toEqual(
      [
        at("regneark.xlsx") + (await found("Regnearket indeholder", "0101901234")),
        at("regneark.xlsx") + (await found("Regnearket indeholder", "0202901234")),
        at("regneark.xlsx") + (await found("En kommentar i dokumentet indeholder", "0303901234")),
        at("dias.pptx") + (await found("Dias 1 indeholder", "0404901234")),
        at("dias.pptx") + (await found("Noterne til dias 1 indeholder", "0505901234")),
        at("tekst.odt") + (await found("Dokumentet indeholder", "0606901234")),
        at("tekst.odt") + (await found("Et sidehoved i dokumentet indeholder", "0707901234")),
        at("tekst.odt") + (await found("Dokumentets egenskaber (fx titel, forfatter, emne eller nøgleord) indeholder", "0808901234")),
      ].sort(),
    );
  });
});

/** A PDF whose page text is clean but whose other parts each hold a CPR number. */
async function pdfWithEveryPart(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([300, 300]);
  page.drawText("Notat uden numre", { x: 20, y: 250, size: 12, font });
  pdf.setTitle("Sag om 010190-1234");
  pdf.setAuthor("Sagsbehandler");
  pdf.setKeywords(["borger", "020290-1234"]);
  const context = pdf.context;
  // XMP metadata, as Acrobat and Word write it.
  const xmp =
    '<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description><rdf:Alt><rdf:li xml:lang="x-default">Om 030390-1234</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>';
  const metadata = context.stream(xmp, { Type: "Metadata", Subtype: "XML" });
  pdf.catalog.set(PDFName.of("Metadata"), context.register(metadata));
  // A sticky note on the page.
  const note = context.obj({
    Type: "Annot",
    Subtype: "Text",
    Rect: [20, 20, 40, 40],
    Contents: PDFHexString.fromText("Ring til 040490-1234"),
    T: PDFString.of("Anna"),
  });
  page.node.set(PDFName.of("Annots"), context.obj([context.register(note)]));
  // A filled-in form field.
  const field = pdf.getForm().createTextField("cpr");
  field.setText("050590-1234");
  field.addToPage(page, { x: 20, y: 100, width: 200, height: 20, font });
  // A bookmark.
  const outlines = context.nextRef();
  const bookmark = context.register(
    context.obj({ Title: PDFHexString.fromText("Kapitel 060690-1234"), Parent: outlines, Dest: [page.ref, PDFName.of("Fit")] }),
  );
  context.assign(outlines, context.obj({ Type: "Outlines", First: bookmark, Last: bookmark, Count: 1 }));
  pdf.catalog.set(PDFName.of("Outlines"), outlines);
  // An attached file.
  await pdf.attach(Buffer.from("Liste\nBorger 070790-1234\n"), "deltagere.txt", { mimeType: "text/plain" });
  return Buffer.from(await pdf.save({ useObjectStreams: true }));
}

describe("PDF files", () => {
  it("reads the document information, XMP metadata, annotations, form fields, bookmarks and attached files", async () => {
    const { report, at, found } = await scan({ "notat.pdf": await pdfWithEveryPart() });
    const file = at("notat.pdf");
    expect(report.sort()).toEqual(
      [
        file + (await found("PDF'ens egenskaber (fx titel, forfatter, emne eller nøgleord) indeholder", "0101901234")),
        file + (await found("PDF'ens egenskaber (fx titel, forfatter, emne eller nøgleord) indeholder", "0202901234")),
        file + (await found("PDF'ens metadata (XMP) indeholder", "0303901234")),
        file + (await found("En kommentar eller note på side 1 indeholder", "0404901234")),
        file + (await found("Et formularfelt på side 1 indeholder", "0505901234")),
        file + (await found("PDF'ens bogmærker (indholdsfortegnelsen i sidepanelet) indeholder", "0606901234")),
        file + (await found("Filen deltagere.txt, der er vedhæftet PDF'en, indeholder", "0707901234")),
      ].sort(),
    );
  });
  it("reads every part of each PDF of a meeting, with a damaged PDF among them (pdf.js's worker is shared)", async () => {
    const every = await pdfWithEveryPart();
    const { report, at } = await scan({
      "a-beskadiget.pdf": Buffer.from("%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"),
      "b.pdf": every,
      "c.pdf": every,
    });
    const per = (name: string) => report.filter((line) => line.startsWith(at(name))).length;
    // Seven numbers in seven parts, in each of the two whole PDFs, whatever the damaged one did to the worker.
    expect([per("b.pdf"), per("c.pdf")]).toEqual([7, 7]);
  });
});

describe("text files", () => {
  it("reads UTF-16 with and without a byte-order mark, UTF-8 with one, character references and numbers split by tags", async () => {
    const utf16le = (text: string, bom: boolean) => Buffer.concat([bom ? Buffer.from([0xff, 0xfe]) : Buffer.alloc(0), Buffer.from(text, "utf16le")]);
    const utf16be = (text: string) => {
      const le = Buffer.from(text, "utf16le");
      le.swap16();
      return Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    };
    const { report, at, found } = await scan({
      "excel-unicode.txt": utf16le("Navn\tCPR\r\nAnna\t010190-1234\r\n", true),
      "notesblok.csv": utf16be("Navn;CPR\nBo;020290-1234\n"),
      "uden-maerke.tsv": utf16le("Navn\tCPR\nCarl\t030390-1234\n", false),
      "utf8-bom.csv": Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("Navn;CPR\nDorte;040490-1234\n")]),
      "referencer.csv": "Navn;CPR\nEva;050590&#45;1234\n",
      "side.xml": "<liste>\n<borger><b>060690</b>-1234</borger>\n</liste>\n",
    });
    expect(report.sort()).toEqual(
      [
        at("excel-unicode.txt", 2, 6) + (await found("Her står", "0101901234")),
        at("notesblok.csv", 2, 4) + (await found("Her står", "0202901234")),
        at("uden-maerke.tsv", 2, 6) + (await found("Her står", "0303901234")),
        at("utf8-bom.csv", 2, 7) + (await found("Her står", "0404901234")),
        at("referencer.csv", 2, 5) + (await found("Her står", "0505901234")),
        at("side.xml") + (await found("Dokumentet indeholder", "0606901234")),
      ].sort(),
    );
  });

  it("decodes text in the encodings Windows writes", () => {
    expect(decodeText(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("æ 1", "utf16le")]))).toBe("æ 1");
    expect(decodeText(Buffer.from("æ 1", "utf16le"))).toBe("æ 1");
    expect(decodeText(Buffer.from("\ufeffæ 1"))).toBe("æ 1");
    expect(decodeText(Buffer.from("æ 1"))).toBe("æ 1");
  });
});

describe("RTF, images, old formats and files without an extension", () => {
  it("reads RTF text with its escapes but not picture data, and the text metadata of images", async () => {
    const rtf =
      "{\\rtf1\\ansi\\ansicpg1252{\\fonttbl{\\f0 Arial;}}\\f0 Borger 010190\\'2d1234\\par " +
      "Og \\u48?20290-1234\\par{\\*\\pict\\pngblip 0101901234ab0202901234}}";
    const { report, at, found } = await scan({ "brev.rtf": rtf, "foto.png": minimalPng({ Description: "Borger 030390-1234" }) });
    expect(report.sort()).toEqual(
      [
        at("brev.rtf") + (await found("Dokumentet indeholder", "0101901234")),
        at("brev.rtf") + (await found("Dokumentet indeholder", "0202901234")),
        at("foto.png") + (await found("Billedets metadata (fx EXIF, XMP eller en tekstkommentar) indeholder", "0303901234")),
      ].sort(),
    );
    expect(rtfText("{\\rtf1 a\\~b\\-c\\_d\\{\\}}")).toBe("a\u00a0b\u00adc\u2011d{}");
  });

  it("refuses published old Office files and compressed archives with what to do, and reads a file without an extension by its contents", async () => {
    const { report, at, found } = await scan(
      {
        "gammel.doc": Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        "tal.xls": Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
        "pakke.7z": Buffer.from("7z\xbc\xaf\x27\x1c", "latin1"),
        "UDEN-ENDELSE": "Borger 010190-1234\n",
        BINAER: Buffer.from([0x00, 0x01, 0x02, 0xff, 0xfe, 0x00, 0x10]),
        // Left in the folder without being listed: not published, so not refused.
        "original.doc": Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      },
      ["original.doc"],
    );
    expect(report.sort()).toEqual(
      [
        at("BINAER") +
          "Bilaget har ingen filendelse, og CPR-tjekket kan ikke genkende dets indhold, så det kan ikke tjekkes for CPR-numre. Giv filen den rigtige endelse (fx .pdf), eller fjern den.",
        at("UDEN-ENDELSE", 1, 8) + (await found("Her står", "0101901234")),
        at("gammel.doc") +
          "Bilaget er i et gammelt Office-format (.doc), som CPR-tjekket ikke kan læse, så det kan ikke tjekkes for CPR-numre. Gem det som PDF eller i det nye format (.docx), eller fjern det.",
        at("pakke.7z") +
          "Bilaget er et komprimeret arkiv (.7z), hvis indhold CPR-tjekket ikke kan læse, så det kan ikke tjekkes for CPR-numre. Læg filerne ud som enkelte bilag (fx PDF), eller pak dem i en .zip-fil.",
        at("tal.xls") +
          "Bilaget er i et gammelt Office-format (.xls), som CPR-tjekket ikke kan læse, så det kan ikke tjekkes for CPR-numre. Gem det som PDF eller i det nye format (.xlsx), eller fjern det.",
      ].sort(),
    );
  });

  it("finds printable strings in binary data in Latin-1, UTF-8 and UTF-16", () => {
    const data = Buffer.concat([
      Buffer.from([0, 1, 2, 255]),
      Buffer.from("Ejer: 010190-1234;", "latin1"),
      Buffer.from([0, 0xff]),
      Buffer.from("Ejer: 020290-1234;", "utf16le"),
      Buffer.from([0x80]),
      Buffer.from("Ejer: ０３０３９０-1234;", "utf8"),
    ]);
    const strings = printableStrings(data);
    expect(strings).toContain("Ejer: 010190-1234;");
    expect(strings).toContain("Ejer: 020290-1234;");
    expect(strings).toContain("Ejer: ０３０３９０-1234;");
  });
});
