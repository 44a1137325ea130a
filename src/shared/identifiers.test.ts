// GB 32100 unified social credit codes and GB 11643 resident ID numbers (DESIGN.md "API conventions").
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import {
  creditCodeCheckChar,
  hasCreditCodeShape,
  idNumberCheckChar,
  idNumberProblem,
  isKnownDivisionCode,
  isValidCreditCode,
  isValidIdNumber,
  maskIdNumber,
  maskPhone,
} from "./identifiers.js";

/** A synthetic ID number: region 371002 (环翠区), a birth date, a 3-digit serial and its check character. */
function idNumber(birth: string, serial = "123", region = "371002"): string {
  const first17 = `${region}${birth}${serial}`;
  return first17 + idNumberCheckChar(first17)!;
}

/** The same 17 characters with every other check character. */
function wrongCheckChars(valid: string, alphabet: string): string[] {
  return [...alphabet].filter((c) => c !== valid[valid.length - 1]).map((c) => valid.slice(0, -1) + c);
}

describe("unified social credit codes (GB 32100)", () => {
  it.each(["91110000802100433B", "914403001922038216", "91350100M000100Y43", "91370000163446410B"])(
    "accepts the published credit code %s",
    (code) => {
      expect(isValidCreditCode(code)).toBe(true);
      expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
    },
  );

  it("computes the check character of a code whose checksum works out to 0", () => {
    // Find 17 characters whose weighted sum is a multiple of 31: the check character must be "0", not "".
    const base = "9137100200000000";
    const alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    const last = [...alphabet].find((c) => creditCodeCheckChar(base + c) === "0");
    expect(last).toBeDefined();
    expect(isValidCreditCode(`${base}${last}0`)).toBe(true);
  });

  it("refuses a credit code whose check character is wrong", () => {
    const wrong = wrongCheckChars("91110000802100433B", "0123456789ABCDEFGHJKLMNPQRTUWXY");
    expect(wrong).toHaveLength(30);
    for (const code of wrong) expect(isValidCreditCode(code), code).toBe(false);
  });

  it("refuses a credit code with two characters swapped", () => {
    expect(isValidCreditCode("91110000801200433B")).toBe(false);
  });

  it.each(["I", "O", "S", "V", "Z"])("refuses a credit code containing the letter %s", (letter) => {
    const code = `9111000080210043${letter}B`;
    expect(hasCreditCodeShape(code)).toBe(false);
    expect(isValidCreditCode(code)).toBe(false);
    expect(creditCodeCheckChar(code.slice(0, 17))).toBeNull();
  });

  it("refuses a credit code in lower case", () => {
    expect(isValidCreditCode("91350100m000100y43")).toBe(false);
  });

  it.each([
    ["17 characters", "91110000802100433"],
    ["19 characters", "91110000802100433B0"],
    ["empty", ""],
    ["with a space", "91110000802100433 B"],
  ])("refuses a credit code of the wrong length (%s)", (_label, code) => {
    expect(isValidCreditCode(code)).toBe(false);
  });
});

describe("resident ID numbers (GB 11643)", () => {
  it("accepts the standard's own example 11010519491231002X", () => {
    expect(isValidIdNumber("11010519491231002X")).toBe(true);
  });

  it("accepts synthetic ID numbers built with their check character", () => {
    const ids = [idNumber("19880512"), idNumber("19920303", "246"), idNumber("20000229", "001"), idNumber("19000101", "999")];
    for (const id of ids) {
      expect(id).toMatch(/^\d{17}[\dX]$/);
      expect(isValidIdNumber(id), id).toBe(true);
    }
  });

  it("accepts a lower-case x as the check character", () => {
    expect(isValidIdNumber("11010519491231002x")).toBe(true);
  });

  it("refuses an ID number whose check character is wrong", () => {
    const valid = idNumber("19880512");
    const wrong = wrongCheckChars(valid, "0123456789X");
    expect(wrong).toHaveLength(10);
    for (const id of wrong) expect(isValidIdNumber(id), id).toBe(false);
  });

  it.each([
    ["30 February", "19990230"],
    ["29 February of a common year", "19990229"],
    ["29 February 1900 (not a leap year)", "19000229"],
    ["month 13", "19991301"],
    ["month 00", "19990001"],
    ["day 00", "19990100"],
    ["31 April", "19990431"],
    ["a year before 1900", "18991231"],
  ])("refuses an ID number born on an impossible date (%s)", (_label, birth) => {
    // The check character is right: only the birth date is wrong.
    const id = idNumber(birth);
    expect(idNumberCheckChar(id.slice(0, 17))).toBe(id[17]);
    expect(isValidIdNumber(id)).toBe(false);
  });

  it("accepts 29 February of a leap year", () => {
    expect(isValidIdNumber(idNumber("19960229"))).toBe(true);
  });

  it.each([
    ["17 characters", "11010519491231002"],
    ["19 characters", "11010519491231002X0"],
    ["X in the middle", "1101051949123100X2"],
    ["the old 15-digit form", "110105491231002"],
  ])("refuses an ID number of the wrong shape (%s)", (_label, id) => {
    expect(isValidIdNumber(id)).toBe(false);
  });

  it("gives no check character for input that is not 17 digits", () => {
    expect(idNumberCheckChar("1101051949123100")).toBeNull();
    expect(idNumberCheckChar("1101051949123100A")).toBeNull();
  });
});

describe("resident ID numbers: birth date not after today", () => {
  it("refuses a birth date after today, and says so", () => {
    const id = idNumber("20270101");
    expect(idNumberProblem(id, "2026-12-31")).toBe("futureBirthDate");
    expect(isValidIdNumber(id, "2026-12-31")).toBe(false);
  });

  it("accepts a person born today", () => {
    expect(isValidIdNumber(idNumber("20261231"), "2026-12-31")).toBe(true);
  });

  it("takes today from the machine's clock, in Asia/Shanghai, when none is given", () => {
    const shanghai = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "");
    expect(isValidIdNumber(idNumber(shanghai(1)))).toBe(false);
    expect(isValidIdNumber(idNumber(shanghai(0)))).toBe(true);
  });
});

describe("resident ID numbers: administrative-division code (GB/T 2260)", () => {
  it.each([
    ["371002", "环翠区, the demo's"],
    ["371003", "文登区 (since 2014)"],
    ["371082", "荣成市"],
    ["371083", "乳山市"],
    ["370202", "青岛市市南区"],
    ["370602", "烟台市芝罘区"],
    ["110105", "北京市朝阳区"],
    ["371081", "文登市, merged into 文登区 in 2014"],
    ["370114", "济南市章丘区 (since 2016)"],
    ["370116", "济南市莱芜区 (since 2019)"],
    ["810000", "a Hong Kong resident's residence permit"],
    ["830000", "a Taiwan resident's residence permit"],
  ])("accepts the code %s (%s)", (region) => {
    expect(isKnownDivisionCode(region)).toBe(true);
    expect(isValidIdNumber(idNumber("19880512", "123", region))).toBe(true);
  });

  it.each([
    ["000000", "no province 00"],
    ["990101", "no province 99"],
    ["371099", "no county 99 in 威海市"],
    ["379901", "no prefecture 99 in 山东省"],
    ["123456", "a made-up code"],
  ])("refuses the code %s (%s) even with the right check character", (region) => {
    const id = idNumber("19880512", "123", region);
    expect(idNumberCheckChar(id.slice(0, 17))).toBe(id[17]);
    expect(idNumberProblem(id)).toBe("region");
    expect(isValidIdNumber(id)).toBe(false);
  });

  it("is generated from the installed division-code packages (run scripts/division-codes.mjs after upgrading them)", async () => {
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
    const script: { OUTPUT: string; divisionCodesFromPackages(): string[]; renderModule(codes: string[]): string } = await import(
      pathToFileURL(path.join(root, "scripts/division-codes.mjs")).href
    );
    expect(fs.readFileSync(script.OUTPUT, "utf8")).toBe(script.renderModule(script.divisionCodesFromPackages()));
  });
});

describe("masking personal data", () => {
  it("shows only the first 4 and last 4 characters of an ID number", () => {
    expect(maskIdNumber("11010519491231002X")).toBe("1101**********002X");
    expect(maskIdNumber("11010519491231002X")).toHaveLength(18);
  });

  it("hides a too-short value entirely", () => {
    expect(maskIdNumber("1234567")).toBe("*******");
  });

  it("shows only the first 3 and last 4 digits of a mobile number, and only the last 2 of a landline", () => {
    expect(maskPhone("13806310002")).toBe("138****0002");
    // a local landline: never shown nearly whole
    expect(maskPhone("5201234")).toBe("*****34");
    expect(maskPhone("52012345")).toBe("******45");
  });
});
