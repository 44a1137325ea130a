// Uploads are checked by parsing, not by their first bytes (issue 10 item 14).
import JSZip from "jszip";
import { describe, expect, it } from "vitest";
import { minimalDocx, minimalJpeg, minimalOle, minimalPdf, minimalPng, minimalXlsx } from "../../../test/support/files.js";
import { checkUpload, MAX_FILE_BYTES, sniffMime } from "./upload-check.js";

const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const exe = Buffer.concat([Buffer.from("MZ\x90\0\x03\0\0\0", "latin1"), Buffer.alloc(64), Buffer.from("This program cannot be run in DOS mode.")]);

async function zipOf(files: Record<string, string>): Promise<Buffer> {
  const zip = new JSZip();
  for (const [name, text] of Object.entries(files)) zip.file(name, text);
  return zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
}

describe("uploads that parse are taken, as the type they parse as", () => {
  it.each([
    ["a one-page PDF", () => minimalPdf("章程"), "application/pdf"],
    ["a PNG", async () => minimalPng(), "image/png"],
    ["a JPEG", async () => minimalJpeg(), "image/jpeg"],
    ["an XLSX workbook", minimalXlsx, XLSX],
    ["a DOCX document", minimalDocx, DOCX],
    ["a DOC (compound document with WordDocument)", async () => minimalOle("WordDocument"), "application/msword"],
    ["an XLS (compound document with Workbook)", async () => minimalOle("Workbook"), "application/vnd.ms-excel"],
    ["a PPT (compound document with PowerPoint Document)", async () => minimalOle("PowerPoint Document"), "application/vnd.ms-powerpoint"],
  ] as const)("takes %s", async (_label, make, mime) => {
    const bytes = await make();
    expect(await checkUpload(bytes, "application/octet-stream")).toEqual({ ok: true, mime });
  });

  it("takes the parsed type, not the declared one", async () => {
    expect(await checkUpload(minimalPng(), "application/pdf")).toEqual({ ok: true, mime: "image/png" });
  });

  it("lets the declared type choose between the main streams a compound document holds", async () => {
    const docWithSheet = minimalOle("WordDocument", "Workbook");
    expect(await checkUpload(docWithSheet, "application/msword")).toEqual({ ok: true, mime: "application/msword" });
    expect(await checkUpload(docWithSheet, "application/vnd.ms-excel")).toEqual({ ok: true, mime: "application/vnd.ms-excel" });
  });
});

describe("uploads whose first bytes lie are refused as damaged", () => {
  it("refuses a file that starts with %PDF- but does not parse", async () => {
    expect(await checkUpload(Buffer.from("%PDF-1.4\n%%EOF\n"), "application/pdf")).toEqual({ ok: false, reason: "damaged", kind: "PDF" });
    expect(await checkUpload(Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer<<>>\n%%EOF\n"), "application/pdf")).toMatchObject({ reason: "damaged" });
  });

  it("refuses a PDF cut short", async () => {
    const pdf = await minimalPdf();
    expect(await checkUpload(pdf.subarray(0, 300), "application/pdf")).toEqual({ ok: false, reason: "damaged", kind: "PDF" });
  });

  it("refuses a PNG signature followed by garbage", async () => {
    expect(await checkUpload(Buffer.concat([PNG_MAGIC, Buffer.from("not really an image, just text")]), "image/png")).toEqual({ ok: false, reason: "damaged", kind: "PNG" });
  });

  it("refuses a PNG whose header is right but whose pixel data is garbage", async () => {
    const header = minimalPng().subarray(0, 33); // signature and IHDR
    expect(await checkUpload(Buffer.concat([header, Buffer.alloc(64, 0x41)]), "image/png")).toEqual({ ok: false, reason: "damaged", kind: "PNG" });
  });

  it("refuses a PNG with a corrupted chunk checksum", async () => {
    const png = Buffer.from(minimalPng());
    png[png.length - 20] ^= 0xff; // inside IDAT
    expect(await checkUpload(png, "image/png")).toMatchObject({ ok: false, reason: "damaged" });
  });

  it("refuses a PNG that claims more pixels than may be decoded, without decoding it", async () => {
    const huge = Buffer.from(minimalPng());
    huge.writeUInt32BE(100_000, 16);
    huge.writeUInt32BE(100_000, 20);
    expect(await checkUpload(huge, "image/png")).toEqual({ ok: false, reason: "damaged", kind: "PNG" });
  });

  it("refuses a JPEG marker followed by garbage", async () => {
    expect(await checkUpload(Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(64, 2)]), "image/jpeg")).toEqual({ ok: false, reason: "damaged", kind: "JPEG" });
  });

  it("refuses a JPEG cut short", async () => {
    const jpeg = minimalJpeg();
    expect(await checkUpload(jpeg.subarray(0, jpeg.length - 40), "image/jpeg")).toEqual({ ok: false, reason: "damaged", kind: "JPEG" });
  });

  it("refuses bytes that only name the parts of a DOCX (no ZIP behind them)", async () => {
    const fake = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.from("\0\0\0\0[Content_Types].xml\0\0word/document.xml", "latin1")]);
    expect(await checkUpload(fake, DOCX)).toEqual({ ok: false, reason: "damaged", kind: "Office" });
  });

  it("refuses an XLSX with corrupted compressed data", async () => {
    const xlsx = Buffer.from(await minimalXlsx());
    for (let i = 200; i < 260; i++) xlsx[i] ^= 0x5a;
    expect(await checkUpload(xlsx, XLSX)).toEqual({ ok: false, reason: "damaged", kind: "Office" });
  });

  it("refuses a package whose [Content_Types].xml is not a content-types document", async () => {
    expect(await checkUpload(await zipOf({ "[Content_Types].xml": "hello", "word/document.xml": "<w:document/>" }), DOCX)).toEqual({ ok: false, reason: "damaged", kind: "Office" });
  });

  it("refuses a compound-document signature followed by garbage", async () => {
    const fake = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from("Root Entry\0WordDocument\0", "utf16le")]);
    expect(await checkUpload(fake, "application/msword")).toEqual({ ok: false, reason: "damaged", kind: "Office" });
  });
});

describe("uploads of other types are refused", () => {
  it("refuses an executable renamed to .pdf", async () => {
    expect(await checkUpload(exe, "application/pdf")).toEqual({ ok: false, reason: "type" });
    expect(sniffMime(exe, "application/pdf")).toBeNull();
  });

  it("refuses a plain ZIP archive declared as DOCX", async () => {
    expect(await checkUpload(await zipOf({ "setup.exe": "MZ" }), DOCX)).toEqual({ ok: false, reason: "type" });
  });

  it("refuses an OOXML package that is neither a document, a workbook nor a presentation", async () => {
    expect(await checkUpload(await zipOf({ "[Content_Types].xml": "<Types/>", "payload.bin": "x" }), DOCX)).toEqual({ ok: false, reason: "type" });
  });

  it("refuses a compound document that is no Office file (an .msi installer) declared as DOC", async () => {
    expect(await checkUpload(minimalOle("SummaryInformation"), "application/msword")).toEqual({ ok: false, reason: "type" });
  });

  it("refuses an empty upload", async () => {
    expect(await checkUpload(Buffer.alloc(0), "application/pdf")).toEqual({ ok: false, reason: "empty" });
  });

  it("refuses an upload over 20 MiB before parsing it", async () => {
    const big = Buffer.alloc(MAX_FILE_BYTES + 1);
    (await minimalPdf()).copy(big);
    expect(await checkUpload(big, "application/pdf")).toEqual({ ok: false, reason: "size" });
  });
});
