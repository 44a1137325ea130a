// Password hashing (scrypt) and the 等保 level-3 password policy.
import { describe, expect, it } from "vitest";
import { dummyHash, hashPassword, isCommonPassword, isStrongPassword, passwordProblem, verifyPassword } from "./passwords.js";

const N = 1024; // the same algorithm at a test cost

describe("password hashing", () => {
  it("signs in with the password that was set", async () => {
    const stored = await hashPassword("Weihai#2026", N);
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(stored).not.toContain("Weihai#2026");
    expect(await verifyPassword("Weihai#2026", stored)).toBe(true);
  });

  it("refuses a wrong password", async () => {
    const stored = await hashPassword("Weihai#2026", N);
    expect(await verifyPassword("Weihai#2027", stored)).toBe(false);
    expect(await verifyPassword("weihai#2026", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("salts each hash differently, so equal passwords do not show", async () => {
    const a = await hashPassword("Weihai#2026", N);
    const b = await hashPassword("Weihai#2026", N);
    expect(a).not.toBe(b);
    expect(a.split("$")[4]).not.toBe(b.split("$")[4]);
    expect(await verifyPassword("Weihai#2026", a)).toBe(true);
    expect(await verifyPassword("Weihai#2026", b)).toBe(true);
  });

  it("keeps verifying a hash made at another cost", async () => {
    const stored = await hashPassword("Weihai#2026", 2048);
    expect(stored.split("$")[1]).toBe("2048");
    expect(await verifyPassword("Weihai#2026", stored)).toBe(true);
  });

  it("treats the full-width and half-width forms of a password alike (NFKC)", async () => {
    const stored = await hashPassword("Weihai#2026", N);
    expect(await verifyPassword("Ｗｅｉｈａｉ＃２０２６", stored)).toBe(true);
  });

  it("refuses everything against a stored value that is not a scrypt hash", async () => {
    expect(await verifyPassword("Weihai#2026", "Weihai#2026")).toBe(false);
    expect(await verifyPassword("Weihai#2026", "bcrypt$10$abc$def")).toBe(false);
  });

  it("refuses every password against the dummy hash used for unknown usernames, at the real cost", async () => {
    const dummy = await dummyHash(1024);
    expect(dummy.startsWith("scrypt$1024$")).toBe(true);
    expect(await verifyPassword("Weihai#2026", dummy)).toBe(false);
    expect(await verifyPassword("", dummy)).toBe(false);
    expect(await dummyHash(1024)).toBe(dummy);
  });
});

describe("password policy", () => {
  it("accepts 10 characters from three classes", () => {
    expect(isStrongPassword("Abcdef1234", "zhang")).toBe(true); // upper, lower, digit
    expect(isStrongPassword("abcdef12!x", "zhang")).toBe(true); // lower, digit, symbol
    expect(isStrongPassword("ABCDEf!@gh", "zhang")).toBe(true); // upper, lower, symbol
    expect(isStrongPassword("ABCDE1!@FG", "zhang")).toBe(true); // upper, digit, symbol
  });

  it("refuses a password shorter than 10 characters", () => {
    expect(isStrongPassword("Abcdef12!", "zhang")).toBe(false);
    expect(isStrongPassword("", "zhang")).toBe(false);
  });

  it("refuses a password on the common-password list, whatever its case", () => {
    expect(passwordProblem("Password123", "zhang")).toBe("common");
    expect(passwordProblem("1Q2W3E4R5t", "zhang")).toBe("common");
    expect(isCommonPassword("Harbor#Light1")).toBe(false);
  });

  it("refuses a password longer than 128 characters", () => {
    expect(isStrongPassword(`Aa1!${"x".repeat(125)}`, "zhang")).toBe(false);
    expect(isStrongPassword(`Aa1!${"x".repeat(124)}`, "zhang")).toBe(true);
  });

  it("refuses a password from only two character classes", () => {
    expect(isStrongPassword("abcdefgh12", "zhang")).toBe(false); // lower, digit
    expect(isStrongPassword("ABCDEFGHij", "zhang")).toBe(false); // upper, lower
    expect(isStrongPassword("12345678!@", "zhang")).toBe(false); // digit, symbol
    expect(isStrongPassword("abcdefgh", "zhang")).toBe(false); // lower only
  });

  it("refuses a password containing the username, whatever its case", () => {
    expect(isStrongPassword("Zhang#2026", "zhang")).toBe(false);
    expect(isStrongPassword("xxZHANGxx1", "zhang")).toBe(false);
    expect(isStrongPassword("a1!Zhang#xy", "ZhAnG")).toBe(false);
    expect(isStrongPassword("Wang#2026x", "zhang")).toBe(true);
  });

  it("counts Chinese characters as symbols", () => {
    expect(isStrongPassword("威海abcd1234", "zhang")).toBe(true);
  });
});
