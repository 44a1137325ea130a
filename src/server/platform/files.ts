// Uploaded files (申报材料附件 and the like), stored once by the sha256 of their content under
// <dataDir>/files/ab/abcdef…, so the same file uploaded twice is kept once and an id names its bytes.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { DomainError } from "./errors.js";

export const MAX_FILE_BYTES = 20 * 1024 * 1024;

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

export interface StoredFile {
  /** sha256 of the content, 64 lowercase hex digits */
  fileId: string;
  size: number;
  mime: string;
  name: string;
}

const FILE_ID = /^[0-9a-f]{64}$/;

export const isFileId = (s: string): boolean => FILE_ID.test(s);

export const fileIdOf = (bytes: Uint8Array): string => createHash("sha256").update(bytes).digest("hex");

const storedPath = (dataDir: string, fileId: string) => path.join(dataDir, "files", fileId.slice(0, 2), fileId);

/** The name as shown to people: no folders, no control characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? "";
  // eslint-disable-next-line no-control-regex
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return [...(cleaned || "file")].slice(0, 120).join("");
}

const exists = (p: string) => fs.stat(p).then(() => true, () => false);

/** Stores the bytes (write to a temporary file, then rename) unless identical content is already there. */
export async function storeFile(dataDir: string, bytes: Buffer, meta: { name: string; mime: string }): Promise<StoredFile> {
  const fileId = fileIdOf(bytes);
  const target = storedPath(dataDir, fileId);
  if (!(await exists(target))) {
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString("hex")}.tmp`;
    const handle = await fs.open(temp, "wx");
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // Two uploads of the same content may race here; both renames leave the same bytes in place.
    await fs.rename(temp, target).catch(async (err: unknown) => {
      await fs.rm(temp, { force: true });
      throw err;
    });
  }
  return { fileId, size: bytes.length, mime: meta.mime, name: cleanFileName(meta.name) };
}

export async function hasStoredFile(dataDir: string, fileId: string): Promise<boolean> {
  return isFileId(fileId) && exists(storedPath(dataDir, fileId));
}

/** The stored bytes; NOT_FOUND for an unknown id and for anything that is not a sha256 (no path tricks). */
export async function readStoredFile(dataDir: string, fileId: string): Promise<Buffer> {
  if (!isFileId(fileId)) throw new DomainError("NOT_FOUND");
  try {
    return await fs.readFile(storedPath(dataDir, fileId));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ENOENT") throw new DomainError("NOT_FOUND");
    throw err;
  }
}

// ---- what an upload may be: the declared type is only a hint, the content decides ----

const startsWith = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);
const contains = (bytes: Buffer, s: string, enc: BufferEncoding = "latin1") => bytes.includes(Buffer.from(s, enc));

const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ZIP = [0x50, 0x4b, 0x03, 0x04];

// Office 97–2003 files are OLE containers; the name of their main stream (UTF-16 in the directory) tells which.
const OLE_STREAMS: [string, AllowedMime][] = [
  ["WordDocument", "application/msword"],
  ["Workbook", "application/vnd.ms-excel"],
  ["Book", "application/vnd.ms-excel"],
  ["PowerPoint Document", "application/vnd.ms-powerpoint"],
];
// Office 2007+ files are ZIP packages; the name of their main part (names are stored uncompressed) tells which.
const OOXML_FOLDERS: [string, AllowedMime][] = [
  ["word/document.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
  ["xl/workbook.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"],
  ["ppt/presentation.xml", "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
];

/**
 * The type the content really is, if it is one we accept; null otherwise (an executable renamed to
 * .pdf, a plain ZIP renamed to .docx). `declared` only breaks a tie the content cannot settle.
 */
export function sniffMime(bytes: Buffer, declared?: string): AllowedMime | null {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return "application/pdf"; // %PDF-
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return "image/png";
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return "image/jpeg";
  const family = startsWith(bytes, OLE) ? OLE_STREAMS : startsWith(bytes, ZIP) && contains(bytes, "[Content_Types].xml") ? OOXML_FOLDERS : null;
  if (!family) return null;
  const encoding = family === OLE_STREAMS ? "utf16le" : "latin1";
  const candidates = family.filter(([marker]) => contains(bytes, marker, encoding)).map(([, mime]) => mime);
  // A document with an embedded sheet names both; then the declared type picks among them.
  return candidates.find((m) => m === declared) ?? candidates[0] ?? null;
}

export type UploadCheck = { ok: true; mime: AllowedMime } | { ok: false; reason: "empty" | "size" | "type" };

/** Whether an upload may be stored, and as which type (the sniffed one, not the declared one). */
export function checkUpload(bytes: Buffer, declaredMime?: string): UploadCheck {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > MAX_FILE_BYTES) return { ok: false, reason: "size" };
  const mime = sniffMime(bytes, declaredMime);
  return mime ? { ok: true, mime } : { ok: false, reason: "type" };
}
