import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DomainError } from "./errors.js";
import { checkUpload, cleanFileName, hasStoredFile, MAX_FILE_BYTES, readStoredFile, sniffMime, storeFile } from "./files.js";

const pdf = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n", "latin1");
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);
const jpeg = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(32, 2)]);
const ole = (stream: string) =>
  Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), Buffer.from(`Root Entry\0${stream}\0`, "utf16le")]);
const zip = (...names: string[]) => Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), ...names.map((n) => Buffer.from(`\0\0\0\0${n}`, "latin1"))]);
const exe = Buffer.concat([Buffer.from("MZ\x90\0\x03\0\0\0", "latin1"), Buffer.alloc(64), Buffer.from("This program cannot be run in DOS mode.")]);

async function realXlsx(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("师资").addRow(["姓名", "职称"]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

describe("file store", () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "cebase-files-"));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it("stores content under its sha256, in a folder named by the first two hex digits", async () => {
    const stored = await storeFile(dataDir, pdf, { name: "章程.pdf", mime: "application/pdf" });
    const sha = createHash("sha256").update(pdf).digest("hex");
    expect(stored).toEqual({ fileId: sha, size: pdf.length, mime: "application/pdf", name: "章程.pdf" });
    expect(fs.readFileSync(path.join(dataDir, "files", sha.slice(0, 2), sha))).toEqual(pdf);
  });

  it("keeps identical content once and leaves no temporary files behind", async () => {
    const [a, b] = await Promise.all([
      storeFile(dataDir, pdf, { name: "a.pdf", mime: "application/pdf" }),
      storeFile(dataDir, pdf, { name: "b.pdf", mime: "application/pdf" }),
    ]);
    const again = await storeFile(dataDir, pdf, { name: "c.pdf", mime: "application/pdf" });
    expect(new Set([a.fileId, b.fileId, again.fileId]).size).toBe(1);
    expect(fs.readdirSync(path.join(dataDir, "files", a.fileId.slice(0, 2)))).toEqual([a.fileId]);
  });

  it("reads stored bytes back", async () => {
    const { fileId } = await storeFile(dataDir, png, { name: "x.png", mime: "image/png" });
    expect(await readStoredFile(dataDir, fileId)).toEqual(png);
    expect(await hasStoredFile(dataDir, fileId)).toBe(true);
  });

  it("answers NOT_FOUND for an unknown id", async () => {
    const unknown = "0".repeat(64);
    await expect(readStoredFile(dataDir, unknown)).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await hasStoredFile(dataDir, unknown)).toBe(false);
  });

  it.each(["../../etc/passwd", "A".repeat(64), "0".repeat(63), `${"0".repeat(64)}/x`, ""])("refuses the id %j as NOT_FOUND", async (id) => {
    const err = await readStoredFile(dataDir, id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("NOT_FOUND");
  });

  it("keeps only the last part of a file name, without control characters", () => {
    expect(cleanFileName("C:\\材料\\师资名单.xlsx")).toBe("师资名单.xlsx");
    expect(cleanFileName("../../a\u0000b.pdf")).toBe("ab.pdf");
    expect(cleanFileName("   ")).toBe("file");
    expect([...cleanFileName("长".repeat(200))]).toHaveLength(120);
  });
});

describe("what an upload may be", () => {
  it.each([
    ["PDF", pdf, "application/pdf"],
    ["PNG", png, "image/png"],
    ["JPEG", jpeg, "image/jpeg"],
    ["DOC", ole("WordDocument"), "application/msword"],
    ["XLS", ole("Workbook"), "application/vnd.ms-excel"],
    ["PPT", ole("PowerPoint Document"), "application/vnd.ms-powerpoint"],
    ["DOCX", zip("[Content_Types].xml", "word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"],
    ["PPTX", zip("[Content_Types].xml", "ppt/presentation.xml"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"],
  ] as const)("recognises %s by its content", (_label, bytes, mime) => {
    expect(sniffMime(bytes)).toBe(mime);
    expect(checkUpload(bytes, "application/octet-stream")).toEqual({ ok: true, mime });
  });

  it("recognises a real XLSX workbook", async () => {
    expect(checkUpload(await realXlsx(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")).toEqual({
      ok: true,
      mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    });
  });

  it("refuses an executable renamed to .pdf", () => {
    expect(checkUpload(exe, "application/pdf")).toEqual({ ok: false, reason: "type" });
  });

  it("refuses a plain ZIP archive declared as DOCX", () => {
    expect(checkUpload(zip("setup.exe"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document")).toEqual({ ok: false, reason: "type" });
  });

  it("refuses an OLE container that is no Office document (an .msi installer) declared as DOC", () => {
    expect(checkUpload(ole("SummaryInformation"), "application/msword")).toEqual({ ok: false, reason: "type" });
  });

  it("lets the declared type choose between the parts an Office file names", () => {
    const docWithSheet = ole("WordDocument\0Workbook");
    expect(sniffMime(docWithSheet, "application/msword")).toBe("application/msword");
    expect(sniffMime(docWithSheet, "application/vnd.ms-excel")).toBe("application/vnd.ms-excel");
  });

  it("refuses an empty upload", () => {
    expect(checkUpload(Buffer.alloc(0), "application/pdf")).toEqual({ ok: false, reason: "empty" });
  });

  it("refuses an upload over 20 MiB, and takes one of exactly 20 MiB", () => {
    const big = Buffer.alloc(MAX_FILE_BYTES + 1);
    pdf.copy(big);
    expect(checkUpload(big, "application/pdf")).toEqual({ ok: false, reason: "size" });
    expect(checkUpload(big.subarray(0, MAX_FILE_BYTES), "application/pdf")).toEqual({ ok: true, mime: "application/pdf" });
  });
});
