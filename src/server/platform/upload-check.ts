// What an upload may be: the declared type is only a hint, and the first bytes only say which parser to try.
// A file is taken when it parses as what it claims: a PDF has a page tree, an image decodes, an Office file is a
// compound document or an OOXML package with its main part (等保 2.0: 恶意代码防范, issue 10 item 14).
import CFB from "cfb";
import jpeg from "jpeg-js";
import JSZip from "jszip";
import { PDFDocument } from "pdf-lib";
import { PNG } from "pngjs";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

/** An A4 page scanned at 600 dpi is 35 megapixels; decoding more would only be a way to exhaust memory. */
const MAX_IMAGE_MEGAPIXELS = 50;

export const ALLOWED_MIME = [
  "application/pdf",
  "image/png",
  "image/jpeg",
  "application/msword",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  "application/vnd.ms-excel",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  "application/vnd.ms-powerpoint",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation",
] as const;
export type AllowedMime = (typeof ALLOWED_MIME)[number];

/** The kind named in a refusal of damaged content. */
export type ContentKind = "PDF" | "PNG" | "JPEG" | "Office";

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);
const contains = (bytes: Buffer, s: string, enc: BufferEncoding = "latin1") => bytes.includes(Buffer.from(s, enc));

const PDF = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const PNG_SIG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

// Office 97–2003 files are OLE compound documents; the name of their main stream tells which.
const OLE_STREAMS: [string, AllowedMime][] = [
  ["WordDocument", "application/msword"],
  ["Workbook", "application/vnd.ms-excel"],
  ["Book", "application/vnd.ms-excel"],
  ["PowerPoint Document", "application/vnd.ms-powerpoint"],
];
// Office 2007+ files are ZIP packages with [Content_Types].xml; the name of their main part tells which.
const OOXML_PARTS: [string, AllowedMime][] = [
  ["word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  ["xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  ["ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
];

/** A document with an embedded sheet names both; then the declared type picks among them. */
const pick = (candidates: AllowedMime[], declared?: string) => candidates.find((m) => m === declared) ?? candidates[0] ?? null;

/**
 * The type the first bytes claim, if it is one we accept; null otherwise (an executable renamed to .pdf, a plain
 * ZIP renamed to .docx). A quick guess only: `checkUpload` decides by parsing.
 */
export function sniffMime(bytes: Buffer, declared?: string): AllowedMime | null {
  if (startsWith(bytes, PDF)) return "application/pdf";
  if (startsWith(bytes, PNG_SIG)) return "image/png";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  const family = startsWith(bytes, OLE) ? OLE_STREAMS : startsWith(bytes, ZIP) && contains(bytes, "[Content_Types].xml") ? OOXML_PARTS : null;
  if (!family) return null;
  const encoding = family === OLE_STREAMS ? "utf16le" : "latin1";
  return pick(family.filter(([marker]) => contains(bytes, marker, encoding)).map(([, mime]) => mime), declared);
}

/** Thrown by a parser below: the bytes claim a type they are not. */
class Damaged extends Error {}

async function parsesAsPdf(bytes: Buffer): Promise<void> {
  // Owner-password PDFs are common in government paperwork; their page tree is readable without the password.
  const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
  if (doc.getPageCount() < 1) throw new Damaged("no pages");
}

function decodesAsPng(bytes: Buffer): void {
  // IHDR is the first chunk: width and height at bytes 16–23, checked before anything is allocated for pixels.
  if (bytes.length < 33 || bytes.toString("latin1", 12, 16) !== "IHDR") throw new Damaged("no IHDR");
  if ((bytes.readUInt32BE(16) * bytes.readUInt32BE(20)) / 1e6 > MAX_IMAGE_MEGAPIXELS) throw new Damaged("too large");
  PNG.sync.read(bytes, { checkCRC: true });
}

function decodesAsJpeg(bytes: Buffer): void {
  const image = jpeg.decode(bytes, { useTArray: true, formatAsRGBA: false, tolerantDecoding: false, maxResolutionInMP: MAX_IMAGE_MEGAPIXELS });
  if (!image.width || !image.height) throw new Damaged("no image");
}

function oleMime(bytes: Buffer, declared?: string): AllowedMime | null {
  const container = CFB.read(bytes, { type: "buffer" });
  const streams = new Set(container.FileIndex.filter((e) => e.type === 2).map((e) => e.name));
  return pick(OLE_STREAMS.filter(([name]) => streams.has(name)).map(([, mime]) => mime), declared);
}

async function ooxmlMime(bytes: Buffer, declared?: string): Promise<AllowedMime | null> {
  const zip = await JSZip.loadAsync(bytes, { checkCRC32: true });
  const contentTypes = zip.file("[Content_Types].xml");
  if (!contentTypes) return null; // a ZIP, but no Office package
  if (!(await contentTypes.async("string")).includes("<Types")) throw new Damaged("no content types");
  const candidates: AllowedMime[] = [];
  for (const [part, mime] of OOXML_PARTS) {
    const file = zip.file(part);
    if (file && (await file.async("string")).includes("<")) candidates.push(mime);
  }
  return pick(candidates, declared);
}

type Claim = "PDF" | "PNG" | "JPEG" | "OLE" | "ZIP";

const claimOf = (bytes: Buffer): Claim | null =>
  startsWith(bytes, PDF) ? "PDF" : startsWith(bytes, PNG_SIG) ? "PNG" : startsWith(bytes, JPEG) ? "JPEG" : startsWith(bytes, OLE) ? "OLE" : startsWith(bytes, ZIP) ? "ZIP" : null;

/** The type the content parses as; null when it is a container of something else; throws when it does not parse. */
async function parsedMime(claim: Claim, bytes: Buffer, declared?: string): Promise<AllowedMime | null> {
  switch (claim) {
    case "PDF":
      await parsesAsPdf(bytes);
      return "application/pdf";
    case "PNG":
      decodesAsPng(bytes);
      return "image/png";
    case "JPEG":
      decodesAsJpeg(bytes);
      return "image/jpeg";
    case "OLE":
      return oleMime(bytes, declared);
    case "ZIP":
      return ooxmlMime(bytes, declared);
  }
}

export type UploadCheck =
  | { ok: true; mime: AllowedMime }
  | { ok: false; reason: "empty" | "size" | "type" }
  | { ok: false; reason: "damaged"; kind: ContentKind };

/** Whether an upload may be stored, and as which type (the parsed one, not the declared one). */
export async function checkUpload(bytes: Buffer, declaredMime?: string): Promise<UploadCheck> {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: "size" };
  const claim = claimOf(bytes);
  if (!claim) return { ok: false, reason: "type" };
  let mime: AllowedMime | null;
  try {
    mime = await parsedMime(claim, bytes, declaredMime);
  } catch {
    // Any parser failure (pdf-lib, pngjs, jpeg-js, cfb, jszip) means the same thing to the uploader.
    return { ok: false, reason: "damaged", kind: claim === "OLE" || claim === "ZIP" ? "Office" : claim };
  }
  return mime ? { ok: true, mime } : { ok: false, reason: "type" };
}
