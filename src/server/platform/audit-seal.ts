// Sealing the audit chain (issue 10 item 1): a signed checkpoint of its head at least every
// `auditCheckpointMinutes` (60 at most) and at graceful shutdown, kept in the database and appended to
// the checkpoint file in the data directory. A checkpoint is signed only over entries that verify.
import { auditChainHead, auditTrailOf, keyedFromOf, verifyAuditTail, type ChainProblem } from "./audit.js";
import { appendCheckpointFile, checkpointFileOf, latestCheckpoint, signCheckpoint, type AuditCheckpoint } from "./audit-checkpoints.js";
import type { Platform } from "./context.js";
import type { Job } from "./scheduler.js";

export type SealOutcome =
  | { written: AuditCheckpoint }
  | { written: null; reason: "empty" | "unchanged" | "recent" }
  | { written: null; reason: "broken"; problem: ChainProblem; seq: number };

/**
 * Signs a checkpoint of the chain's head when it moved since the latest one. `minAgeMs`: only when the
 * latest checkpoint is at least that old (the scheduled job); 0 at shutdown.
 */
export async function sealAuditChain(p: Platform, reason: AuditCheckpoint["reason"], minAgeMs = 0): Promise<SealOutcome> {
  const head = await auditChainHead(p.db);
  if (!head) return { written: null, reason: "empty" };
  const last = await latestCheckpoint(p.db);
  const now = p.clock.systemNow();
  if (last && last.seq >= head.seq) return { written: null, reason: "unchanged" };
  if (last && now - Date.parse(last.at) < minAgeMs) return { written: null, reason: "recent" };
  const trail = auditTrailOf(p);
  const broken = await verifyAuditTail(trail, last, head.seq);
  if (broken) return { written: null, reason: "broken", ...broken };
  const checkpoint = signCheckpoint(p.secrets.audit, { seq: head.seq, hash: head.hash, at: new Date(now).toISOString(), keyedFrom: await keyedFromOf(p.db), reason });
  await p.db.transaction().execute(async (trx) => {
    const row = await trx.insertInto("auditCheckpoints").values(checkpoint).onConflict((oc) => oc.column("seq").doNothing()).returning("seq").executeTakeFirst();
    // Another instance sealed this head first: its line is in its own data directory's file.
    if (row) appendCheckpointFile(checkpointFileOf(p.config.dataDir), checkpoint);
  });
  return { written: checkpoint };
}

export const auditCheckpointJob: Job = {
  name: "audit.checkpoint",
  async run(p): Promise<Record<string, number>> {
    const minutes = p.config.auditCheckpointMinutes;
    if (!(minutes > 0)) return { written: 0 };
    const outcome = await sealAuditChain(p, "scheduled", minutes * 60_000);
    if (outcome.written) return { written: 1, seq: outcome.written.seq };
    // A tail that fails verification is never signed: the job says so on every run (and in the log).
    if (outcome.reason === "broken") return { written: 0, refused: 1, brokenSeq: outcome.seq };
    return { written: 0 };
  },
};
