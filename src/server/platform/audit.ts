// The append-only audit log: every state change and every sign-in, each entry hash-chained to the
// one before (sha256 over the previous hash and the entry's canonical JSON), so any later edit or
// deletion breaks the chain at a findable place.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import { lockForChainAppend, preparedQuery, preparedRows, type Tx } from "./db.js";
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

function fieldsOf(seq: number, ctx: Ctx, input: AuditInput): ChainedFields {
  return {
    seq,
    at: ctx.clock.nowIso(),
    actorId: input.actorId !== undefined ? input.actorId : (ctx.actor?.id ?? null),
    actorName: input.actorName !== undefined ? input.actorName : (ctx.actor?.username ?? null),
    action: input.action,
    resourceType: input.resourceType,
    resourceId: input.resourceId ?? null,
    detail: canonical(input.detail ?? {}),
    ip: ctx.ip,
  };
}

/**
 * Takes the audit chain's lock now rather than at the first append: a transaction that reads, decides
 * and then writes (the daily hours limit) is serialized with every other writer, in the one lock order
 * all of them share, so no new lock can deadlock against it.
 */
export async function serializeWithAudit(trx: Tx, ctx: Ctx): Promise<void> {
  await lockForChainAppend(trx, ctx.dialect, AUDIT_CHAIN_LOCK);
}

export async function appendAudit(trx: Tx, ctx: Ctx, input: AuditInput): Promise<number> {
  return (await appendAuditBatch(trx, [{ ctx, input }]))[0];
}

/**
 * Appends several entries in order, each with its own actor and address, reading the chain head once
 * and writing them in one statement (the check-in path records a whole room's arrivals per commit).
 */
export async function appendAuditBatch(trx: Tx, entries: ReadonlyArray<{ ctx: Ctx; input: AuditInput }>): Promise<number[]> {
  if (entries.length === 0) return [];
  await lockForChainAppend(trx, entries[0].ctx.dialect, AUDIT_CHAIN_LOCK);
  const [last] = await chainHead(trx, {});
  let seq = Number(last?.seq ?? 0);
  let prevHash = last?.hash ?? GENESIS;
  const rows = entries.map(({ ctx, input }) => {
    const fields = fieldsOf(++seq, ctx, input);
    const hash = entryHash(prevHash, fields);
    const row = { ...fields, prevHash, hash };
    prevHash = hash;
    return row;
  });
  // In slices: one INSERT of a whole large course's entries would pass the databases' limits on bound
  // parameters (11 a row). The chain stays one: the head was read once, under the lock.
  for (let i = 0; i < rows.length; i += AUDIT_SLICE) await insertEntries(trx, rows.slice(i, i + AUDIT_SLICE));
  return rows.map((r) => r.seq);
}

/** Entries per INSERT. */
const AUDIT_SLICE = 1000;

const chainHead = preparedQuery([], (db) => db.selectFrom("auditEvents").select(["seq", "hash"]).orderBy("seq", "desc").limit(1));

const ENTRY_COLUMNS = ["seq", "at", "actorId", "actorName", "action", "resourceType", "resourceId", "detail", "ip", "prevHash", "hash"] as const;
const insertEntries = preparedRows<ChainedFields & { prevHash: string; hash: string }, never>(ENTRY_COLUMNS, (db, rows) => db.insertInto("auditEvents").values(rows));

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
