// Claim codes (issue 10 item 2): a record a base registered is claimed only with proof handed to the
// person — a one-time code the enrolling base (or the bureau, after checking identity in person) gives
// them. One code per unclaimed account at a time, kept as a keyed hash, expiring, used once.
import { randomInt } from "node:crypto";
import type { ClaimCodeView } from "../../../shared/delivery.js";
import { appendAudit } from "../../platform/audit.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import type { Secrets } from "../../platform/secrets.js";
import { readableProfessionals } from "./directory.js";
import { UNCLAIMED_PASSWORD } from "./profiles.js";

/** No 0/O, 1/I/L: read aloud or copied from paper without doubt. 31^8 ≈ 8.5·10^11 codes. */
export const CLAIM_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
export const CLAIM_CODE_LENGTH = 8;
const MAC_PURPOSE = "claim-code";

/** What the person typed, as stored: upper case, without spaces or dashes. */
export const normalizeClaimCode = (code: string) => code.toUpperCase().replace(/[^0-9A-Z]/g, "");

/** ABCD-EFGH, as printed. */
const grouped = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

// The account id is part of the hashed text, so one code proves nothing about another record.
const codeHashOf = (secrets: Secrets, userId: string, code: string) => secrets.mac(MAC_PURPOSE, `${userId}:${normalizeClaimCode(code)}`);

/** A new code for an unclaimed account, voiding the one before; audited, never logged. */
export async function issueClaimCode(trx: Tx, ctx: Ctx, userId: string): Promise<ClaimCodeView> {
  const code = Array.from({ length: CLAIM_CODE_LENGTH }, () => CLAIM_CODE_ALPHABET[randomInt(CLAIM_CODE_ALPHABET.length)]).join("");
  const now = ctx.clock.now();
  const expiresAt = new Date(now.getTime() + ctx.config.claimCodeDays * 86_400_000).toISOString();
  const row = { codeHash: codeHashOf(ctx.secrets, userId, code), expiresAt, issuedBy: ctx.actor?.id ?? null, issuedAt: now.toISOString() };
  await trx
    .insertInto("claimCodes")
    .values({ userId, ...row })
    .onConflict((oc) => oc.column("userId").doUpdateSet(row))
    .execute();
  await appendAudit(trx, ctx, { action: "professional.claimCodeIssued", resourceType: "professional", resourceId: userId, detail: { expiresAt } });
  return { code: grouped(code), expiresAt };
}

/**
 * Uses the account's code if `code` is it and it has not expired: true once, false for a wrong,
 * expired or used code alike. The delete is the single use: of two claims at once, one deletes it.
 */
export async function consumeClaimCode(trx: Tx, ctx: Ctx, userId: string, code: string | undefined): Promise<boolean> {
  if (!code || normalizeClaimCode(code).length !== CLAIM_CODE_LENGTH) return false;
  const stored = await trx.selectFrom("claimCodes").select(["codeHash", "expiresAt"]).where("userId", "=", userId).executeTakeFirst();
  if (!stored || stored.expiresAt <= ctx.clock.nowIso()) return false;
  if (!ctx.secrets.macEquals(MAC_PURPOSE, `${userId}:${normalizeClaimCode(code)}`, stored.codeHash)) return false;
  const used = await trx.deleteFrom("claimCodes").where("userId", "=", userId).where("codeHash", "=", stored.codeHash).executeTakeFirst();
  return Number(used.numDeletedRows) === 1;
}

/**
 * Staff issue a new code from the person's row (the old one is void): a base for the people enrolled
 * in its courses, the bureau for anyone after checking their identity in person. Out of scope → 404.
 */
export async function reissueClaimCode(ctx: Ctx, professionalId: string): Promise<ClaimCodeView> {
  const scope = readableProfessionals(ctx.actor, "professional.issueClaimCode");
  return inTransaction(ctx, async (trx) => {
    const row = await trx
      .selectFrom("professionals")
      .innerJoin("users", "users.id", "professionals.id")
      .select(["professionals.id", "users.passwordHash"])
      .where("professionals.id", "=", professionalId)
      .where(scope)
      .executeTakeFirst();
    if (!row) throw new DomainError("NOT_FOUND");
    if (row.passwordHash !== UNCLAIMED_PASSWORD) throw new DomainError("PROFESSIONAL_ALREADY_CLAIMED");
    return issueClaimCode(trx, ctx, row.id);
  });
}
