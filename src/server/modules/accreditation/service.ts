// Base accreditation (第四条, 第五条): the application and its view for each role.
import type { ApplicationForm, ApplicationListItem, ApplicationView } from "../../../shared/accreditation.js";
import type { OrgType } from "../../../shared/roles.js";
import type { PolicyParams } from "../../../shared/api.js";
import { missingParts } from "../../../shared/accreditation.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can, scopeWhere } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { cleanFileName } from "../../platform/files.js";
import { revealPhoneField, sealPhoneField } from "../../platform/contact-phones.js";
import { newId } from "../../platform/ids.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { availableActions, historyOf, runStep } from "../../platform/workflow.js";
import { policyAt } from "../policy/service.js";
import { notify } from "../notifications/service.js";
import { liveDishonestyFlags } from "../supervision/dishonesty-records.js";
import { declareNoConflict, presentReviews, submitReview, type ReviewInput } from "./panel.js";
import { objectionsOf, presentNotice } from "./notice.js";
import * as q from "./queries.js";
import { accreditationWorkflow as wf } from "./workflow.js";

/** 第五条（一）: the applicant reports to its 主管部门 or 区市人力资源和社会保障部门. */
export const SUPERVISING_ORG_TYPES = ["district_hr", "municipal_department", "university", "research_institute", "enterprise"] as const;

const scopeOf = wf.scopeOf;

function appScope(ctx: Ctx) {
  const where = scopeWhere<any, "baseApplications">(ctx.actor, "baseApplication.read", {
    orgId: "baseApplications.applicantOrgId",
    supervisorOrgId: "baseApplications.supervisorOrgId",
    panelApplicationId: "baseApplications.id",
    draftStatus: "baseApplications.status",
  });
  if (!where) throw new DomainError("FORBIDDEN");
  return where;
}

export async function listApplications(ctx: Ctx, query: PageRequest & q.AppFilter): Promise<Page<ApplicationListItem>> {
  const scope = appScope(ctx);
  const { page, pageSize, offset } = pageWindow(query);
  const [total, rows] = await Promise.all([q.countApplications(ctx.db, scope, query), q.listApplications(ctx.db, scope, query, pageSize, offset)]);
  return { items: rows as ApplicationListItem[], total, page, pageSize };
}

async function loadInScope(trx: Tx, ctx: Ctx, id: string): Promise<q.ApplicationRecord> {
  const record = await q.loadApplication(trx, id);
  if (!record || !can(ctx.actor, "baseApplication.read", scopeOf(record))) throw new DomainError("NOT_FOUND");
  return record;
}

/** Whether the actor reads the file as a panel expert only (then the no-conflict declaration comes first). */
function readsOnlyAsExpert(ctx: Ctx, r: q.ApplicationRecord): boolean {
  const { panelUserIds: _p, ...withoutPanel } = scopeOf(r);
  return !can(ctx.actor, "baseApplication.read", withoutPanel);
}

export async function presentApplication(trx: Tx, ctx: Ctx, r: q.ApplicationRecord): Promise<ApplicationView> {
  const names = await q.orgNames(trx, [r.applicantOrgId, r.supervisorOrgId]);
  const [history, actions, notice, baseId] = await Promise.all([
    historyOf(trx, "baseApplication", r.id),
    availableActions(trx, ctx, wf, r),
    q.latestNotice(trx, r.id),
    q.baseIdOf(trx, r.id),
  ]);
  const view: ApplicationView = {
    id: r.id,
    status: r.status as ApplicationView["status"],
    version: r.version,
    applicantOrgId: r.applicantOrgId,
    applicantOrgName: names.get(r.applicantOrgId) ?? "",
    supervisorOrgId: r.supervisorOrgId,
    supervisorOrgName: names.get(r.supervisorOrgId) ?? "",
    // issue 10 item 7: a panel expert reads the phone masked, as the form stores it
    form: readsOnlyAsExpert(ctx, r) ? r.form : formOf(ctx, r),
    missing: missingParts(r.form),
    history,
    availableActions: actions,
    submittedAt: r.submittedAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    notice: notice ? await presentNotice(trx, ctx, notice, r) : null,
    baseId,
  };
  if (ctx.actor && r.panelUserIds.includes(ctx.actor.id)) {
    const panel = await q.panelOf(trx, r.id);
    const seat = panel.find((m) => m.userId === ctx.actor!.id);
    // 第五条（三）: an expert declares no conflict of interest before the file is shown.
    if (!seat?.declaredAt && readsOnlyAsExpert(ctx, r)) view.form = null;
    view.needsConflictDeclaration = !seat?.declaredAt;
    view.reviewSheet = (await policyAt(trx, ctx.clock.today())).params.reviewCriteria;
    const mine = (await q.reviewsOf(trx, r.id)).filter((x) => x.expertId === ctx.actor!.id);
    view.myReview = mine.length ? presentReviews(mine).reviews[0] : null;
    if (!seat?.declaredAt) view.availableActions = [];
  }
  if (can(ctx.actor, "baseApplication.accept")) {
    const [panel, reviews] = await Promise.all([q.panelOf(trx, r.id), q.reviewsOf(trx, r.id)]);
    const { reviews: presented, summary } = presentReviews(reviews);
    view.panel = panel;
    view.reviews = presented;
    view.scoreSummary = { ...summary, panelSize: panel.length };
    // The sheet the experts scored against (a later policy version may have changed the criteria).
    view.reviewSheet ??= reviews.length
      ? await criteriaOfVersion(trx, reviews[0].policyVersionId)
      : (await policyAt(trx, ctx.clock.today())).params.reviewCriteria;
  }
  if (can(ctx.actor, "objection.read")) view.objections = await objectionsOf(trx, r.id);
  // 第二十条: an applicant with a live dishonesty record is flagged to those who review it.
  if (can(ctx.actor, "dishonestyRecord.read") || (ctx.actor && r.panelUserIds.includes(ctx.actor.id))) {
    view.dishonestyRecords = await liveDishonestyFlags(trx, r.applicantOrgId, ctx.clock.today());
  }
  return view;
}

async function criteriaOfVersion(trx: Tx, policyVersionId: string) {
  const row = await trx.selectFrom("policyVersions").select("params").where("id", "=", policyVersionId).executeTakeFirstOrThrow();
  return (JSON.parse(row.params) as PolicyParams).reviewCriteria;
}

export async function getApplication(ctx: Ctx, id: string): Promise<ApplicationView> {
  return presentApplication(ctx.db, ctx, await loadInScope(ctx.db, ctx, id));
}

/** Active organizations of a supervising type with at least one active supervisor account to act. */
function supervisingUnitQuery(trx: Tx) {
  return trx
    .selectFrom("organizations")
    .where("organizations.type", "in", [...SUPERVISING_ORG_TYPES])
    .where("organizations.status", "=", "active")
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("users")
          .innerJoin("userRoles", "userRoles.userId", "users.id")
          .select("users.id")
          .whereRef("users.orgId", "=", "organizations.id")
          .where("userRoles.role", "=", "supervisor")
          .where("users.disabledAt", "is", null),
      ),
    );
}

async function checkSupervisor(trx: Tx, orgId: string): Promise<void> {
  const org = await supervisingUnitQuery(trx).select("organizations.id").where("organizations.id", "=", orgId).executeTakeFirst();
  if (!org) throw new DomainError("SUPERVISOR_INVALID");
}

/** 第四条 evidence: a form may list only files uploaded by the applicant's own staff. */
async function checkAttachments(trx: Tx, orgId: string, form: ApplicationForm): Promise<void> {
  const ids = [...new Set((form.attachments ?? []).map((a) => a.fileId))];
  if (ids.length === 0) return;
  const owned = await trx
    .selectFrom("fileUploads")
    .innerJoin("users", "users.id", "fileUploads.userId")
    .select("fileUploads.fileId")
    .where("fileUploads.fileId", "in", ids)
    .where("users.orgId", "=", orgId)
    .execute();
  const missing = ids.filter((id) => !owned.some((o) => o.fileId === id));
  if (missing.length) throw new DomainError("NOT_FOUND", { fileIds: missing });
}

/**
 * The form as stored: attachment names lose control and bidi characters, like the names of uploads;
 * issue 10 item 7: the contact phone is sealed aside, the form keeps it masked.
 */
function storedForm(ctx: Ctx, form: ApplicationForm): { form: string; contactPhoneEnc: string | null } {
  const cleaned = form.attachments ? { ...form, attachments: form.attachments.map((a) => ({ ...a, name: cleanFileName(a.name) })) } : form;
  if (!cleaned.basics) return { form: JSON.stringify(cleaned), contactPhoneEnc: null };
  const { value, enc } = sealPhoneField(ctx.secrets, cleaned.basics);
  return { form: JSON.stringify({ ...cleaned, basics: value }), contactPhoneEnc: enc };
}

/** The form with its whole contact phone, for the applicant's staff, its supervising unit and the bureau. */
export function formOf(ctx: Ctx, r: q.ApplicationRecord): ApplicationForm {
  return r.form.basics ? { ...r.form, basics: revealPhoneField(ctx.secrets, r.form.basics, r.contactPhoneEnc) } : r.form;
}

const baseNameOf = (form: ApplicationForm) => form.basics?.baseName?.trim() ?? "";

export async function createApplication(ctx: Ctx, input: { supervisorOrgId: string; form: ApplicationForm }): Promise<ApplicationView> {
  authorize(ctx.actor, "baseApplication.create");
  const actor = ctx.actor!;
  return inTransaction(ctx, async (trx) => {
    if (input.supervisorOrgId === actor.orgId) throw new DomainError("SUPERVISOR_INVALID");
    await checkSupervisor(trx, input.supervisorOrgId);
    await checkAttachments(trx, actor.orgId, input.form);
    const id = newId();
    const now = ctx.clock.nowIso();
    await trx
      .insertInto("baseApplications")
      .values({
        id,
        applicantOrgId: actor.orgId,
        supervisorOrgId: input.supervisorOrgId,
        status: wf.initial,
        baseName: baseNameOf(input.form),
        ...storedForm(ctx, input.form),
        submittedAt: null,
        createdBy: actor.id,
        createdAt: now,
        updatedAt: now,
        version: 1,
      })
      .execute();
    await appendAudit(trx, ctx, { action: "baseApplication.create", resourceType: "baseApplication", resourceId: id, detail: { baseName: baseNameOf(input.form) } });
    return presentApplication(trx, ctx, (await q.loadApplication(trx, id))!);
  });
}

const EDITABLE = ["draft", "returned"];

export async function updateApplication(ctx: Ctx, id: string, input: { form: ApplicationForm; version: number; supervisorOrgId?: string }): Promise<ApplicationView> {
  return inTransaction(ctx, async (trx) => {
    const r = await loadInScope(trx, ctx, id);
    authorize(ctx.actor, "baseApplication.update", scopeOf(r));
    if (r.version !== input.version) throw new DomainError("VERSION_CONFLICT", { currentVersion: r.version });
    if (!EDITABLE.includes(r.status)) throw new DomainError("FORM_NOT_EDITABLE");
    if (input.supervisorOrgId === r.applicantOrgId) throw new DomainError("SUPERVISOR_INVALID");
    if (input.supervisorOrgId) await checkSupervisor(trx, input.supervisorOrgId);
    await checkAttachments(trx, r.applicantOrgId, input.form);
    const res = await trx
      .updateTable("baseApplications")
      .set({
        ...storedForm(ctx, input.form),
        baseName: baseNameOf(input.form),
        supervisorOrgId: input.supervisorOrgId ?? r.supervisorOrgId,
        updatedAt: ctx.clock.nowIso(),
        version: r.version + 1,
      })
      .where("id", "=", id)
      .where("version", "=", r.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
    await appendAudit(trx, ctx, { action: "baseApplication.update", resourceType: "baseApplication", resourceId: id, detail: { version: r.version + 1 } });
    return presentApplication(trx, ctx, (await q.loadApplication(trx, id))!);
  });
}

/** Who hears of a step (in-app notification), by the status it reached. */
async function handOver(trx: Tx, ctx: Ctx, r: q.ApplicationRecord, comment: string | null) {
  const link = `/applications/${r.id}`;
  const params = { baseName: r.baseName, comment };
  const applicants = () => q.usersWithRole(trx, "base_staff", r.applicantOrgId);
  switch (r.status) {
    case "submitted":
      return notify(trx, ctx, await q.usersWithRole(trx, "supervisor", r.supervisorOrgId), "accreditation.submitted", params, link);
    case "recommended":
      return notify(trx, ctx, await q.usersWithRole(trx, "bureau"), "accreditation.recommended", params, link);
    // The supervising unit that recommended hears of the bureau's return or rejection too.
    case "returned":
      return notify(trx, ctx, [...(await applicants()), ...(await q.usersWithRole(trx, "supervisor", r.supervisorOrgId))], "accreditation.returned", params, link);
    case "rejected":
      return notify(trx, ctx, [...(await applicants()), ...(await q.usersWithRole(trx, "supervisor", r.supervisorOrgId))], "accreditation.rejected", params, link);
    case "accepted":
      return notify(trx, ctx, await applicants(), "accreditation.accepted", params, link);
  }
}

export interface StepBody {
  version?: number;
  comment?: string;
  expertUserIds?: string[];
}

export async function takeStep(ctx: Ctx, id: string, action: string, body: StepBody): Promise<ApplicationView> {
  return inTransaction(ctx, async (trx) => {
    const { record } = await runStep(trx, ctx, wf, {
      id,
      action,
      version: body.version,
      comment: body.comment?.trim() || null,
      payload: { expertUserIds: body.expertUserIds },
    });
    await handOver(trx, ctx, record, body.comment?.trim() || null);
    return presentApplication(trx, ctx, record);
  });
}

export async function declare(ctx: Ctx, id: string): Promise<ApplicationView> {
  return inTransaction(ctx, async (trx) => {
    const r = await loadInScope(trx, ctx, id);
    await declareNoConflict(trx, ctx, r);
    return presentApplication(trx, ctx, r);
  });
}

export async function review(ctx: Ctx, id: string, input: ReviewInput): Promise<ApplicationView> {
  return inTransaction(ctx, async (trx) => {
    const r = await loadInScope(trx, ctx, id);
    await submitReview(trx, ctx, r, input);
    return presentApplication(trx, ctx, r);
  });
}

export async function supervisingUnits(ctx: Ctx) {
  authorize(ctx.actor, "supervisingUnit.list");
  const rows = await supervisingUnitQuery(ctx.db)
    .select(["organizations.id", "organizations.name", "organizations.type"])
    .orderBy("organizations.type")
    .orderBy("organizations.name")
    .limit(500)
    .execute();
  return { items: rows as Array<{ id: string; name: string; type: OrgType }> };
}
