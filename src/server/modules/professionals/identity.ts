// A person's ID number and phone at rest: sealed (AES-256-GCM), the ID number found by a keyed hash,
// both listed masked. Only the person and the bureau ever see them whole (DESIGN.md "API conventions";
// 个人信息保护法 第五十一条; issue 10 item 7: phone numbers sealed like ID numbers).
import { maskIdNumber, maskPhone } from "../../../shared/identifiers.js";
import type { Tx } from "../../platform/db.js";
import type { LegacyColumn } from "../../platform/legacy-sealing.js";
import type { Secrets } from "../../platform/secrets.js";

export interface SealedIdNumber {
  idNumberEnc: string;
  idNumberHash: string;
  idNumberMasked: string;
}

/** Upper-cased (the check character X) before sealing, so one person has one hash. */
export const normalizeIdNumber = (idNumber: string) => idNumber.trim().toUpperCase();

export function sealIdNumber(secrets: Secrets, idNumber: string): SealedIdNumber {
  const id = normalizeIdNumber(idNumber);
  return { idNumberEnc: secrets.encrypt(id), idNumberHash: secrets.lookupHash(id), idNumberMasked: maskIdNumber(id) };
}

export const NO_ID_NUMBER = { idNumberEnc: null, idNumberHash: null, idNumberMasked: null } as const;

export const idNumberHashOf = (secrets: Secrets, idNumber: string) => secrets.lookupHash(normalizeIdNumber(idNumber));

/** The user holding this ID number, if any. */
export async function userIdByIdNumber(trx: Tx, secrets: Secrets, idNumber: string): Promise<string | undefined> {
  const row = await trx.selectFrom("users").select("id").where("idNumberHash", "=", idNumberHashOf(secrets, idNumber)).executeTakeFirst();
  return row?.id;
}

/** The whole number, for the person and the bureau only. */
export function revealIdNumber(secrets: Secrets, idNumberEnc: string | null): string | null {
  return idNumberEnc ? secrets.decrypt(idNumberEnc) : null;
}

/** Databases from before 004 hold ID numbers in plaintext: start-up seals them and empties the column. */
export const LEGACY_ID_NUMBERS: LegacyColumn = {
  table: "users",
  read: ["idNumber"],
  isLegacy: (eb) => eb("idNumber", "is not", null),
  seal: (secrets, r) => ({ ...sealIdNumber(secrets, r.idNumber), idNumber: null }),
};

// ---------------------------------------------------------------------------------------------
// Phone numbers (issue 10 item 7): the same seal as the ID number, a masked copy for lists; the
// plaintext column (001) stays empty. No lookup hash: nothing finds a person by phone.

export interface SealedPhone {
  phone: null;
  phoneEnc: string | null;
  phoneMasked: string | null;
}

export const NO_PHONE: SealedPhone = { phone: null, phoneEnc: null, phoneMasked: null };

export function sealPhone(secrets: Secrets, phone: string | null | undefined): SealedPhone {
  const p = phone?.trim();
  return p ? { phone: null, phoneEnc: secrets.encrypt(p), phoneMasked: maskPhone(p) } : NO_PHONE;
}

/** The whole phone, where the ID number would be shown whole. */
export function revealPhone(secrets: Secrets, phoneEnc: string | null): string | null {
  return phoneEnc ? secrets.decrypt(phoneEnc) : null;
}

/** Databases from before 009 hold phones in plaintext: start-up seals them and empties the column. */
export const LEGACY_PHONES: LegacyColumn = {
  table: "users",
  read: ["phone"],
  isLegacy: (eb) => eb("phone", "is not", null),
  seal: (secrets, r) => sealPhone(secrets, r.phone),
};
