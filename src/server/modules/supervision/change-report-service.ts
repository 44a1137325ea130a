// Change reports (第二十七条): the base's staff report changes of the base (name, host organization,
// affiliation, address, contacts, legal representative) with evidence; the bureau acknowledges them and
// they apply at once (change-report-apply.ts), or asks for more. Who may read a report: the bureau, the
// host organization, and every supervising unit it concerns — the base's unit now, the one it had when
// the report was made and the one it asks to move to — so after a move both the old and the new unit
// still find it (the old one sees no more of the base than that report).
import type { ChangeReportCreateBody, ChangeReportListItem, ChangeReportStepBody, ChangeReportView } from "../../../shared/supervision/change-reports.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can, scopeWhere } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { pageOf, type Page, type PageRequest } from "../../platform/paging.js";
import { availableActions, historyOf, runStep } from "../../platform/workflow.js";
import { BASE_SCOPE_COLUMNS, baseScope } from "../filing/bases.js";
import { checkChanges, checkEvidence, storedChanges, withPhones } from "./change-report-apply.js";
import {
  countChangeReports,
  holdBase,
  listChangeReports,
  loadBaseNow,
  loadChangeReport,
  openReportOf,
  type ChangeReportFilter,
  type ChangeReportRecord,
  type ChangeReportScope,
} from "./change-report-queries.js";
import { changeReportWorkflow, notifyConcerned, supervisorsConcerned } from "./change-report-workflow.js";

/** May the actor read this report: in scope of the base now, or a supervising unit it concerns. */
function canRead(ctx: Ctx, r: ChangeReportRecord): boolean {
  return supervisorsConcerned(r).some((supervisorOrgId) => can(ctx.actor, "changeReport.read", { orgId: r.hostOrgId, supervisorOrgId }));
}

async function readable(trx: Tx, ctx: Ctx, id: string): Promise<ChangeReportRecord> {
  const r = await loadChangeReport(trx, id);
  if (!r || !canRead(ctx, r)) {
    authorize(ctx.actor, "changeReport.read");
    throw new DomainError("NOT_FOUND");
  }
  return r;
}

async function evidenceNames(trx: Tx, ids: string[]): Promise<Array<{ id: string; name: string }>> {
  if (!ids.length) return [];
  const rows = await trx.selectFrom("fileUploads").select(["fileId", "name"]).where("fileId", "in", ids).orderBy("createdAt").execute();
  return ids.map((id) => ({ id, name: rows.find((r) => r.fileId === id)?.name ?? id.slice(0, 12) }));
}

async function userNames(trx: Tx, ids: Array<string | null>): Promise<Map<string, string>> {
  const wanted = ids.filter((x): x is string => !!x);
  if (!wanted.length) return new Map();
  const rows = await trx.selectFrom("users").select(["id", "displayName"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.displayName]));
}

export async function present(trx: Tx, ctx: Ctx, r: ChangeReportRecord): Promise<ChangeReportView> {
  const [history, actions, evidence, names] = await Promise.all([
    historyOf(trx, "changeReport", r.id),
    availableActions(trx, ctx, changeReportWorkflow, r),
    evidenceNames(trx, r.evidenceFileIds),
    userNames(trx, [r.submittedBy, r.decidedBy]),
  ]);
  return {
    id: r.id,
    status: r.status as ChangeReportView["status"],
    baseId: r.baseId,
    baseName: r.baseName,
    baseStatus: r.baseStatus,
    hostOrgName: r.hostOrgName,
    supervisorOrgId: r.supervisorOrgId,
    supervisorOrgName: r.supervisorOrgName,
    // issue 10 item 7: whoever may read the report sees the contact phones whole
    changes: withPhones(ctx, r).changes,
    previous: withPhones(ctx, r).previous,
    reason: r.reason,
    evidence,
    decisionComment: r.decisionComment,
    submittedByName: r.submittedBy ? (names.get(r.submittedBy) ?? null) : null,
    decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
    decidedAt: r.decidedAt,
    plaqueSerial: r.plaqueSerial,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
    availableActions: actions,
    history,
  };
}

/** `POST /bases/:id/change-reports`: the base's own staff report its changes (第二十七条). */
export async function createChangeReport(ctx: Ctx, baseId: string, body: ChangeReportCreateBody): Promise<ChangeReportView> {
  return inTransaction(ctx, async (trx) => {
    const base = await loadBaseNow(trx, ctx.secrets, baseId);
    // Another organization's base answers 404, as if it did not exist; a role without the grant, 403.
    if (!base || !can(ctx.actor, "changeReport.read", baseScope(base))) {
      authorize(ctx.actor, "changeReport.create");
      throw new DomainError("NOT_FOUND");
    }
    authorize(ctx.actor, "changeReport.create", baseScope(base));
    if (base.status === "revoked") throw new DomainError("BASE_REVOKED");
    const reason = body.reason.trim();
    if (!reason) throw new DomainError("TEXT_BLANK", { field: "变更原因", min: 1 });
    await holdBase(trx, base.id);
    // 第二十七条: one report at a time; a returned one is resubmitted, not doubled.
    const open = await openReportOf(trx, base.id);
    if (open) throw new DomainError("CHANGE_REPORT_PENDING", { reportId: open.id, status: open.status });
    const { changes, previous, newSupervisorOrgId } = await checkChanges(trx, base, body.changes);
    const evidenceFileIds = await checkEvidence(trx, base.hostOrgId, body.evidenceFileIds ?? []);
    const id = newId();
    const now = ctx.clock.nowIso();
    await trx
      .insertInto("changeReports")
      .values({
        id,
        baseId: base.id,
        status: "submitted",
        ...storedChanges(ctx, changes, previous),
        reason,
        evidenceFileIds: JSON.stringify(evidenceFileIds),
        priorSupervisorOrgId: base.supervisorOrgId,
        newSupervisorOrgId,
        decisionComment: null,
        submittedBy: ctx.actor?.id ?? null,
        decidedBy: null,
        decidedAt: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    await trx
      .insertInto("workflowHistory")
      .values({
        id: newId(),
        resourceType: "changeReport",
        resourceId: id,
        action: "submit",
        fromStatus: "",
        toStatus: "submitted",
        actorId: ctx.actor?.id ?? null,
        actorName: ctx.actor?.displayName ?? null,
        comment: null,
        at: now,
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: "changeReport.create",
      resourceType: "changeReport",
      resourceId: id,
      detail: { article: "第二十七条", baseId: base.id, fields: Object.keys(changes), newSupervisorOrgId, evidence: evidenceFileIds.length },
    });
    const record = (await loadChangeReport(trx, id))!;
    await notifyConcerned(trx, ctx, record, "supervision.changeReports.submitted", { bureau: true });
    return present(trx, ctx, record);
  });
}

export async function getChangeReport(ctx: Ctx, id: string): Promise<ChangeReportView> {
  return present(ctx.db, ctx, await readable(ctx.db, ctx, id));
}

export async function stepChangeReport(ctx: Ctx, id: string, action: string, body: ChangeReportStepBody): Promise<ChangeReportView> {
  return inTransaction(ctx, async (trx) => {
    await readable(trx, ctx, id);
    const { record } = await runStep(trx, ctx, changeReportWorkflow, { id, action, version: body.version, comment: body.comment ?? null, payload: body.payload });
    return present(trx, ctx, record);
  });
}

/** The base's scope now, or a supervising unit the report concerns (before or after a move). */
function scopeOf(ctx: Ctx): ChangeReportScope {
  const parts = [
    scopeWhere<any, "bases">(ctx.actor, "changeReport.read", BASE_SCOPE_COLUMNS),
    scopeWhere<any, "cr">(ctx.actor, "changeReport.read", { supervisorOrgId: "cr.priorSupervisorOrgId" }),
    scopeWhere<any, "cr">(ctx.actor, "changeReport.read", { supervisorOrgId: "cr.newSupervisorOrgId" }),
  ].filter((p): p is NonNullable<typeof p> => !!p);
  if (!parts.length) {
    authorize(ctx.actor, "changeReport.read");
    throw new DomainError("FORBIDDEN");
  }
  return ((eb: any) => eb.or(parts.map((p) => p(eb)))) as ChangeReportScope;
}

export async function listChangeReportsFor(ctx: Ctx, query: PageRequest & ChangeReportFilter): Promise<Page<ChangeReportListItem>> {
  const scope = scopeOf(ctx);
  return pageOf(
    query,
    (limit, offset) => listChangeReports(ctx.db, scope, query, limit, offset),
    () => countChangeReports(ctx.db, scope, query),
  );
}

/** An evidence file of a report, to whoever may read the report (the bureau did not upload it). */
export async function evidenceFile(ctx: Ctx, id: string, fileId: string): Promise<string> {
  const r = await readable(ctx.db, ctx, id);
  if (!r.evidenceFileIds.includes(fileId)) throw new DomainError("NOT_FOUND");
  return fileId;
}
