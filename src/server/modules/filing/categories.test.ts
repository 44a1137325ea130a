// 第十条: a plan sheet's 项目类别 cell names a category by its Chinese name, a short form or its code,
// and nothing else becomes one.
import { describe, expect, it } from "vitest";
import { categoryFromText } from "./categories.js";

describe("categoryFromText", () => {
  it("reads the full name, a short form and the code", () => {
    expect(categoryFromText("国家级继续教育工程项目")).toBe("national_program");
    expect(categoryFromText(" 高级 研修 ")).toBe("advanced_seminar");
    expect(categoryFromText("academic_exchange")).toBe("academic_exchange");
  });

  it("refuses what is not a category, names of the object prototype included", () => {
    for (const text of ["__proto__", "constructor", "toString", "hasOwnProperty", "", "国家"]) expect(categoryFromText(text)).toBeUndefined();
  });
});
