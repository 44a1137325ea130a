// The append-only audit log: every state change and every sign-in, each entry hash-chained to the
// one before (sha256 over the previous hash and the entry's canonical JSON), so any later edit or
// deletion breaks the chain at a findable place.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { lockForChainAppend, type Tx } from "./db.js";
import type { Ctx } from "./context.js";

const GENESIS = "0".repeat(64);
const AUDIT_CHAIN_LOCK = 0x0ce0a0d1;

export interface AuditInput {
  action: string;
  resourceType: string;
  resourceId?: string | null;
  /** Never personal data: callers pass ids and masked values only. */
  detail?: Record<string, unknown>;
  /** Overrides the actor (e.g. a failed sign-in names the username tried). */
  actorName?: string | null;
  actorId?: string | null;
}

interface ChainedFields {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  resourceType: string;
  resourceId: string | null;
  detail: string;
  ip: string | null;
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function entryHash(prevHash: string, e: ChainedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonical(e)).digest("hex");
}

export async function appendAudit(trx: Tx, ctx: Ctx, input: AuditInput): Promise<number> {
  await lockForChainAppend(trx, ctx.dialect, AUDIT_CHAIN_LOCK);
  const last = await trx.selectFrom("auditEvents").select(["seq", "hash"]).orderBy("seq", "desc").limit(1).executeTakeFirst();
  const fields: ChainedFields = {
    seq: (last?.seq ?? 0) + 1,
    at: ctx.clock.nowIso(),
    actorId: input.actorId !== undefined ? input.actorId : (ctx.actor?.id ?? null),
    actorName: input.actorName !== undefined ? input.actorName : (ctx.actor?.username ?? null),
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    detail: canonical(input.detail ?? {}),
    ip: ctx.ip,
  };
  const prevHash = last?.hash ?? GENESIS;
  await trx.insertInto("auditEvents").values({ ...fields, prevHash, hash: entryHash(prevHash, fields) }).execute();
  return fields.seq;
}

export interface ChainVerdict {
  intact: boolean;
  checked: number;
  firstBrokenSeq: number | null;
}

/** Walks the whole chain in seq order; a gap, an edited field or a re-linked entry breaks it. */
export async function verifyAuditChain(db: Kysely<Database>, batch = 1000): Promise<ChainVerdict> {
  let prevHash = GENESIS;
  let expectedSeq = 1;
  let checked = 0;
  for (;;) {
    const rows = await db
      .selectFrom("auditEvents")
      .selectAll()
      .where("seq", ">=", expectedSeq)
      .orderBy("seq")
      .limit(batch)
      .execute();
    if (rows.length === 0) return { intact: true, checked, firstBrokenSeq: null };
    for (const r of rows) {
      const { prevHash: storedPrev, hash, ...fields } = r;
      const seq = Number(fields.seq);
      if (seq !== expectedSeq || storedPrev !== prevHash || entryHash(prevHash, { ...fields, seq }) !== hash) {
        return { intact: false, checked, firstBrokenSeq: seq !== expectedSeq ? expectedSeq : seq };
      }
      prevHash = hash;
      expectedSeq++;
      checked++;
    }
  }
}
