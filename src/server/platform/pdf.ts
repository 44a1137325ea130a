// The documents the platform prints (申报表, 匾牌): pdf-lib with Noto Sans SC embedded as a subset, so a
// PDF carries only the glyphs it uses and prints alike on machines with and without Chinese fonts.
import { createRequire } from "node:module";
import fs from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import * as fontkit from "fontkit";
import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFName, PDFRawStream, rgb, type Color, type PDFFont, type PDFPage } from "pdf-lib";
import QRCode from "qrcode";

export const A4: [number, number] = [595.28, 841.89];
export const A4_LANDSCAPE: [number, number] = [841.89, 595.28];
export const BLACK = rgb(0, 0, 0);
export const GRAY = rgb(0.4, 0.4, 0.4);
export const SHADE = rgb(0.94, 0.94, 0.94);

// ---- the font: read once per process, parsed once, embedded as a subset in each document ----

const FONT_FILES = { regular: "NotoSansHans-Regular.otf", bold: "NotoSansHans-Bold.otf" };
type FontBytes = Record<keyof typeof FONT_FILES, Uint8Array>;
let fontBytes: Promise<FontBytes> | undefined;

async function readFonts(): Promise<FontBytes> {
  // The package's export map names no font files; they lie beside its entry point, in ../fonts.
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve("@embedpdf/fonts-sc")), "..", "fonts");
  const [regular, bold] = await Promise.all([fs.readFile(path.join(dir, FONT_FILES.regular)), fs.readFile(path.join(dir, FONT_FILES.bold))]);
  return { regular, bold };
}

function loadFontBytes(): Promise<FontBytes> {
  fontBytes ??= readFonts().catch((err: unknown) => {
    fontBytes = undefined; // a failed read is tried again next time
    throw err;
  });
  return fontBytes;
}

const parsedFonts = new WeakMap<Uint8Array, fontkit.Font>();

// Upstream fontkit 2, not the @pdf-lib/fontkit fork: the fork's subsetter writes CID-keyed CFF fonts
// (Noto/Source Han) that viewers reject. pdf-lib asks the subset for a stream; fontkit 2 encodes at once.
const subsettingFontkit = {
  create(bytes: Uint8Array): fontkit.Font {
    let font = parsedFonts.get(bytes);
    if (!font) {
      font = fontkit.create(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)) as fontkit.Font;
      const createSubset = font.createSubset.bind(font);
      font.createSubset = () => Object.assign(createSubset(), { encodeStream(this: fontkit.Subset) { return Readable.from([this.encode()]); } });
      parsedFonts.set(bytes, font);
    }
    return font;
  },
} as unknown as Parameters<PDFDocument["registerFontkit"]>[0];

export interface PdfKit {
  doc: PDFDocument;
  font: PDFFont;
  boldFont: PDFFont;
}

export async function createDocument(info: { title?: string; subject?: string } = {}): Promise<PdfKit> {
  const bytes = await loadFontBytes();
  const doc = await PDFDocument.create();
  doc.registerFontkit(subsettingFontkit);
  if (info.title) doc.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.subject) doc.setSubject(info.subject);
  doc.setLanguage("zh-CN");
  doc.setCreator("cebase");
  const [font, boldFont] = await Promise.all([doc.embedFont(bytes.regular, { subset: true }), doc.embedFont(bytes.bold, { subset: true })]);
  return { doc, font, boldFont };
}

/** Characters of `text` the embedded font has no glyph for (they would print as empty boxes). */
export async function missingGlyphs(text: string): Promise<string[]> {
  const font = subsettingFontkit.create((await loadFontBytes()).regular) as unknown as fontkit.Font;
  return [...new Set([...text].filter((c) => !/\s/.test(c) && !font.hasGlyphForCodePoint(c.codePointAt(0)!)))];
}

export async function qrPng(text: string): Promise<Buffer> {
  return QRCode.toBuffer(text, { type: "png", errorCorrectionLevel: "M", margin: 1, width: 360 });
}

// ---- measuring and wrapping: Chinese breaks between any two characters, ASCII words stay whole ----

const widthCache = new WeakMap<PDFFont, Map<string, number>>();
function widthOf(font: PDFFont, token: string, size: number): number {
  let cache = widthCache.get(font);
  if (!cache) widthCache.set(font, (cache = new Map()));
  let w = cache.get(token);
  if (w === undefined) cache.set(token, (w = font.widthOfTextAtSize(token, 1000)));
  return (w * size) / 1000;
}

// 避头: punctuation that must not begin a line hangs at the end of the previous one instead.
const NO_LINE_START = new Set([..."，。、；：？！）》」』】〕”’…·%,.;:?!)]}"]);
const tokenize = (line: string) => line.match(/[A-Za-z0-9@#$%&*+\-_=./:\\'",;!?()[\]{}<>|~^`]+|\s+|./gu) ?? [];

export function wrapText(text: string, font: PDFFont, size: number, maxWidth: number): string[] {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/\r\n?/g, "\n").replace(/\t/g, " ").replace(/[\u0000-\u0009\u000b-\u001f\u007f]/g, "");
  return clean.split("\n").flatMap((paragraph) => wrapParagraph(paragraph, font, size, maxWidth));
}

function wrapParagraph(paragraph: string, font: PDFFont, size: number, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = "";
  let width = 0;
  const add = (piece: string, w: number) => {
    const isSpace = /^\s+$/.test(piece);
    if (line !== "" && width + w > maxWidth && !NO_LINE_START.has(piece)) {
      lines.push(line.trimEnd());
      line = "";
      width = 0;
    }
    if (line === "" && isSpace) return;
    line += piece;
    width += w;
  };
  for (const token of tokenize(paragraph)) {
    const w = widthOf(font, token, size);
    // a word wider than the whole line is broken by character
    if (w > maxWidth && token.length > 1) for (const ch of token) add(ch, widthOf(font, ch, size));
    else add(token, w);
  }
  lines.push(line.trimEnd());
  return lines;
}

export type Align = "left" | "center" | "right";
export interface TextStyle {
  font: PDFFont;
  size: number;
  color?: Color;
  /** line height as a multiple of the size */
  leading?: number;
}

const baselineIn = (lineTop: number, lineHeight: number, size: number) => lineTop - (lineHeight - size) / 2 - size * 0.88;

/** Draws lines from `top` down within [x, x + width]; returns the y below the last line. */
export function drawLines(page: PDFPage, lines: string[], box: { x: number; top: number; width: number; align?: Align }, style: TextStyle): number {
  const lh = style.size * (style.leading ?? 1.5);
  lines.forEach((line, i) => {
    if (!line) return;
    const w = widthOf(style.font, line, style.size);
    const dx = box.align === "center" ? (box.width - w) / 2 : box.align === "right" ? box.width - w : 0;
    page.drawText(line, { x: box.x + dx, y: baselineIn(box.top - i * lh, lh, style.size), size: style.size, font: style.font, color: style.color ?? BLACK });
  });
  return box.top - lines.length * lh;
}

// ---- flowing content over pages: paragraphs and table rows that break where the page ends ----

export interface RowCell {
  text: string;
  /** in points; the cells of a row add up to the flow's width */
  width: number;
  align?: Align;
  bold?: boolean;
  shade?: boolean;
}

export class PageFlow {
  page!: PDFPage;
  y = 0;
  /** drawn at the top of a new page when a table continues there (its header row) */
  private continuation: (() => void) | null = null;

  constructor(
    readonly kit: PdfKit,
    readonly size: [number, number] = A4,
    readonly margin = { top: 64, right: 56, bottom: 64, left: 56 },
  ) {
    this.newPage();
  }

  get left(): number {
    return this.margin.left;
  }
  get width(): number {
    return this.size[0] - this.margin.left - this.margin.right;
  }
  private get room(): number {
    return this.y - this.margin.bottom;
  }

  newPage(): void {
    this.page = this.kit.doc.addPage(this.size);
    this.y = this.size[1] - this.margin.top;
    this.continuation?.();
  }

  /** Starts a new page unless `height` points still fit on this one. */
  keep(height: number): void {
    if (height > this.room) this.newPage();
  }

  gap(height: number): void {
    if (height >= this.room) this.newPage();
    else this.y -= height;
  }

  text(text: string, style: TextStyle & { align?: Align; indent?: number }): void {
    const indent = style.indent ?? 0;
    const lh = style.size * (style.leading ?? 1.5);
    for (const line of wrapText(text, style.font, style.size, this.width - indent)) {
      this.keep(lh);
      this.y = drawLines(this.page, [line], { x: this.left + indent, top: this.y, width: this.width - indent, align: style.align }, style);
    }
  }

  /** A bordered row of cells; a tall row is split over pages, a short one moves whole to the next page. */
  row(cells: RowCell[], opts: { size?: number; minHeight?: number; padding?: number } = {}): void {
    const size = opts.size ?? 10.5;
    const pad = opts.padding ?? 4;
    const lh = size * 1.45;
    let parts = cells.map((c) => wrapText(c.text, c.bold ? this.kit.boldFont : this.kit.font, size, c.width - 2 * pad));
    for (let isFreshPage = false; ; isFreshPage = true) {
      const lines = Math.max(1, ...parts.map((p) => p.length));
      const height = Math.max(lines * lh + 2 * pad, opts.minHeight ?? 0);
      if (height <= this.room) return this.drawRow(cells, parts, height, size, lh, pad);
      const fit = Math.max(1, Math.floor((this.room - 2 * pad) / lh));
      if (!isFreshPage && (fit < 2 || lines <= 4)) {
        this.newPage();
        continue;
      }
      this.drawRow(cells, parts.map((p) => p.slice(0, fit)), fit * lh + 2 * pad, size, lh, pad);
      parts = parts.map((p) => p.slice(fit));
      this.newPage();
    }
  }

  private drawRow(cells: RowCell[], parts: string[][], height: number, size: number, lh: number, pad: number): void {
    let x = this.left;
    cells.forEach((c, i) => {
      this.page.drawRectangle({ x, y: this.y - height, width: c.width, height, borderColor: BLACK, borderWidth: 0.6, color: c.shade ? SHADE : undefined });
      const top = this.y - (height - parts[i].length * lh) / 2;
      drawLines(this.page, parts[i], { x: x + pad, top, width: c.width - 2 * pad, align: c.align }, { font: c.bold ? this.kit.boldFont : this.kit.font, size, leading: lh / size });
      x += c.width;
    });
    this.y -= height;
  }

  /** A table whose header row repeats on every page it runs onto. `weights` share out the width. */
  table(columns: { title: string; weight: number; align?: Align }[], rows: string[][], opts: { size?: number; emptyRows?: number } = {}): void {
    const total = columns.reduce((s, c) => s + c.weight, 0);
    const widths = columns.map((c) => (this.width * c.weight) / total);
    const header = () => this.row(columns.map((c, i) => ({ text: c.title, width: widths[i], align: "center" as const, bold: true, shade: true })), { size: opts.size });
    const body = rows.length > 0 ? rows : Array.from({ length: opts.emptyRows ?? 0 }, () => columns.map(() => ""));
    this.keep(2 * (opts.size ?? 10.5) * 1.45 + 16 + 20);
    header();
    this.continuation = header;
    try {
      for (const r of body) this.row(r.map((text, i) => ({ text, width: widths[i], align: columns[i].align })), { size: opts.size, minHeight: 22 });
    } finally {
      this.continuation = null;
    }
  }
}

/** 第 N 页 共 M 页 at the foot of every page, drawn once the page count is known. */
export function stampPageNumbers(kit: PdfKit, size = 9): void {
  const pages = kit.doc.getPages();
  pages.forEach((page, i) => {
    const { width } = page.getSize();
    drawLines(page, [`第 ${i + 1} 页 共 ${pages.length} 页`], { x: 0, top: 40, width, align: "center" }, { font: kit.font, size, color: GRAY });
  });
}

// ---- formats for print ----

/** 2026-12-14 (or an ISO timestamp, taken in Asia/Shanghai) → 2026年12月14日. Empty for empty input. */
export function chineseDate(isoOrDate: string | null | undefined): string {
  if (!isoOrDate || Number.isNaN(Date.parse(isoOrDate))) return "";
  const day = isoOrDate.includes("T") ? new Date(Date.parse(isoOrDate) + 8 * 3600_000).toISOString().slice(0, 10) : isoOrDate.slice(0, 10);
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[1]}年${Number(m[2])}月${Number(m[3])}日` : "";
}

/** Integer fen → ¥1,200.00. Empty for a missing amount. */
export function formatFen(fen: number | null | undefined): string {
  if (fen === null || fen === undefined || !Number.isFinite(fen)) return "";
  const abs = Math.abs(Math.round(fen));
  const yuan = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${fen < 0 ? "-" : ""}¥${yuan}.${String(abs % 100).padStart(2, "0")}`;
}

// ---- what a finished PDF carries (for tests and checks): pages, font programs, images, text ----

export interface PdfContents {
  pageCount: number;
  fontPrograms: number;
  images: number;
  title: string | undefined;
  /** each page's text, one line per drawn string, read back through the fonts' ToUnicode maps */
  pages: string[];
}

export async function inspectPdf(bytes: Uint8Array): Promise<PdfContents> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  let fontPrograms = 0;
  let images = 0;
  for (const [, obj] of doc.context.enumerateIndirectObjects()) {
    const dict = obj instanceof PDFRawStream ? obj.dict : obj instanceof PDFDict ? obj : null;
    if (dict && ["FontFile", "FontFile2", "FontFile3"].some((k) => dict.has(PDFName.of(k)))) fontPrograms++;
    if (dict?.get(PDFName.of("Subtype")) === PDFName.of("Image")) images++;
  }
  return { pageCount: doc.getPageCount(), fontPrograms, images, title: doc.getTitle(), pages: doc.getPages().map(pageText) };
}

const decoded = (obj: unknown) => (obj instanceof PDFRawStream ? Buffer.from(decodePDFRawStream(obj).decode()).toString("latin1") : "");

function pageText(page: PDFPage): string {
  const toUnicode = new Map<string, Map<string, string>>();
  for (const [name, ref] of page.node.Resources()?.lookupMaybe(PDFName.of("Font"), PDFDict)?.entries() ?? []) {
    const cmap = decoded(page.doc.context.lookup(ref, PDFDict).lookup(PDFName.of("ToUnicode")));
    const pairs = [...cmap.matchAll(/<([0-9a-f]{4})> <([0-9a-f]+)>/gi)];
    toUnicode.set(name.asString(), new Map(pairs.map(([, gid, hex]) => [gid.toLowerCase(), String.fromCharCode(...hex.match(/.{4}/g)!.map((h) => parseInt(h, 16)))])));
  }
  const contents = page.node.Contents();
  const streams = contents instanceof PDFArray ? contents.asArray().map((ref) => page.doc.context.lookup(ref)) : [contents];
  const lines: string[] = [];
  let font: Map<string, string> | undefined;
  for (const op of streams.map(decoded).join("\n").matchAll(/(\/[^\s/]+) [\d.]+ Tf|<([0-9a-fA-F]*)> Tj/g)) {
    if (op[1]) font = toUnicode.get(op[1]);
    else lines.push((op[2].match(/.{4}/g) ?? []).map((gid) => font?.get(gid.toLowerCase()) ?? "\ufffd").join(""));
  }
  return lines.join("\n");
}
