// Violations (第二十条): the bureau or a base's supervising unit records 乱办班、乱收费、乱发证 or another
// violation against a base with facts, evidence and the persons responsible; the bureau confirms it
// (the base is revoked and a dishonesty record published) or dismisses it with a reason.
import { VIOLATION_KIND_NAMES, type ViolationCreateBody, type ViolationListItem, type ViolationStepBody, type ViolationView } from "../../../shared/supervision/violations.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { readStoredFile } from "../../platform/files.js";
import { newId } from "../../platform/ids.js";
import { pageOf, type Page, type PageRequest } from "../../platform/paging.js";
import { availableActions, historyOf, runStep } from "../../platform/workflow.js";
import { usersWithRole } from "../accreditation/queries.js";
import { baseScope, loadBaseFacts, requireText } from "../filing/bases.js";
import { notify } from "../notifications/service.js";
import { liveRecordCount, recordIdOfViolation } from "./dishonesty-records.js";
import * as q from "./violation-queries.js";
import { violationWorkflow as wf } from "./violation-workflow.js";

const link = (id: string) => `/violations/${id}`;

async function present(trx: Tx, ctx: Ctx, r: q.ViolationRecord): Promise<ViolationView> {
  const [history, actions, evidence, dishonestyRecordId, hostOrgLiveRecords] = await Promise.all([
    historyOf(trx, "violation", r.id),
    availableActions(trx, ctx, wf, r),
    q.evidenceNames(trx, r),
    recordIdOfViolation(trx, r.id),
    liveRecordCount(trx, r.hostOrgId, ctx.clock.today()),
  ]);
  return {
    id: r.id,
    status: r.status as ViolationView["status"],
    baseId: r.baseId,
    baseName: r.baseName,
    baseStatus: r.baseStatus,
    hostOrgId: r.hostOrgId,
    hostOrgName: r.hostOrgName,
    supervisorOrgId: r.supervisorOrgId,
    supervisorOrgName: r.supervisorOrgName,
    kind: r.kind,
    facts: r.facts,
    evidence,
    responsiblePersons: r.responsiblePersons,
    projectId: r.projectId,
    projectTitle: r.projectTitle,
    projectFilingNo: r.projectFilingNo,
    basis: r.basis,
    decisionNo: r.decisionNo,
    decisionComment: r.decisionComment,
    reportedByName: r.reportedByName,
    decidedByName: r.decidedByName,
    decidedAt: r.decidedAt,
    dishonestyRecordId,
    hostOrgLiveRecords,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
    availableActions: actions,
    history,
  };
}

async function loadInScope(trx: Tx, ctx: Ctx, id: string): Promise<q.ViolationRecord> {
  const r = await q.loadViolation(trx, id);
  if (!r || !can(ctx.actor, "violation.read", q.violationScopeOf(r))) throw new DomainError("NOT_FOUND");
  return r;
}

export async function getViolation(ctx: Ctx, id: string): Promise<ViolationView> {
  return present(ctx.db, ctx, await loadInScope(ctx.db, ctx, id));
}

export async function listViolations(ctx: Ctx, query: PageRequest & q.ViolationFilter): Promise<Page<ViolationListItem>> {
  const scope = q.violationListScope(ctx.actor);
  if (!scope) throw new DomainError("FORBIDDEN");
  return pageOf(
    query,
    (limit, offset) => q.listViolations(ctx.db, scope, query, limit, offset),
    () => q.countViolations(ctx.db, scope, query),
  );
}

/** The facts and the persons responsible, trimmed; blank ones refused (the schema let whitespace through). */
function cleanInput(input: ViolationCreateBody) {
  requireText(input.facts, 5, "违法事实");
  const persons = (input.responsiblePersons ?? []).map((p) => ({ name: p.name.trim(), post: p.post.trim() }));
  for (const p of persons) requireText(p.name, 1, "责任人姓名");
  return { facts: input.facts.trim(), persons, fileIds: [...new Set(input.evidenceFileIds ?? [])] };
}

/** 第二十条: the bureau (any base) or the base's supervising unit (its own bases) records a violation. */
export async function createViolation(ctx: Ctx, input: ViolationCreateBody): Promise<ViolationView> {
  authorize(ctx.actor, "violation.create");
  return inTransaction(ctx, (trx) => recordViolation(trx, ctx, input));
}

/** createViolation inside the caller's transaction (a risk flag turned into a violation, issue 12 item 4). */
export async function recordViolation(trx: Tx, ctx: Ctx, input: ViolationCreateBody): Promise<ViolationView> {
  const base = await loadBaseFacts(trx, input.baseId);
  if (!base || !can(ctx.actor, "violation.create", baseScope(base))) throw new DomainError("NOT_FOUND");
  const { facts, persons, fileIds } = cleanInput(input);
  const owned = await q.filesUploadedBy(trx, ctx.actor!.id, fileIds);
  const missing = fileIds.filter((id) => !owned.has(id));
  if (missing.length) throw new DomainError("EVIDENCE_FILE_INVALID", { fileIds: missing.join(",") });
  if (input.projectId) {
    const project = await trx.selectFrom("trainingProjects").select("baseId").where("id", "=", input.projectId).executeTakeFirst();
    if (project?.baseId !== base.id) throw new DomainError("VIOLATION_PROJECT_MISMATCH");
  }
  const id = newId();
  const now = ctx.clock.nowIso();
  await trx
    .insertInto("violations")
    .values({
      id,
      baseId: base.id,
      kind: input.kind,
      status: wf.initial,
      facts,
      evidenceFileIds: JSON.stringify(fileIds),
      responsiblePersons: JSON.stringify(persons),
      projectId: input.projectId ?? null,
      basis: null,
      decisionNo: null,
      decisionComment: null,
      reportedBy: ctx.actor!.id,
      decidedBy: null,
      decidedAt: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
    })
    .execute();
  await appendAudit(trx, ctx, {
    action: "violation.create",
    resourceType: "violation",
    resourceId: id,
    detail: { baseId: base.id, kind: input.kind, projectId: input.projectId ?? null, evidence: fileIds.length, responsiblePersons: persons.length, article: "第二十条" },
  });
  // Hand-over: the bureau decides; the supervising unit hears of a report against its base.
  const people = [...(await usersWithRole(trx, "bureau")), ...(await usersWithRole(trx, "supervisor", base.supervisorOrgId))];
  await notify(trx, ctx, people, "supervision.violations.reported", { baseName: base.name, kind: VIOLATION_KIND_NAMES[input.kind] }, link(id));
  return present(trx, ctx, (await q.loadViolation(trx, id))!);
}

/** Confirm or dismiss (the bureau). A violation already decided says so (409), whatever version the client held. */
export async function decideViolation(ctx: Ctx, id: string, action: string, body: ViolationStepBody): Promise<ViolationView> {
  return inTransaction(ctx, async (trx) => {
    const before = await loadInScope(trx, ctx, id);
    if (before.status !== "reported" && (action === "confirm" || action === "dismiss")) {
      authorize(ctx.actor, `violation.${action}`, q.violationScopeOf(before), ["bureau"]);
      throw new DomainError("VIOLATION_ALREADY_DECIDED", { status: before.status });
    }
    const comment = body.comment?.trim() || null;
    const { record } = await runStep(trx, ctx, wf, { id, action, version: body.version, comment, payload: body.payload });
    const params = { baseName: record.baseName, kind: VIOLATION_KIND_NAMES[record.kind], decisionNo: record.decisionNo, comment };
    const supervisors = await usersWithRole(trx, "supervisor", record.supervisorOrgId);
    if (record.status === "confirmed") {
      // 第二十条: the base and its supervising unit learn of the sanction and its record.
      const staff = await usersWithRole(trx, "base_staff", record.hostOrgId);
      await notify(trx, ctx, [...staff, ...supervisors], "supervision.violations.confirmed", params, link(id));
    } else {
      const reporter = record.reportedBy ? [record.reportedBy] : [];
      await notify(trx, ctx, [...supervisors, ...reporter], "supervision.violations.dismissed", params, link(id));
    }
    return present(trx, ctx, record);
  });
}

/** An evidence file of a violation, to whoever may read the violation. */
export async function violationEvidence(ctx: Ctx, id: string, fileId: string): Promise<{ bytes: Buffer; mime: string; name: string }> {
  const r = await loadInScope(ctx.db, ctx, id);
  if (!r.evidenceFileIds.includes(fileId)) throw new DomainError("NOT_FOUND");
  const file = await ctx.db.selectFrom("files").select("mime").where("id", "=", fileId).executeTakeFirst();
  if (!file) throw new DomainError("NOT_FOUND");
  const name = (await q.evidenceNames(ctx.db, { ...r, evidenceFileIds: [fileId] }))[0].name;
  return { bytes: await readStoredFile(ctx.config.dataDir, fileId), mime: file.mime, name };
}
