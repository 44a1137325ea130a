// Uploaded files (申报材料附件 and the like), stored once by the sha256 of their content under
// <dataDir>/files/ab/abcdef…, so the same file uploaded twice is kept once and an id names its bytes.
import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { DomainError } from "./errors.js";

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

/**
 * Characters that change how a name reads without being seen: C0 controls and DEL, and the bidirectional
 * controls (LRM, RLM, ALM, the embeddings and overrides U+202A–U+202E, the isolates U+2066–U+2069), with which
 * "invoice\u202Egpj.exe" shows as "invoiceexe.jpg".
 */
// eslint-disable-next-line no-control-regex
const INVISIBLE_CONTROLS = /[\u0000-\u001f\u007f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** The name as shown to people: no folders, no control or bidi characters, at most 120 characters. */
export function cleanFileName(name: string): string {
  const base = name.replace(INVISIBLE_CONTROLS, "").split(/[/\\]/).pop() ?? "";
  const cleaned = base.trim();
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

const EXTENSION_OF_MIME: Record<string, string> = {
  "application/pdf": ".pdf",
  "image/png": ".png",
  "image/jpeg": ".jpg",
  "application/msword": ".doc",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": ".docx",
  "application/vnd.ms-excel": ".xls",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": ".xlsx",
  "application/vnd.ms-powerpoint": ".ppt",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": ".pptx",
};

/** A name for a stored file whose upload name is not the reader's to see: the stem and the extension of its type. */
export function storedFileName(stem: string, mime: string): string {
  return `${stem}${EXTENSION_OF_MIME[mime] ?? ""}`;
}
