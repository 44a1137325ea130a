import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { chineseDate, createDocument, formatFen, inspectPdf, missingGlyphs, PageFlow, qrPng, stampPageNumbers, wrapText } from "./pdf.js";

describe("PDF documents with the Chinese font", () => {
  it("embeds a subset of Noto Sans SC, not the whole 8 MB font, and the text reads back", async () => {
    const kit = await createDocument({ title: "测试文档" });
    new PageFlow(kit).text("威海市人力资源和社会保障局继续教育基地匾牌〔2026〕12号", { font: kit.font, size: 14 });
    const bytes = await kit.doc.save();
    expect(bytes.length).toBeLessThan(200_000);
    expect((await PDFDocument.load(bytes)).getPageCount()).toBe(1);
    const pdf = await inspectPdf(bytes);
    expect(pdf.fontPrograms).toBeGreaterThanOrEqual(1);
    expect(pdf.title).toBe("测试文档");
    expect(pdf.pages[0]).toContain("威海市人力资源和社会保障局继续教育基地匾牌〔2026〕12号");
  });

  it("has glyphs for the common GB2312 characters of these documents", async () => {
    expect(await missingGlyphs("威海市人力资源和社会保障局继续教育基地匾牌〔〕号¥，。、；：（）《》“”—…")).toEqual([]);
  });

  it("embeds a QR code as a PNG image", async () => {
    const png = await qrPng("https://cebase.example.cn/verify/base-1");
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    const kit = await createDocument();
    kit.doc.addPage().drawImage(await kit.doc.embedPng(png), { x: 50, y: 50, width: 80, height: 80 });
    expect((await inspectPdf(await kit.doc.save())).images).toBe(1);
  });
});

describe("wrapping text", () => {
  it("breaks Chinese between characters to fit the width", async () => {
    const { font } = await createDocument();
    const lines = wrapText("继续教育基地".repeat(10), font, 10, 100);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.join("")).toBe("继续教育基地".repeat(10));
    for (const line of lines) expect(font.widthOfTextAtSize(line, 10)).toBeLessThanOrEqual(100);
  });

  it("keeps an ASCII word whole when it fits on a line", async () => {
    const { font } = await createDocument();
    const lines = wrapText("联系邮箱 jxjy@example.edu.cn 电话 0631-5688888", font, 10, 120);
    expect(lines.some((l) => l.includes("jxjy@example.edu.cn"))).toBe(true);
    expect(lines.some((l) => l.includes("0631-5688888"))).toBe(true);
  });

  it("breaks a word wider than the line by character", async () => {
    const { font } = await createDocument();
    const url = "https://cebase.example.cn/verify/" + "x".repeat(80);
    const lines = wrapText(url, font, 10, 100);
    expect(lines.length).toBeGreaterThan(2);
    expect(lines.join("")).toBe(url);
  });

  it("never starts a line with closing punctuation", async () => {
    const { font } = await createDocument();
    for (let width = 40; width < 200; width += 3) {
      for (const line of wrapText("本单位承诺：以上内容真实、准确、完整，如有不实，愿承担相应责任。", font, 10, width)) {
        expect("，。、；：）》".includes(line[0])).toBe(false);
      }
    }
  });

  it("keeps the writer's line breaks and drops control characters", async () => {
    const { font } = await createDocument();
    expect(wrapText("第一行\r\n第二行\n\n第四\u0007行", font, 10, 500)).toEqual(["第一行", "第二行", "", "第四行"]);
  });
});

describe("flowing over pages", () => {
  it("repeats a table's header on every page it runs onto, and numbers the pages", async () => {
    const kit = await createDocument();
    const flow = new PageFlow(kit);
    const rows = Array.from({ length: 80 }, (_, i) => [String(i + 1), `教师${i + 1}`]);
    flow.table([{ title: "序号", weight: 1 }, { title: "姓名", weight: 3 }], rows);
    stampPageNumbers(kit);
    const pdf = await inspectPdf(await kit.doc.save());
    expect(pdf.pageCount).toBeGreaterThan(1);
    pdf.pages.forEach((text, i) => {
      expect(text.split("\n").slice(0, 2)).toEqual(["序号", "姓名"]);
      expect(text).toContain(`第 ${i + 1} 页 共 ${pdf.pageCount} 页`);
    });
    expect(pdf.pages.join("\n")).toContain("教师80");
  });

  it("splits a row taller than a page without losing any of its text", async () => {
    const kit = await createDocument();
    const flow = new PageFlow(kit);
    const long = Array.from({ length: 500 }, (_, i) => `第${i + 1}段。`).join("");
    flow.row([{ text: "简介", width: 80 }, { text: long, width: flow.width - 80 }]);
    const pdf = await inspectPdf(await kit.doc.save());
    expect(pdf.pageCount).toBeGreaterThan(1);
    expect(pdf.pages.join("\n").replace(/\n|简介/g, "")).toBe(long);
  });
});

describe("print formats", () => {
  it("shows dates as 2026年12月14日, taking timestamps in Asia/Shanghai", () => {
    expect(chineseDate("2026-12-14")).toBe("2026年12月14日");
    expect(chineseDate("2026-01-05")).toBe("2026年1月5日");
    expect(chineseDate("2026-12-13T17:00:00.000Z")).toBe("2026年12月14日");
    expect(chineseDate(null)).toBe("");
    expect(chineseDate("")).toBe("");
  });

  it("shows integer fen as yuan with thousands separators", () => {
    expect(formatFen(120_000)).toBe("¥1,200.00");
    expect(formatFen(5)).toBe("¥0.05");
    expect(formatFen(123_456_789_01)).toBe("¥123,456,789.01");
    expect(formatFen(undefined)).toBe("");
  });
});
