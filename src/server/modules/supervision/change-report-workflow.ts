// The change report (第二十七条) as data: the base reports, the bureau acknowledges (the changes apply at
// once) or asks for more (要求补充材料, with a comment); a returned report is resubmitted or withdrawn.
import type { ChangeSet } from "../../../shared/supervision/change-reports.js";
import type { ScopedResource } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { defineWorkflow, requireComment, type StepInput } from "../../platform/workflow.js";
import { usersWithRole } from "../accreditation/queries.js";
import { notify } from "../notifications/service.js";
import { applyChanges, checkChanges, checkEvidence, storedChanges, toChangeSet, withPhones } from "./change-report-apply.js";
import { holdBase, loadBaseNow, loadChangeReport, openReportOf, type ChangeReportRecord } from "./change-report-queries.js";

const link = (r: { id: string }) => `/change-reports/${r.id}`;

/** The host organization runs the report; its supervising unit (now, before and after a move) may read it. */
export const changeReportScope = (r: Pick<ChangeReportRecord, "hostOrgId" | "supervisorOrgId">): ScopedResource => ({ orgId: r.hostOrgId, supervisorOrgId: r.supervisorOrgId });

/** Every supervising unit a report concerns: the base's now, the one it had, the one it asks for. */
export const supervisorsConcerned = (r: Pick<ChangeReportRecord, "supervisorOrgId" | "priorSupervisorOrgId" | "newSupervisorOrgId">): string[] =>
  [...new Set([r.supervisorOrgId, r.priorSupervisorOrgId, r.newSupervisorOrgId].filter((x): x is string => !!x))];

async function supervisorAccounts(trx: Tx, orgIds: readonly string[]): Promise<string[]> {
  return (await Promise.all(orgIds.map((id) => usersWithRole(trx, "supervisor", id)))).flat();
}

/** Tells the base's staff and every supervising unit concerned (and the bureau, when it has to act). */
export async function notifyConcerned(trx: Tx, ctx: Ctx, r: ChangeReportRecord, kind: string, opts: { bureau?: boolean; comment?: string | null } = {}): Promise<void> {
  const people = [
    ...(await usersWithRole(trx, "base_staff", r.hostOrgId)),
    ...(await supervisorAccounts(trx, supervisorsConcerned(r))),
    ...(opts.bureau ? await usersWithRole(trx, "bureau") : []),
  ];
  await notify(trx, ctx, people, kind, { baseName: r.baseName, comment: opts.comment ?? null }, link(r));
}

/** 第十三、二十条: a revoked base reports nothing more, and nothing reported applies to it. */
async function requireBaseInForce(_trx: Tx, _ctx: Ctx, r: ChangeReportRecord): Promise<void> {
  if (r.baseStatus === "revoked") throw new DomainError("BASE_REVOKED");
}

async function resubmitGuard(trx: Tx, ctx: Ctx, r: ChangeReportRecord, input: StepInput): Promise<void> {
  await requireBaseInForce(trx, ctx, r);
  if (input.probe) return;
  await holdBase(trx, r.baseId);
  const open = await openReportOf(trx, r.baseId, r.id);
  if (open) throw new DomainError("CHANGE_REPORT_PENDING", { reportId: open.id, status: open.status });
  const base = (await loadBaseNow(trx, ctx.secrets, r.baseId))!;
  await checkChanges(trx, base, (input.payload?.changes as ChangeSet | undefined) ?? toChangeSet(withPhones(ctx, r).changes));
  await checkEvidence(trx, r.hostOrgId, (input.payload?.evidenceFileIds as string[] | undefined) ?? r.evidenceFileIds);
}

/** The base's answer to 要求补充材料: the changes, reason and evidence as given now (or as they were). */
async function resubmitEffect(trx: Tx, ctx: Ctx, r: ChangeReportRecord, input: StepInput) {
  const base = (await loadBaseNow(trx, ctx.secrets, r.baseId))!;
  const { changes, previous, newSupervisorOrgId } = await checkChanges(trx, base, (input.payload?.changes as ChangeSet | undefined) ?? toChangeSet(withPhones(ctx, r).changes));
  const reason = typeof input.payload?.reason === "string" && input.payload.reason.trim() ? input.payload.reason.trim() : r.reason;
  const evidenceFileIds = await checkEvidence(trx, r.hostOrgId, (input.payload?.evidenceFileIds as string[] | undefined) ?? r.evidenceFileIds);
  await trx
    .updateTable("changeReports")
    .set({
      ...storedChanges(ctx, changes, previous),
      reason,
      evidenceFileIds: JSON.stringify(evidenceFileIds),
      priorSupervisorOrgId: base.supervisorOrgId,
      newSupervisorOrgId,
      submittedBy: ctx.actor?.id ?? null,
    })
    .where("id", "=", r.id)
    .execute();
  await notifyConcerned(trx, ctx, { ...r, newSupervisorOrgId }, "supervision.changeReports.submitted", { bureau: true });
  return { fields: Object.keys(changes) };
}

export const changeReportWorkflow = defineWorkflow<ChangeReportRecord>({
  resourceType: "changeReport",
  table: "changeReports",
  initial: "submitted",
  scopeOf: changeReportScope,
  load: loadChangeReport,
  transitions: [
    {
      // 第二十七条: the bureau acknowledges; the changes apply at once and keep history.
      from: "submitted",
      action: "accept",
      to: "accepted",
      roles: ["bureau"],
      article: "第二十七条",
      guard: requireBaseInForce,
      effect: async (trx, ctx, r, input) => {
        const base = (await loadBaseNow(trx, ctx.secrets, r.baseId))!;
        const applied = await applyChanges(trx, ctx, base, withPhones(ctx, r).changes, r.id);
        await trx
          .updateTable("changeReports")
          .set({ decisionComment: input.comment?.trim() || null, decidedBy: ctx.actor?.id ?? null, decidedAt: ctx.clock.nowIso() })
          .where("id", "=", r.id)
          .execute();
        await notifyConcerned(trx, ctx, r, "supervision.changeReports.accepted");
        return { ...applied };
      },
    },
    {
      // 第二十七条: the bureau asks for more (要求补充材料), saying what.
      from: "submitted",
      action: "return",
      to: "returned",
      roles: ["bureau"],
      article: "第二十七条",
      guard: requireComment,
      effect: async (trx, ctx, r, input) => {
        const comment = input.comment!.trim();
        await trx
          .updateTable("changeReports")
          .set({ decisionComment: comment, decidedBy: ctx.actor?.id ?? null, decidedAt: ctx.clock.nowIso() })
          .where("id", "=", r.id)
          .execute();
        await notify(trx, ctx, await usersWithRole(trx, "base_staff", r.hostOrgId), "supervision.changeReports.returned", { baseName: r.baseName, comment }, link(r));
      },
    },
    {
      from: "returned",
      action: "resubmit",
      to: "submitted",
      roles: ["base_staff"],
      article: "第二十七条",
      guard: resubmitGuard,
      effect: resubmitEffect,
    },
    {
      // The base may take back a report the bureau has not acknowledged (e.g. the change did not happen).
      from: ["submitted", "returned"],
      action: "withdraw",
      to: "withdrawn",
      roles: ["base_staff"],
      article: "第二十七条",
      effect: async (trx, ctx, r) => {
        await notify(trx, ctx, await usersWithRole(trx, "bureau"), "supervision.changeReports.withdrawn", { baseName: r.baseName }, link(r));
      },
    },
  ],
});
