import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DomainError } from "./errors.js";
import { cleanFileName, hasStoredFile, readStoredFile, storeFile } from "./files.js";

// The store keeps bytes as given; whether they may be uploaded is upload-check.ts's question.
const pdf = Buffer.from("%PDF-1.7\n1 0 obj <<>> endobj\n%%EOF\n", "latin1");
const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(32, 1)]);

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

  it("drops bidi controls, so a name cannot show an .exe as a .jpg", () => {
    expect(cleanFileName("invoice\u202Egpj.exe")).toBe("invoicegpj.exe");
    expect(cleanFileName("\u200e合同\u2066.pdf\u2069\u061c\u200f\u202a\u202b\u202c\u202d\u2067\u2068")).toBe("合同.pdf");
  });

  it("drops every C0 control and DEL, including tab and newline", () => {
    const controls = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("") + "\u007f";
    expect(cleanFileName(`a${controls}b.pdf`)).toBe("ab.pdf");
  });

  it("does not let a control character hide a folder separator", () => {
    expect(cleanFileName("..\u0000/..\u202e/报告.pdf")).toBe("报告.pdf");
  });
});
