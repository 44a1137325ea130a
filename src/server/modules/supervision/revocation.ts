// Revocation of a base (撤销, 第十三、十九、二十条): in the caller's transaction the base is revoked under a
// decision number of the city's sequence, its projects that have not started are withdrawn and every
// person enrolled in them is told, and nobody may enrol in or file under it any more. Projects under way
// finish and certify (their hours were earned) unless the bureau stops them too; certificates already
// issued stay valid (revoking them is one by one or per project, 乱发证).
import type { RevocationPreview, RevocationProject, RevokeBody } from "../../../shared/supervision/rectification.js";
import { LIVE_RECTIFICATION_STATUSES } from "../../../shared/supervision/rectification.js";
import { appendAudit, appendAuditBatch } from "../../platform/audit.js";
import { authorize, can } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { defineWorkflow, runStep } from "../../platform/workflow.js";
import { nextNumber, usersWithRole } from "../accreditation/queries.js";
import { projectWorkflow, type ProjectRecord } from "../filing/projects.js";
import { notify } from "../notifications/service.js";
import { policyAt } from "../policy/service.js";
import { baseScope } from "../filing/bases.js";

export interface RevocationInput {
  reason: string;
  basis: string;
  /** 第二十条: the bureau may stop the projects under way as well. */
  stopRunning?: boolean;
  /** What led to the revocation (a violation, a spot check, an overdue order), for the audit trail. */
  source?: { type: string; id: string };
}

export interface RevocationOutcome {
  decisionNo: string;
  withdrawnProjectIds: string[];
  stoppedProjectIds: string[];
  notifiedCount: number;
}

/**
 * The steps revocation takes on the base's projects, as system steps of the filing workflow (so each
 * project's history says what happened and the version check still holds).
 */
const revocationSteps = defineWorkflow<ProjectRecord>({
  ...projectWorkflow,
  transitions: [
    // 第十九条, 第二十条: a revoked base runs nothing more in its name
    { from: ["draft", "filed", "returned"], action: "withdraw", to: "cancelled", roles: [], system: true, article: "第十九条" },
    // 第二十条: the bureau stops what is under way too
    { from: ["filed", "running"], action: "stop", to: "cancelled", roles: [], system: true, article: "第二十条" },
  ],
});

interface BaseRow {
  id: string;
  name: string;
  status: string;
  hostOrgId: string;
  supervisorOrgId: string;
  version: number;
}

async function loadBase(trx: Tx, baseId: string): Promise<BaseRow | undefined> {
  const b = await trx.selectFrom("bases").select(["id", "name", "status", "hostOrgId", "supervisorOrgId", "version"]).where("id", "=", baseId).executeTakeFirst();
  return b ? { ...b, version: Number(b.version) } : undefined;
}

/** The base's projects that revocation touches: not started (withdrawn) and under way (continue or stop). */
async function affectedProjects(trx: Tx, today: string, baseId: string): Promise<{ withdrawn: RevocationProject[]; running: RevocationProject[] }> {
  const rows = await trx
    .selectFrom("trainingProjects")
    .select((eb) => [
      "trainingProjects.id",
      "trainingProjects.title",
      "trainingProjects.status",
      "trainingProjects.filingNo",
      "trainingProjects.startDate",
      "trainingProjects.endDate",
      eb
        .selectFrom("enrollments")
        .select((x) => x.fn.countAll<number>().as("n"))
        .whereRef("enrollments.projectId", "=", "trainingProjects.id")
        .where("enrollments.status", "=", "enrolled")
        .as("enrolled"),
    ])
    .where("trainingProjects.baseId", "=", baseId)
    .where("trainingProjects.status", "in", ["draft", "filed", "returned", "running"])
    .orderBy("trainingProjects.startDate")
    .orderBy("trainingProjects.id")
    .execute();
  const withdrawn: RevocationProject[] = [];
  const running: RevocationProject[] = [];
  for (const r of rows) {
    const p = { ...r, enrolled: Number(r.enrolled ?? 0) };
    // 第十七条: a filed project whose class has started is under way even before the nightly job says so.
    const started = r.status === "running" || (r.status === "filed" && r.startDate <= today);
    (started ? running : withdrawn).push(p);
  }
  return { withdrawn, running };
}

/** What revoking the base would withdraw and what would go on, for the bureau's confirmation dialog. */
export async function revocationPreview(trx: Tx, ctx: Ctx, baseId: string): Promise<RevocationPreview> {
  const base = await loadBase(trx, baseId);
  if (!base) throw new DomainError("NOT_FOUND");
  const { withdrawn, running } = await affectedProjects(trx, ctx.clock.today(), baseId);
  const { n } = await trx
    .selectFrom("rectificationOrders")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("baseId", "=", baseId)
    .where("status", "in", [...LIVE_RECTIFICATION_STATUSES])
    .executeTakeFirstOrThrow();
  return {
    baseId,
    baseName: base.name,
    status: base.status,
    version: base.version,
    withdrawn,
    running,
    enrolledToNotify: withdrawn.reduce((s, p) => s + p.enrolled, 0),
    openRectificationOrders: Number(n),
  };
}

/** Cancels every enrolment of a withdrawn project, as cancelling one does, and answers who was enrolled. */
async function cancelEnrolments(trx: Tx, ctx: Ctx, projectId: string, decisionNo: string): Promise<string[]> {
  const rows = await trx.selectFrom("enrollments").select(["id", "professionalId"]).where("projectId", "=", projectId).where("status", "=", "enrolled").execute();
  const now = ctx.clock.nowIso();
  // A large course's enrolments in a few statements, not one round trip each (bench:supervision).
  for (let i = 0; i < rows.length; i += 1000) {
    const ids = rows.slice(i, i + 1000).map((e) => e.id);
    await trx
      .updateTable("enrollments")
      .set((eb) => ({ status: "cancelled", updatedAt: now, version: eb("version", "+", 1) }))
      .where("id", "in", ids)
      .where("status", "=", "enrolled")
      .execute();
  }
  await appendAuditBatch(
    trx,
    rows.map((e) => ({
      ctx,
      input: { action: "enrollment.cancel", resourceType: "enrollment", resourceId: e.id, detail: { projectId, professionalId: e.professionalId, by: "revocation", decisionNo } },
    })),
  );
  return rows.map((e) => e.professionalId);
}

/** A rectification order still running on a revoked base has nothing left to rectify: it is withdrawn. */
async function withdrawLiveOrders(trx: Tx, ctx: Ctx, baseId: string, decisionNo: string): Promise<void> {
  const orders = await trx.selectFrom("rectificationOrders").select(["id", "status", "version"]).where("baseId", "=", baseId).where("status", "in", [...LIVE_RECTIFICATION_STATUSES]).execute();
  const now = ctx.clock.nowIso();
  for (const o of orders) {
    await trx.updateTable("rectificationOrders").set({ status: "withdrawn", updatedAt: now, version: Number(o.version) + 1 }).where("id", "=", o.id).execute();
    await trx
      .insertInto("workflowHistory")
      .values({
        id: newId(),
        resourceType: "rectificationOrder",
        resourceId: o.id,
        action: "withdraw",
        fromStatus: o.status,
        toStatus: "withdrawn",
        actorId: ctx.actor?.id ?? null,
        actorName: ctx.actor?.displayName ?? null,
        comment: `基地已撤销（${decisionNo}）`,
        at: now,
      })
      .execute();
    await appendAudit(trx, ctx, {
      action: "rectificationOrder.withdraw",
      resourceType: "rectificationOrder",
      resourceId: o.id,
      detail: { from: o.status, to: "withdrawn", article: "第十九条", decisionNo },
    });
  }
}

/**
 * Revokes a base in the caller's transaction (the caller has authorized `base.revoke`). Refuses a base
 * already revoked (BASE_REVOKED).
 */
export async function revokeBase(trx: Tx, ctx: Ctx, baseId: string, input: RevocationInput): Promise<RevocationOutcome> {
  const base = await loadBase(trx, baseId);
  if (!base) throw new DomainError("NOT_FOUND");
  if (base.status === "revoked") throw new DomainError("BASE_REVOKED");
  const reason = input.reason.trim();
  const basis = input.basis.trim();
  if (!reason) throw new DomainError("TEXT_BLANK", { field: "撤销理由", min: 1 });
  if (!basis) throw new DomainError("TEXT_BLANK", { field: "撤销依据", min: 1 });

  // 第十三条: the bureau decides under a number of the city's sequence of decisions.
  const today = ctx.clock.today();
  const { params } = await policyAt(trx, today);
  const year = today.slice(0, 4);
  const decisionNo = `${params.docPrefix}〔${year}〕${await nextNumber(trx, `decision:${params.docPrefix}:${year}`)}号`;
  const now = ctx.clock.nowIso();
  const res = await trx
    .updateTable("bases")
    .set({ status: "revoked", revokedAt: now, revocationDecisionNo: decisionNo, revocationReason: reason, revocationBasis: basis, updatedAt: now, version: base.version + 1 })
    .where("id", "=", baseId)
    .where("version", "=", base.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");

  const { withdrawn, running } = await affectedProjects(trx, today, baseId);
  const link = "/my/courses";
  let notifiedCount = 0;
  for (const p of withdrawn) {
    await runStep(trx, ctx, revocationSteps, { id: p.id, action: "withdraw", system: true, comment: `基地已撤销（${decisionNo}）` });
    const people = await cancelEnrolments(trx, ctx, p.id, decisionNo);
    await notify(trx, ctx, people, "supervision.rectification.projectWithdrawn", { baseName: base.name, projectTitle: p.title, startDate: p.startDate, decisionNo }, link);
    notifiedCount += people.length;
  }
  const stopped = input.stopRunning ? running : [];
  for (const p of stopped) {
    await runStep(trx, ctx, revocationSteps, { id: p.id, action: "stop", system: true, comment: `基地已撤销（${decisionNo}），培训项目停止` });
    const people = (await trx.selectFrom("enrollments").select("professionalId").where("projectId", "=", p.id).where("status", "=", "enrolled").execute()).map((e) => e.professionalId);
    await notify(trx, ctx, people, "supervision.rectification.projectStopped", { baseName: base.name, projectTitle: p.title, decisionNo }, link);
    notifiedCount += people.length;
  }
  await withdrawLiveOrders(trx, ctx, baseId, decisionNo);

  const outcome = { decisionNo, withdrawnProjectIds: withdrawn.map((p) => p.id), stoppedProjectIds: stopped.map((p) => p.id), notifiedCount };
  await appendAudit(trx, ctx, {
    action: "base.revoke",
    resourceType: "base",
    resourceId: baseId,
    detail: { article: "第十九条", decisionNo, basis, withdrawn: outcome.withdrawnProjectIds.length, stopped: outcome.stoppedProjectIds.length, source: input.source ?? null },
  });
  const people = [...(await usersWithRole(trx, "base_staff", base.hostOrgId)), ...(await usersWithRole(trx, "supervisor", base.supervisorOrgId))];
  await notify(trx, ctx, people, "supervision.rectification.baseRevoked", { baseName: base.name, decisionNo, reason }, `/bases/${baseId}`);
  return outcome;
}

// ---------------------------------------------------------------------------------------------
// The bureau's revocation through the API (its dialog previews first, then confirms).

async function revocableBase(trx: Tx, ctx: Ctx, baseId: string): Promise<BaseRow> {
  const base = await loadBase(trx, baseId);
  // 第十三条: the bureau alone revokes; anyone else who may see the base hears 403, others 404.
  if (!base || !can(ctx.actor, "base.read", baseScope(base))) {
    authorize(ctx.actor, "base.read");
    throw new DomainError("NOT_FOUND");
  }
  authorize(ctx.actor, "base.revoke", baseScope(base));
  return base;
}

export async function previewRevocation(ctx: Ctx, baseId: string): Promise<RevocationPreview> {
  await revocableBase(ctx.db, ctx, baseId);
  return revocationPreview(ctx.db, ctx, baseId);
}

export async function revokeBaseByBureau(ctx: Ctx, baseId: string, body: RevokeBody): Promise<RevocationOutcome> {
  return inTransaction(ctx, async (trx) => {
    const base = await revocableBase(trx, ctx, baseId);
    if (base.status === "revoked") throw new DomainError("BASE_REVOKED");
    if (body.version !== undefined && body.version !== base.version) throw new DomainError("VERSION_CONFLICT", { currentVersion: base.version });
    if (body.stopRunning) authorize(ctx.actor, "base.stopProjects", baseScope(base));
    return revokeBase(trx, ctx, baseId, { reason: body.reason, basis: body.basis, stopRunning: !!body.stopRunning });
  });
}
