// RFC 6238 Appendix B test vectors (SHA-1, secret "12345678901234567890", 8 digits) and the rules the
// sign-in depends on: one step of drift either way, never a step already used.
import { describe, expect, it } from "vitest";
import { base32Decode, base32Encode, hotp, matchTotp, otpauthUri, totpAt, totpStep } from "./totp.js";

const RFC_SECRET = base32Encode(Buffer.from("12345678901234567890", "ascii"));

describe("TOTP (RFC 6238)", () => {
  it.each([
    [59, "94287082"],
    [1111111109, "07081804"],
    [1111111111, "14050471"],
    [1234567890, "89005924"],
    [2000000000, "69279037"],
    [20000000000, "65353130"],
  ])("gives the RFC's SHA-1 code at T=%i", (seconds, code) => {
    expect(totpAt(RFC_SECRET, seconds * 1000, 8)).toBe(code);
  });

  it("gives the RFC 4226 Appendix D HOTP values", () => {
    const key = Buffer.from("12345678901234567890", "ascii");
    expect([0, 1, 2, 9].map((c) => hotp(key, c))).toEqual(["755224", "287082", "359152", "520489"]);
  });

  it("round-trips base32 and reads the demo secret", () => {
    expect(base32Decode("JBSWY3DPEHPK3PXP").toString("hex")).toBe("48656c6c6f21deadbeef"); // "Hello!" 0xDEADBEEF
    expect(base32Encode(base32Decode("JBSWY3DPEHPK3PXP"))).toBe("JBSWY3DPEHPK3PXP");
    expect(() => base32Decode("JBSW1")).toThrow();
  });

  it("accepts one step of drift either way, and no more", () => {
    const now = 1_800_000_000_000;
    const step = totpStep(now);
    for (const d of [-1, 0, 1]) expect(matchTotp(RFC_SECRET, totpAt(RFC_SECRET, now + d * 30_000), now, null)).toBe(step + d);
    for (const d of [-2, 2]) expect(matchTotp(RFC_SECRET, totpAt(RFC_SECRET, now + d * 30_000), now, null)).toBeNull();
  });

  it("refuses a code of a step already used, or anything but six digits", () => {
    const now = 1_800_000_000_000;
    const code = totpAt(RFC_SECRET, now);
    expect(matchTotp(RFC_SECRET, code, now, totpStep(now))).toBeNull();
    expect(matchTotp(RFC_SECRET, code, now, totpStep(now) - 1)).toBe(totpStep(now));
    expect(matchTotp(RFC_SECRET, ` ${code}`, now, null)).toBeNull();
    expect(matchTotp(RFC_SECRET, "12345", now, null)).toBeNull();
  });

  it("writes an otpauth URI authenticator apps read", () => {
    expect(otpauthUri("JBSWY3DPEHPK3PXP", "cebase", "bureau")).toBe("otpauth://totp/cebase%3Abureau?secret=JBSWY3DPEHPK3PXP&issuer=cebase&algorithm=SHA1&digits=6&period=30");
  });
});
