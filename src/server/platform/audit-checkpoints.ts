// Signed checkpoints of the audit chain's head (issue 10 item 1): {seq, hash, at, keyId, keyedFrom},
// signed with the audit checkpoint key (Ed25519), kept in the database and appended to
// `<dataDir>/audit-checkpoints.jsonl` outside it. A checkpoint that names a sequence the chain no longer
// reaches, or a hash the chain no longer has there, exposes a truncated or rewritten tail.
import fs from "node:fs";
import path from "node:path";
import type { Kysely } from "kysely";
import type { AuditCheckpointsTable, Database } from "../db/schema.js";
import type { AuditKeys } from "./audit-keys.js";

/**
 * A checkpoint as stored (`audit_checkpoints`, migration 007) and appended to the file: `keyedFrom` is the
 * first sequence of the keyed chain; `signature` is Ed25519 over `checkpointText(…)`, base64.
 */
export type AuditCheckpoint = AuditCheckpointsTable;

export const CHECKPOINT_FILE = "audit-checkpoints.jsonl";

export const checkpointFileOf = (dataDir: string) => path.join(dataDir, CHECKPOINT_FILE);

export const CHECKPOINT_SIGNED_TEXT = 'JSON.stringify({ seq, hash, at, keyId, keyedFrom }): these keys in this order, no spaces, UTF-8';

/** The exact text signed: JSON of seq, hash, at, keyId, keyedFrom in this order (what an auditor re-creates). */
export function checkpointText(c: Pick<AuditCheckpoint, "seq" | "hash" | "at" | "keyId" | "keyedFrom">): string {
  return JSON.stringify({ seq: c.seq, hash: c.hash, at: c.at, keyId: c.keyId, keyedFrom: c.keyedFrom });
}

export function signCheckpoint(keys: AuditKeys, c: Omit<AuditCheckpoint, "signature" | "keyId">): AuditCheckpoint {
  const unsigned = { ...c, keyId: keys.checkpointKeyId };
  return { ...unsigned, signature: keys.signCheckpoint(checkpointText(unsigned)) };
}

export const isGenuineCheckpoint = (keys: AuditKeys, c: AuditCheckpoint) =>
  c.keyId === keys.checkpointKeyId && keys.verifyCheckpoint(checkpointText(c), c.signature);

/** Appends one line to the checkpoint file: opened append-only, created owner-only, flushed to disk. */
export function appendCheckpointFile(file: string, c: AuditCheckpoint): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const fd = fs.openSync(file, "a", 0o600);
  try {
    fs.writeSync(fd, JSON.stringify(c) + "\n");
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** The checkpoints of a file (the data directory's, or an auditor's saved copy); unreadable lines are skipped. */
export function readCheckpointFile(file: string): AuditCheckpoint[] {
  if (!fs.existsSync(file)) return [];
  const out: AuditCheckpoint[] = [];
  for (const line of fs.readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      const c = JSON.parse(line) as AuditCheckpoint;
      if (Number.isInteger(c.seq) && typeof c.hash === "string" && typeof c.signature === "string") out.push(c);
    } catch {
      // a torn last line (a crash mid-write) carries no signature anyone could rely on
    }
  }
  return out;
}

export async function checkpointsInDb(db: Kysely<Database>): Promise<AuditCheckpoint[]> {
  const rows = await db.selectFrom("auditCheckpoints").selectAll().orderBy("seq").execute();
  return rows.map((r) => ({ ...r, seq: Number(r.seq), keyedFrom: Number(r.keyedFrom) }));
}

export async function latestCheckpoint(db: Kysely<Database>): Promise<AuditCheckpoint | null> {
  const r = await db.selectFrom("auditCheckpoints").selectAll().orderBy("seq", "desc").limit(1).executeTakeFirst();
  return r ? { ...r, seq: Number(r.seq), keyedFrom: Number(r.keyedFrom) } : null;
}
