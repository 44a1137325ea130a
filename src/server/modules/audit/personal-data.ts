// 个人信息保护法 and 等保 2.0 (安全审计): showing someone a whole ID number, or handing over a file that
// lists people, leaves one audit entry saying who did it, to what, how many people and in what form.
// The entry never carries the personal data itself: no names, ID numbers or phones.
import { appendAudit } from "../../platform/audit.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";

export type PersonalDataFormat = "json" | "xlsx" | "pdf" | "zip";

export interface PersonalDataRead {
  action: string;
  resourceType: string;
  resourceId: string | null;
  /** How many different people the answer shows or lists. */
  count: number;
  format: PersonalDataFormat;
}

/** Records the read in its own transaction, or in `trx` when the caller already holds one. */
export async function auditPersonalDataRead(ctx: Ctx, read: PersonalDataRead, trx?: Tx): Promise<void> {
  const input = { action: read.action, resourceType: read.resourceType, resourceId: read.resourceId, detail: { count: read.count, format: read.format } };
  if (trx) await appendAudit(trx, ctx, input);
  else await inTransaction(ctx, (t) => appendAudit(t, ctx, input));
}

/** Whether the actor reads someone else's data (a person reading their own is not audited). */
export const readsSomeoneElse = (ctx: Ctx, professionalId: string): boolean => ctx.actor?.id !== professionalId;
