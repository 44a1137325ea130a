// Checksums of Chinese identifiers: the unified social credit code (GB 32100-2015) and the
// resident ID number (GB 11643-1999, ISO 7064 MOD 11-2). Shared so forms can warn before submit.
import { DIVISION_CODES } from "./division-codes.js";

const CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"; // no I, O, S, V, Z
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_ALPHABET.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * CREDIT_WEIGHTS[i];
  }
  return CREDIT_ALPHABET[(31 - (sum % 31)) % 31];
}

/** Shape: 18 characters of the GB 32100 alphabet. */
export function hasCreditCodeShape(code: string): boolean {
  return /^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code);
}

export function isValidCreditCode(code: string): boolean {
  if (!hasCreditCodeShape(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

export function idNumberCheckChar(first17: string): string | null {
  if (!/^\d{17}$/.test(first17)) return null;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

/** Today's date in Asia/Shanghai, YYYY-MM-DD (China has no daylight saving time). */
const shanghaiToday = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

let knownDivisions: Set<string> | undefined;

/**
 * Whether a six-digit code is a GB/T 2260 administrative division, current or since 2002, so people
 * registered in a county since merged or renamed keep a valid number (division-codes.ts says where from).
 */
export function isKnownDivisionCode(code: string): boolean {
  knownDivisions ??= new Set(Object.entries(DIVISION_CODES).flatMap(([prefix, suffixes]) => suffixes.split(" ").map((s) => prefix + s)));
  return knownDivisions.has(code);
}

export type IdNumberProblem = "shape" | "region" | "birthDate" | "futureBirthDate" | "checksum";

/**
 * What is wrong with a resident ID number, or null: 18 characters, a known division code (GB/T 2260),
 * a real birth date from 1900 that is not after `today` (YYYY-MM-DD, Asia/Shanghai) and the check character.
 */
export function idNumberProblem(id: string, today: string = shanghaiToday()): IdNumberProblem | null {
  const s = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return "shape";
  if (!isKnownDivisionCode(s.slice(0, 6))) return "region";
  const birth = s.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return "birthDate";
  if (`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}` > today) return "futureBirthDate";
  return idNumberCheckChar(s.slice(0, 17)) === s[17] ? null : "checksum";
}

/** `today` defaults to the machine's date in Asia/Shanghai; the server passes its clock's. */
export function isValidIdNumber(id: string, today?: string): boolean {
  return idNumberProblem(id, today) === null;
}

/** Personal data is shown masked: 3707**********123X. */
export function maskIdNumber(id: string): string {
  if (id.length < 8) return "*".repeat(id.length);
  return id.slice(0, 4) + "*".repeat(id.length - 8) + id.slice(-4);
}

/** 13806310002 → 138****0002; a short number (a landline without its area code) keeps only its last 2. */
export function maskPhone(phone: string): string {
  // 3 + 4 shown would leave a 7- or 8-character number (nearly) whole.
  if (phone.length <= 8) return phone.replace(/.(?=.{2})/g, "*");
  return phone.slice(0, 3) + "*".repeat(phone.length - 7) + phone.slice(-4);
}
