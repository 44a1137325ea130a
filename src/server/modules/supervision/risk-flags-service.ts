// Risk flags (风险提示, issue 12 item 4): the scan that turns the detectors' candidates into flags (one
// per thing flagged, however often it runs), and the reviewer's side — the scoped list, one flag with its
// evidence, dismissal with a reason, and turning a flag into a violation record (第二十条).
//
// Who sees flags: the bureau all (第十三条), a supervising unit those of its bases (第十四条). A base's own
// staff do not: a flag is a question under examination, like a violation report before the bureau's
// decision (violation-queries.ts), and showing it would tell the base what to tidy before anyone looks.
import { sql, type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import { RISK_FLAG_KIND_NAMES, RISK_FLAG_VIOLATION_KINDS, type RiskEvidence, type RiskFlagConvertBody, type RiskFlagDismissBody, type RiskFlagKind, type RiskFlagListItem, type RiskFlagQuery, type RiskFlagView, type RiskScanResult } from "../../../shared/supervision/risk-flags.js";
import type { Database } from "../../db/schema.js";
import { appendAudit, appendAuditBatch } from "../../platform/audit.js";
import { authorize, can, scopesFor } from "../../platform/authz.js";
import { inTransaction, type Actor, type Ctx, type Platform } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { countOf, pageOf, type Page } from "../../platform/paging.js";
import { usersWithRole } from "../accreditation/queries.js";
import { requireText } from "../filing/bases.js";
import { notify } from "../notifications/service.js";
import { DETECTORS, scanWindow, type Candidate } from "./risk-detect.js";
import { recordViolation } from "./violation-service.js";

// ---------------------------------------------------------------------------------------------
// The scan

/** The flags kept for each dedupe key, read in slices (bounded statement size on both dialects). */
async function existingFlags(trx: Tx, keys: string[]): Promise<Map<string, { id: string; status: string; evidence: string }>> {
  const out = new Map<string, { id: string; status: string; evidence: string }>();
  for (let i = 0; i < keys.length; i += 500) {
    const rows = await trx.selectFrom("riskFlags").select(["id", "dedupeKey", "status", "evidence"]).where("dedupeKey", "in", keys.slice(i, i + 500)).execute();
    for (const r of rows) out.set(r.dedupeKey, r);
  }
  return out;
}

/**
 * Runs every detector over the recent window and records what they find in one transaction: a new
 * candidate becomes an open flag (audited, its base's supervising unit and the bureau told); an open
 * flag found again takes the fresh evidence; a dismissed or converted one stays as decided.
 */
export async function scanRisks(p: Platform, actor: Actor | null = null, onDemand = false): Promise<RiskScanResult> {
  const ctx: Ctx = { ...p, actor, ip: null };
  const w = scanWindow(p.clock.today());
  const found: Candidate[] = [];
  for (const detect of Object.values(DETECTORS)) found.push(...(await detect(p.db, w)));
  // A revoked base is out of the registry and its records are the revocation's evidence (第二十条): only
  // training under its name after that (unfiled_checkin, 乱办班) is still a sign worth raising.
  const revoked = new Set((await p.db.selectFrom("bases").select("id").where("status", "=", "revoked").execute()).map((b) => b.id));
  const kept = found.filter((c) => c.kind === "unfiled_checkin" || !revoked.has(c.baseId));
  return inTransaction(p, async (trx) => {
    const existing = await existingFlags(trx, kept.map((c) => c.dedupeKey));
    const now = p.clock.nowIso();
    const fresh: Candidate[] = [];
    const refreshed: Array<{ id: string; kind: string; baseId: string }> = [];
    let updated = 0;
    for (const c of kept) {
      const json = JSON.stringify(c.evidence);
      const had = existing.get(c.dedupeKey);
      if (!had) {
        fresh.push(c);
        existing.set(c.dedupeKey, { id: "", status: "open", evidence: json });
        continue;
      }
      if (had.status !== "open" || had.evidence === json) continue;
      await trx
        .updateTable("riskFlags")
        .set((eb) => ({ evidence: json, updatedAt: now, version: eb(eb.ref("version"), "+", 1) }))
        .where("id", "=", had.id)
        .where("status", "=", "open")
        .execute();
      refreshed.push({ id: had.id, kind: c.kind, baseId: c.baseId });
      updated++;
    }
    const rows = fresh.map((c) => ({
      id: newId(),
      kind: c.kind,
      baseId: c.baseId,
      projectId: c.projectId,
      article: c.article,
      evidence: JSON.stringify(c.evidence),
      dedupeKey: c.dedupeKey,
      status: "open",
      detectedAt: now,
      updatedAt: now,
      dismissedBy: null,
      dismissedAt: null,
      dismissReason: null,
      violationId: null,
      version: 1,
    }));
    // A scan running at the same moment (the hourly job beside the bureau's 立即排查) may have raised the
    // same flag: the dedupe key keeps one, and only the rows this scan wrote are audited and told.
    const inserted = new Set<string>();
    for (let i = 0; i < rows.length; i += 200) {
      const wrote = await trx
        .insertInto("riskFlags")
        .values(rows.slice(i, i + 200))
        .onConflict((oc) => oc.column("dedupeKey").doNothing())
        .returning("id")
        .execute();
      for (const r of wrote) inserted.add(r.id);
    }
    const raised = rows.filter((r) => inserted.has(r.id));
    await appendAuditBatch(trx, [
      ...raised.map((r) => ({ ctx, input: { action: "riskFlag.raise", resourceType: "riskFlag", resourceId: r.id, detail: { kind: r.kind, baseId: r.baseId, projectId: r.projectId, article: r.article } } })),
      // the evidence a reviewer reads changed: each refresh is on the record
      ...refreshed.map((r) => ({ ctx, input: { action: "riskFlag.refresh", resourceType: "riskFlag", resourceId: r.id, detail: { kind: r.kind, baseId: r.baseId } } })),
    ]);
    if (onDemand) await appendAudit(trx, ctx, { action: "riskFlag.scan", resourceType: "riskFlag", detail: { raised: raised.length, updated } });
    await tellReviewers(trx, ctx, raised);
    const byKind: Record<string, number> = {};
    for (const r of raised) byKind[r.kind] = (byKind[r.kind] ?? 0) + 1;
    return { raised: raised.length, updated, byKind };
  });
}

/** The bureau and each flagged base's supervising unit hear of new flags, once per base and scan. */
async function tellReviewers(trx: Tx, ctx: Ctx, rows: { baseId: string; kind: string }[]): Promise<void> {
  if (!rows.length) return;
  const perBase = new Map<string, string[]>();
  for (const r of rows) perBase.set(r.baseId, [...(perBase.get(r.baseId) ?? []), RISK_FLAG_KIND_NAMES[r.kind as RiskFlagKind]]);
  const bases = await trx.selectFrom("bases").select(["id", "name", "supervisorOrgId"]).where("id", "in", [...perBase.keys()]).execute();
  const bureau = await usersWithRole(trx, "bureau");
  for (const b of bases) {
    const kinds = [...new Set(perBase.get(b.id))];
    const people = [...bureau, ...(await usersWithRole(trx, "supervisor", b.supervisorOrgId))];
    await notify(trx, ctx, people, "supervision.riskFlags.raised", { baseName: b.name, count: perBase.get(b.id)!.length, kinds: kinds.join("、") }, `/risk-flags?baseId=${b.id}`);
  }
}

/** The bureau's scan on demand (audited with what it found). */
export async function scanNow(ctx: Ctx): Promise<RiskScanResult> {
  authorize(ctx.actor, "riskFlag.scan");
  return scanRisks(ctx, ctx.actor, true);
}

// ---------------------------------------------------------------------------------------------
// Reading

type FlagEb = ExpressionBuilder<Database & { f: Database["riskFlags"] }, "f" | "bases">;

function listScope(actor: Actor | null): ((eb: FlagEb) => Expression<SqlBool>) | null {
  const scopes = scopesFor(actor, "riskFlag.read");
  if (!actor || scopes.length === 0) return null;
  if (scopes.includes("all")) return () => sql<SqlBool>`1 = 1`;
  if (scopes.includes("supervisedOrg")) return (eb) => eb("bases.supervisorOrgId", "=", actor.orgId);
  return null;
}

function flags(trx: Tx) {
  return trx
    .selectFrom("riskFlags as f")
    .innerJoin("bases", "bases.id", "f.baseId")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId")
    .leftJoin("trainingProjects as p", "p.id", "f.projectId")
    .leftJoin("users as dismisser", "dismisser.id", "f.dismissedBy")
    .select([
      "f.id",
      "f.kind",
      "f.status",
      "f.baseId",
      "bases.name as baseName",
      "bases.supervisorOrgId",
      "supervisor.name as supervisorOrgName",
      "f.projectId",
      "p.title as projectTitle",
      "f.article",
      "f.evidence",
      "f.detectedAt",
      "f.updatedAt",
      "f.violationId",
      "f.version",
      "dismisser.displayName as dismissedByName",
      "f.dismissedAt",
      "f.dismissReason",
    ]);
}

type FlagRow = Awaited<ReturnType<ReturnType<typeof flags>["executeTakeFirstOrThrow"]>>;

const listItem = (r: FlagRow): RiskFlagListItem => ({
  id: r.id,
  kind: r.kind as RiskFlagKind,
  status: r.status as RiskFlagListItem["status"],
  baseId: r.baseId,
  baseName: r.baseName,
  supervisorOrgName: r.supervisorOrgName,
  projectId: r.projectId,
  projectTitle: r.projectTitle,
  article: r.article,
  evidence: JSON.parse(r.evidence) as RiskEvidence,
  detectedAt: r.detectedAt,
  updatedAt: r.updatedAt,
  violationId: r.violationId,
  version: Number(r.version),
});

const scopeOf = (r: { supervisorOrgId: string }) => ({ supervisorOrgId: r.supervisorOrgId });

function present(ctx: Ctx, r: FlagRow): RiskFlagView {
  const open = r.status === "open";
  const actions = [...(open && can(ctx.actor, "riskFlag.dismiss", scopeOf(r)) ? ["dismiss"] : []), ...(open && can(ctx.actor, "riskFlag.convert", scopeOf(r)) ? ["convert"] : [])];
  return { ...listItem(r), supervisorOrgId: r.supervisorOrgId, dismissedByName: r.dismissedByName, dismissedAt: r.dismissedAt, dismissReason: r.dismissReason, availableActions: actions };
}

export async function listRiskFlags(ctx: Ctx, query: RiskFlagQuery): Promise<Page<RiskFlagListItem>> {
  const scope = listScope(ctx.actor);
  if (!scope) throw new DomainError("FORBIDDEN");
  let q = flags(ctx.db).where(scope as never);
  if (query.kind) q = q.where("f.kind", "=", query.kind);
  if (query.status) q = q.where("f.status", "=", query.status);
  if (query.baseId) q = q.where("f.baseId", "=", query.baseId);
  return pageOf(
    query,
    async (limit, offset) => (await q.orderBy("f.detectedAt", "desc").orderBy("f.id", "desc").limit(limit).offset(offset).execute()).map(listItem),
    () => countOf(q),
  );
}

async function loadInScope(trx: Tx, ctx: Ctx, id: string): Promise<FlagRow> {
  const r = await flags(trx).where("f.id", "=", id).executeTakeFirst();
  if (!r || !can(ctx.actor, "riskFlag.read", scopeOf(r))) throw new DomainError("NOT_FOUND");
  return r;
}

export async function getRiskFlag(ctx: Ctx, id: string): Promise<RiskFlagView> {
  authorize(ctx.actor, "riskFlag.read");
  return present(ctx, await loadInScope(ctx.db, ctx, id));
}

// ---------------------------------------------------------------------------------------------
// Deciding

/** An open flag the actor may act on, at the version the client held (409 otherwise). */
async function openFlag(trx: Tx, ctx: Ctx, id: string, action: "dismiss" | "convert", version?: number): Promise<FlagRow> {
  authorize(ctx.actor, `riskFlag.${action}`);
  const r = await loadInScope(trx, ctx, id);
  authorize(ctx.actor, `riskFlag.${action}`, scopeOf(r));
  if (r.status !== "open") throw new DomainError("RISK_FLAG_CLOSED", { status: r.status });
  if (version !== undefined && version !== Number(r.version)) throw new DomainError("VERSION_CONFLICT");
  return r;
}

async function closeFlag(trx: Tx, r: FlagRow, set: Partial<Database["riskFlags"]> & { status: string; updatedAt: string }): Promise<void> {
  const res = await trx
    .updateTable("riskFlags")
    .set({ ...set, version: Number(r.version) + 1 })
    .where("id", "=", r.id)
    .where("version", "=", Number(r.version))
    .where("status", "=", "open")
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
}

/** The bureau dismisses a flag it found explained, with the reason on the record and in the audit trail. */
export async function dismissRiskFlag(ctx: Ctx, id: string, body: RiskFlagDismissBody): Promise<RiskFlagView> {
  requireText(body.reason, 2, "排除理由");
  return inTransaction(ctx, async (trx) => {
    const r = await openFlag(trx, ctx, id, "dismiss", body.version);
    const now = ctx.clock.nowIso();
    const reason = body.reason.trim();
    await closeFlag(trx, r, { status: "dismissed", updatedAt: now, dismissedBy: ctx.actor!.id, dismissedAt: now, dismissReason: reason });
    await appendAudit(trx, ctx, { action: "riskFlag.dismiss", resourceType: "riskFlag", resourceId: r.id, detail: { kind: r.kind, baseId: r.baseId, article: r.article, reason } });
    return present(ctx, await loadInScope(trx, ctx, id));
  });
}

/** The facts of the violation a flag becomes, in words, with its figures and first records. */
function factsOf(r: FlagRow): string {
  const e = JSON.parse(r.evidence) as RiskEvidence;
  const figures = Object.entries(e.facts)
    .filter(([, v]) => v !== null && v !== "")
    .map(([k, v]) => `${k}=${v}`)
    .join("，");
  const records = e.records
    .slice(0, 10)
    .map((x) => `${x.label}（${x.detail}）`)
    .join("；");
  const more = e.total > 10 ? `等 ${e.total} 条记录` : "";
  return `平台风险提示（${RISK_FLAG_KIND_NAMES[r.kind as RiskFlagKind]}，${r.article}）：${r.projectTitle ? `培训项目“${r.projectTitle}”，` : ""}${figures}。证据：${records}${more}。`.slice(0, 5000);
}

/**
 * 第二十条: the reviewer turns a flag into a violation report of the supervision module — created by its
 * own service, in this transaction, so the report and the flag's link stand or fall together.
 */
export async function convertRiskFlag(ctx: Ctx, id: string, body: RiskFlagConvertBody): Promise<RiskFlagView> {
  return inTransaction(ctx, async (trx) => {
    const r = await openFlag(trx, ctx, id, "convert", body.version);
    const facts = body.facts?.trim() || factsOf(r);
    const violation = await recordViolation(trx, ctx, { baseId: r.baseId, kind: body.kind ?? RISK_FLAG_VIOLATION_KINDS[r.kind as RiskFlagKind], facts, projectId: r.projectId });
    await closeFlag(trx, r, { status: "converted", updatedAt: ctx.clock.nowIso(), violationId: violation.id });
    await appendAudit(trx, ctx, { action: "riskFlag.convert", resourceType: "riskFlag", resourceId: r.id, detail: { kind: r.kind, baseId: r.baseId, article: r.article, violationId: violation.id } });
    return present(ctx, await loadInScope(trx, ctx, id));
  });
}
