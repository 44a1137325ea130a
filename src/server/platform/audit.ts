// The append-only audit log: every state change and every sign-in, each entry chained to the one
// before, so any later edit or deletion breaks the chain at a findable place.
//
// issue 10 item 1: the chain is keyed. Entries from `audit_chain.keyed_from` on are linked by
// HMAC-SHA256 under a key derived from the master secret (never stored in the database), so someone
// with write access to the database cannot recompute it; entries written before migration 007 keep
// their SHA-256 links and stay verifiable as they are. Signed checkpoints (audit-checkpoints.ts) pin
// the head, so a deleted tail is found too; triggers refuse UPDATE and DELETE on the rows.
import { createHash } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../db/schema.js";
import type { AuditKeys } from "./audit-keys.js";
import { checkpointFileOf, checkpointsInDb, isGenuineCheckpoint, readCheckpointFile, type AuditCheckpoint } from "./audit-checkpoints.js";
import { lockForChainAppend, preparedQuery, preparedRows, type Tx } from "./db.js";
import type { Ctx, Platform } from "./context.js";

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

/** The unkeyed link of entries written before the keyed chain began (and what a forger can compute). */
export function entryHash(prevHash: string, e: ChainedFields): string {
  return createHash("sha256").update(prevHash).update("\n").update(canonical(e)).digest("hex");
}

/** The keyed link: HMAC-SHA256 under the audit chain key over the same text. */
export function keyedEntryHash(keys: AuditKeys, prevHash: string, e: ChainedFields): string {
  return keys.chainMac(`${prevHash}\n${canonical(e)}`);
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
  const keys = entries[0].ctx.secrets.audit;
  const [last] = await chainHead(trx, {});
  let seq = Number(last?.seq ?? 0);
  let prevHash = last?.hash ?? GENESIS;
  const rows = entries.map(({ ctx, input }) => {
    const fields = fieldsOf(++seq, ctx, input);
    const hash = keyedEntryHash(keys, prevHash, fields);
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

/** The newest entry's seq and hash, or undefined for an empty log. */
export async function auditChainHead(db: Kysely<Database>): Promise<{ seq: number; hash: string } | undefined> {
  const [head] = await chainHead(db, {});
  return head && { seq: Number(head.seq), hash: head.hash };
}

const chainHead = preparedQuery([], (db) => db.selectFrom("auditEvents").select(["seq", "hash"]).orderBy("seq", "desc").limit(1));

const ENTRY_COLUMNS = ["seq", "at", "actorId", "actorName", "action", "resourceType", "resourceId", "detail", "ip", "prevHash", "hash"] as const;
const insertEntries = preparedRows<ChainedFields & { prevHash: string; hash: string }, never>(ENTRY_COLUMNS, (db, rows) => db.insertInto("auditEvents").values(rows));

/**
 * What a failed check found, at `firstBrokenSeq`:
 * - `edited`: an entry does not match its link (a field, its hash or its link changed), the rest holds;
 * - `missing`: a sequence number is absent from the middle of the chain;
 * - `recomputed`: the links are consistent but not under the key, or a signed checkpoint disagrees
 *   with the chain (the first sequence after the last checkpoint that still agrees);
 * - `truncated`: a signed checkpoint names a sequence beyond the chain's end (the first one gone).
 */
export type ChainProblem = "edited" | "missing" | "recomputed" | "truncated";

export interface ChainVerdict {
  intact: boolean;
  checked: number;
  firstBrokenSeq: number | null;
  problem: ChainProblem | null;
  /** The first sequence of the keyed chain; entries before it are SHA-256 linked. */
  keyedFrom: number;
  /** Whether the keyed links and the checkpoint signatures were checked (false without the master key). */
  keyChecked: boolean;
  /** Genuine checkpoints compared with the chain, from the database, the checkpoint file and any given. */
  checkpoints: number;
}

/** What verification reads: the database, the audit keys (null without the master key), and checkpoint files. */
export interface AuditTrail {
  db: Kysely<Database>;
  keys: AuditKeys | null;
  /** Checkpoint files outside the database: the data directory's, an auditor's saved copy. */
  checkpointFiles: string[];
}

export const auditTrailOf = (p: Pick<Platform, "db" | "secrets" | "config">): AuditTrail => ({
  db: p.db,
  keys: p.secrets.audit,
  checkpointFiles: [checkpointFileOf(p.config.dataDir)],
});

export async function keyedFromOf(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom("auditChain").select("keyedFrom").where("id", "=", 1).executeTakeFirst();
  return Number(row?.keyedFrom ?? 1);
}

type Row = Awaited<ReturnType<typeof rowsFrom>>[number];
const rowsFrom = (db: Kysely<Database>, seq: number, limit: number) =>
  db.selectFrom("auditEvents").selectAll().where("seq", ">=", seq).orderBy("seq").limit(limit).execute();
const fieldsOfRow = ({ prevHash: _p, hash: _h, ...fields }: Row): ChainedFields => ({ ...fields, seq: Number(fields.seq) });

/** The genuine checkpoints by sequence; a forged one (bad signature, foreign key, wrong boundary) is returned apart. */
async function gatherCheckpoints(trail: AuditTrail, keyedFrom: number) {
  const bySeq = new Map<number, AuditCheckpoint[]>();
  let forgedSeq: number | null = null;
  let movedFrom: number | null = null;
  if (!trail.keys) return { bySeq, forgedSeq, movedFrom, count: 0 };
  const all = [...(await checkpointsInDb(trail.db)), ...trail.checkpointFiles.flatMap(readCheckpointFile)];
  let count = 0;
  for (const c of all) {
    if (!isGenuineCheckpoint(trail.keys, c)) {
      forgedSeq = Math.min(forgedSeq ?? c.seq, c.seq);
      continue;
    }
    // A genuine checkpoint names another boundary: the keyed chain's start was moved, to pass keyed
    // entries re-hashed with SHA-256 off as old ones.
    if (c.keyedFrom !== keyedFrom) movedFrom = Math.min(movedFrom ?? Infinity, c.keyedFrom, keyedFrom);
    bySeq.set(c.seq, [...(bySeq.get(c.seq) ?? []), c]);
    count++;
  }
  return { bySeq, forgedSeq, movedFrom, count };
}

/**
 * Walks the whole chain in seq order, in batches, comparing each genuine checkpoint on the way, and
 * names the first problem (see ChainProblem).
 */
export async function verifyAuditChain(source: AuditTrail | Pick<Platform, "db" | "secrets" | "config">, batch = 1000): Promise<ChainVerdict> {
  const trail = "keys" in source ? source : auditTrailOf(source);
  const keyedFrom = await keyedFromOf(trail.db);
  const cps = await gatherCheckpoints(trail, keyedFrom);
  const base = { keyedFrom, keyChecked: !!trail.keys, checkpoints: cps.count };
  if (cps.movedFrom !== null) return { intact: false, checked: 0, firstBrokenSeq: cps.movedFrom, problem: "recomputed", ...base };
  const walked = await walkChain(trail, keyedFrom, cps.bySeq, { seq: 1, prevHash: GENESIS }, null, batch);
  const broken = (problem: ChainProblem, seq: number): ChainVerdict => ({ intact: false, checked: walked.checked, firstBrokenSeq: seq, problem, ...base });
  if (walked.problem) return broken(walked.problem, walked.seq);
  if (cps.forgedSeq !== null) return broken("recomputed", cps.forgedSeq);
  if ([...cps.bySeq.keys()].some((seq) => seq > walked.checked)) return broken("truncated", walked.checked + 1);
  return { intact: true, checked: walked.checked, firstBrokenSeq: null, problem: null, ...base };
}

/**
 * Checks only what the latest checkpoint does not cover, up to `toSeq`: its entry still carries its
 * hash, and the entries after it hold under the key. A new checkpoint is signed only over that.
 */
export async function verifyAuditTail(trail: AuditTrail, since: AuditCheckpoint | null, toSeq: number): Promise<{ problem: ChainProblem; seq: number } | null> {
  const keyedFrom = await keyedFromOf(trail.db);
  const pinned = new Map<number, AuditCheckpoint[]>(since ? [[since.seq, [since]]] : []);
  if (since) {
    const [row] = await rowsFrom(trail.db, since.seq, 1);
    if (!row || Number(row.seq) !== since.seq) return { problem: "truncated", seq: since.seq };
    if (row.hash !== since.hash) return { problem: "recomputed", seq: since.seq };
  }
  const from = since ? { seq: since.seq + 1, prevHash: since.hash } : { seq: 1, prevHash: GENESIS };
  const walked = await walkChain(trail, keyedFrom, pinned, from, toSeq, 1000);
  return walked.problem ? { problem: walked.problem, seq: walked.seq } : null;
}

type Walked = { checked: number; problem: null; seq: null } | { checked: number; problem: ChainProblem; seq: number };

/** From `from` (its seq and the hash it must link to) to `toSeq` (null: the end), the first problem met. */
async function walkChain(trail: AuditTrail, keyedFrom: number, checkpoints: Map<number, AuditCheckpoint[]>, from: { seq: number; prevHash: string }, toSeq: number | null, batch: number): Promise<Walked> {
  const keys = trail.keys;
  let { prevHash, seq: expectedSeq } = from;
  let checked = from.seq - 1;
  let agreedUpTo = 0;
  const linkHolds = (r: Row, prev: string) => {
    if (Number(r.seq) < keyedFrom) return entryHash(prev, fieldsOfRow(r)) === r.hash;
    return !keys || keyedEntryHash(keys, prev, fieldsOfRow(r)) === r.hash;
  };
  const broken = (problem: ChainProblem, seq: number): Walked => ({ checked, problem, seq });
  for (;;) {
    const rows = await rowsFrom(trail.db, expectedSeq, toSeq === null ? batch : Math.min(batch, toSeq - expectedSeq + 1));
    for (const r of rows) {
      const seq = Number(r.seq);
      if (seq !== expectedSeq) return broken("missing", expectedSeq);
      if (r.prevHash !== prevHash) return broken("edited", seq);
      if (!linkHolds(r, prevHash)) return broken(await whyLinkFails(trail, r, keyedFrom, checkpoints), seq);
      for (const c of checkpoints.get(seq) ?? []) {
        if (c.hash !== r.hash) return broken("recomputed", agreedUpTo + 1);
        agreedUpTo = seq;
      }
      prevHash = r.hash;
      expectedSeq++;
      checked++;
    }
    if (rows.length === 0 || (toSeq !== null && expectedSeq > toSeq)) return { checked, problem: null, seq: null };
  }
}

/**
 * An entry whose own link fails: rewritten alone (`edited`: the entry after it still holds under the
 * key), or the chain re-linked from here without the key (`recomputed`: an unkeyed hash, the entries
 * after it consistent with it but not under the key, or a checkpoint here naming another hash).
 */
async function whyLinkFails(trail: AuditTrail, r: Row, keyedFrom: number, checkpoints: Map<number, AuditCheckpoint[]>): Promise<ChainProblem> {
  const seq = Number(r.seq);
  const keys = trail.keys;
  if (seq < keyedFrom || !keys) return "edited";
  // The first keyed entry links to the last SHA-256 one: its link failing means the old segment was re-hashed.
  if (seq === keyedFrom && keyedFrom > 1) return "recomputed";
  if (entryHash(r.prevHash, fieldsOfRow(r)) === r.hash) return "recomputed";
  const [next] = await rowsFrom(trail.db, seq + 1, 1);
  if (next && Number(next.seq) === seq + 1) {
    if (keyedEntryHash(keys, next.prevHash, fieldsOfRow(next)) === next.hash) return "edited";
    return next.prevHash === r.hash ? "recomputed" : "edited";
  }
  const pinned = checkpoints.get(seq) ?? [];
  return pinned.some((c) => c.hash !== r.hash) ? "recomputed" : "edited";
}
