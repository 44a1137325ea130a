// A person's ID number at rest: sealed (AES-256-GCM), found by a keyed hash, listed masked. Only the
// person and the bureau ever see it whole (DESIGN.md "API conventions"; 个人信息保护法 第五十一条).
import { maskIdNumber } from "../../../shared/identifiers.js";
import type { Platform } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
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

/** Databases from before 004 hold ID numbers in plaintext: seal them at start-up and empty the column. */
export async function sealLegacyIdNumbers(p: Platform): Promise<number> {
  const rows = await p.db.selectFrom("users").select(["id", "idNumber"]).where("idNumber", "is not", null).execute();
  if (rows.length === 0) return 0;
  await p.db.transaction().execute(async (trx) => {
    for (const r of rows) {
      await trx.updateTable("users").set({ ...sealIdNumber(p.secrets, r.idNumber!), idNumber: null }).where("id", "=", r.id).execute();
    }
  });
  return rows.length;
}
