// Checksums of Chinese identifiers: the unified social credit code (GB 32100-2015) and the
// resident ID number (GB 11643-1999, ISO 7064 MOD 11-2). Shared so forms can warn before submit.

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

export function isValidIdNumber(id: string): boolean {
  const s = id.toUpperCase();
  if (!/^\d{17}[\dX]$/.test(s)) return false;
  const birth = s.slice(6, 14);
  const y = Number(birth.slice(0, 4));
  const m = Number(birth.slice(4, 6));
  const d = Number(birth.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (y < 1900 || date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return false;
  return idNumberCheckChar(s.slice(0, 17)) === s[17];
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
