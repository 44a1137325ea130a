import { describe, expect, it } from "vitest";
import { cellText } from "./excel-cells.js";

describe("reading a template cell", () => {
  it("reads a number without exponent and text trimmed", () => {
    expect(cellText(13906310011)).toBe("13906310011");
    expect(cellText("  37100219880512123X ")).toBe("37100219880512123X");
  });
  it("reads rich text, formula results and dates as a person sees them", () => {
    expect(cellText({ richText: [{ text: "周" }, { text: "晓东" }] })).toBe("周晓东");
    expect(cellText({ formula: "A1", result: "威高集团" } as never)).toBe("威高集团");
    expect(cellText(new Date("2026-12-14T00:00:00Z"))).toBe("2026-12-14");
    expect(cellText(new Date("2026-12-14T08:30:00Z"))).toBe("2026-12-14 08:30");
  });
  it("reads an error value (#N/A) as an empty cell rather than as text", () => {
    expect(cellText({ error: "#N/A" } as never)).toBe("");
  });
});
