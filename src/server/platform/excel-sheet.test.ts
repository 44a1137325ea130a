import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { beijingCell, displayWidth, finishSheet } from "./excel-sheet.js";
import { contentDisposition } from "./http.js";

describe("a date for a spreadsheet cell", () => {
  it("shows a timestamp at its Beijing wall time, across midnight", () => {
    expect((beijingCell("2026-11-02T15:30:00.000Z", "datetime") as Date).toISOString()).toBe("2026-11-02T23:30:00.000Z");
    expect((beijingCell("2026-11-02T16:30:00.000Z", "datetime") as Date).toISOString()).toBe("2026-11-03T00:30:00.000Z");
  });
  it("takes a timestamp's Beijing day for a date column, and a calendar date as it is", () => {
    expect((beijingCell("2026-11-02T16:30:00.000Z", "date") as Date).toISOString()).toBe("2026-11-03T00:00:00.000Z");
    expect((beijingCell("2026-12-31", "date") as Date).toISOString()).toBe("2026-12-31T00:00:00.000Z");
  });
  it("leaves an empty value empty and text that is no date as text", () => {
    expect(beijingCell(null, "date")).toBeNull();
    expect(beijingCell("", "datetime")).toBeNull();
    expect(beijingCell("长期", "date")).toBe("长期");
  });
});

describe("finishing a sheet", () => {
  it("counts a CJK character as two when fitting a column", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("威海市")).toBe(6);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("s");
    ws.addRow(["名称", "n"]);
    ws.addRow(["威海市环翠区人力资源和社会保障局", 1]);
    finishSheet(ws);
    expect(ws.getColumn(1).width).toBe(34);
    expect(ws.getColumn(2).width).toBe(6);
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    expect(ws.autoFilter).toEqual({ from: { row: 1, column: 1 }, to: { row: 1, column: 2 } });
  });
});

describe("the Content-Disposition of a download", () => {
  it("names the file in ASCII and in UTF-8", () => {
    expect(contentDisposition("报名名单.xlsx")).toBe(`attachment; filename="download.xlsx"; filename*=UTF-8''%E6%8A%A5%E5%90%8D%E5%90%8D%E5%8D%95.xlsx`);
    expect(contentDisposition("学时证明-2026-AB12.pdf", "inline")).toMatch(/^inline; filename="2026-AB12\.pdf"; filename\*=UTF-8''/);
    expect(contentDisposition('a"b\\c.csv')).toMatch(/^attachment; filename="a_b_c\.csv"; /);
  });
});
