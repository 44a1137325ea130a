// 第十六条, 第十七条: a training project is filed online before class start (备案), in a filed annual
// plan or as an ad-hoc filing (一事一报). Only a filed project may enrol, check in, certify and count
// hours. Filing happens at once when every rule holds (rules.ts); the supervising unit or the bureau
// may return a filed project before it starts, which un-files it.
import { sql, type ExpressionBuilder, type Kysely } from "kysely";
import type { Database } from "../../db/schema.js";
import type { ProjectCategory, ProjectInput, ProjectListItem, ProjectSession, ProjectStatus, ProjectTeacher, ProjectView, SubjectType, TrainingMode } from "../../../shared/filing.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can, scopeWhere, withDraft } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { keysetPage, type KeysetList, type KeysetRequest } from "../../platform/keyset.js";
import type { KeysetPaged } from "../../../shared/api.js";
import { availableActions, defineWorkflow, historyOf, requireComment, runStep } from "../../platform/workflow.js";
import { nextNumber, usersWithRole } from "../accreditation/queries.js";
import { notify } from "../notifications/service.js";
import { policyAt } from "../policy/service.js";
import { completionGuard, concludeProject } from "../delivery/completion.js";
import { BASE_SCOPE_COLUMNS, baseScope, loadBaseFacts, requireText, type BaseFacts } from "./bases.js";
import { parsePlanItems } from "./plans.js";
import { checkCompletionAttendance, filingViolations, latestFilingDate, refuse } from "./rules.js";
import { containsText, indexedTextMatch, PROJECT_TITLE } from "../../platform/search.js";

export interface ProjectRecord {
  id: string;
  status: string;
  version: number;
  base: BaseFacts;
  hostOrgId: string;
  supervisorOrgId: string;
  annualPlanId: string | null;
  planItemKey: string | null;
  adHoc: boolean;
  adHocReason: string | null;
  title: string;
  subjectType: SubjectType;
  category: ProjectCategory;
  specialty: string;
  startDate: string;
  endDate: string;
  hours: number;
  mode: TrainingMode;
  venue: string;
  capacity: number;
  feeFen: number;
  teachers: ProjectTeacher[];
  sessions: Array<ProjectSession & { id: string }>;
  description: string;
  filingNo: string | null;
  filedAt: string | null;
  concludedAt: string | null;
  /** 第十七条: the share of sessions a person must attend to complete (null: the policy's). */
  completionAttendance: number | null;
  createdAt: string;
  updatedAt: string;
}

export async function loadSessions(trx: Tx, projectId: string): Promise<Array<ProjectSession & { id: string }>> {
  const rows = await trx
    .selectFrom("projectSessions")
    .select(["id", "date", "startTime", "endTime", "title", "teacher", "hours"])
    .where("projectId", "=", projectId)
    .orderBy("seq")
    .execute();
  return rows.map((s) => ({ ...s, hours: Number(s.hours) }));
}

export async function loadProject(trx: Tx, id: string): Promise<ProjectRecord | undefined> {
  const r = await trx.selectFrom("trainingProjects").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) return undefined;
  const [base, sessions] = await Promise.all([loadBaseFacts(trx, r.baseId), loadSessions(trx, r.id)]);
  return {
    ...r,
    base: base!,
    hostOrgId: base!.hostOrgId,
    supervisorOrgId: base!.supervisorOrgId,
    version: Number(r.version),
    adHoc: !!Number(r.adHoc),
    subjectType: r.subjectType as SubjectType,
    category: r.category as ProjectCategory,
    mode: r.mode as TrainingMode,
    hours: Number(r.hours),
    capacity: Number(r.capacity),
    feeFen: Number(r.feeFen),
    completionAttendance: r.completionAttendance == null ? null : Number(r.completionAttendance),
    teachers: JSON.parse(r.teachers),
    sessions,
  };
}

/** 第十七条: once class has started, the filing stands (returning or cancelling it would orphan attendance). */
const beforeStart = (ctx: Ctx, r: ProjectRecord) => {
  if (ctx.clock.today() >= r.startDate) throw new DomainError("PROJECT_ALREADY_STARTED", { startDate: r.startDate });
};

export const projectWorkflow = defineWorkflow<ProjectRecord>({
  resourceType: "trainingProject",
  table: "trainingProjects",
  initial: "draft",
  scopeOf: (r) => withDraft(baseScope(r), r.status),
  load: loadProject,
  transitions: [
    {
      from: ["draft", "returned"],
      action: "submit",
      to: "filed",
      roles: ["base_staff"],
      article: "第十六条",
      guard: async (trx, ctx, r, input) => {
        // Offered on any draft: submitting is what names the broken rules.
        if (input.probe) return;
        refuse(await filingViolations(trx, ctx.clock.today(), { ...r }));
      },
      effect: async (trx, ctx, r) => {
        const year = Number(ctx.clock.today().slice(0, 4));
        const { params } = await policyAt(trx, ctx.clock.today());
        const filingNo = `${params.cityName.slice(0, 1)}继教备〔${year}〕${await nextNumber(trx, `filing:${year}`)}号`;
        await trx.updateTable("trainingProjects").set({ filingNo, filedAt: ctx.clock.nowIso() }).where("id", "=", r.id).execute();
        return { filingNo, adHoc: r.adHoc, annualPlanId: r.annualPlanId };
      },
    },
    {
      from: "filed",
      action: "return",
      to: "returned",
      roles: ["supervisor", "bureau"],
      article: "第十六条",
      guard: async (_trx, ctx, r, input) => {
        beforeStart(ctx, r);
        await requireComment(_trx, ctx, r, input);
      },
      effect: async (trx, _ctx, r) => {
        // Returning un-files the project: it may not run in the base's name until filed again.
        await trx.updateTable("trainingProjects").set({ filingNo: null, filedAt: null }).where("id", "=", r.id).execute();
        return { previousFilingNo: r.filingNo };
      },
    },
    { from: ["draft", "returned"], action: "cancel", to: "cancelled", roles: ["base_staff"], article: "第十六条" },
    {
      from: "filed",
      action: "cancel",
      to: "cancelled",
      roles: ["base_staff"],
      article: "第十六条",
      guard: async (_trx, ctx, r, input) => {
        beforeStart(ctx, r);
        await requireComment(_trx, ctx, r, input);
      },
    },
    { from: "filed", action: "start", to: "running", roles: [], system: true, article: "第十七条" },
    { from: "running", action: "finish", to: "completed", roles: [], system: true, article: "第十七条" },
    // 第十七条, 第二十四条: after the last session the base decides who completed (delivery/completion.ts)
    { from: ["filed", "running", "completed"], action: "complete", to: "completed", roles: ["base_staff"], article: "第十七条", guard: completionGuard, effect: concludeProject },
  ],
});

async function latestOrNull(trx: Tx, today: string, startDate: string): Promise<string | null> {
  try {
    return (await latestFilingDate(trx, today, startDate)).latest;
  } catch (e) {
    if (e instanceof DomainError) return null;
    throw e;
  }
}

async function present(trx: Tx, ctx: Ctx, r: ProjectRecord): Promise<ProjectView> {
  const [history, actions, latest] = await Promise.all([
    historyOf(trx, "trainingProject", r.id),
    availableActions(trx, ctx, projectWorkflow, r),
    latestOrNull(trx, ctx.clock.today(), r.startDate),
  ]);
  return {
    id: r.id,
    status: r.status as ProjectStatus,
    version: r.version,
    baseId: r.base.id,
    baseName: r.base.name,
    district: r.base.district,
    annualPlanId: r.annualPlanId,
    planItemKey: r.planItemKey,
    adHoc: r.adHoc,
    adHocReason: r.adHocReason,
    title: r.title,
    subjectType: r.subjectType,
    category: r.category,
    specialty: r.specialty,
    startDate: r.startDate,
    endDate: r.endDate,
    hours: r.hours,
    mode: r.mode,
    venue: r.venue,
    capacity: r.capacity,
    feeFen: r.feeFen,
    teachers: r.teachers,
    sessions: r.sessions,
    description: r.description,
    completionAttendance: r.completionAttendance,
    latestFilingDate: latest,
    filingNo: r.filingNo,
    filedAt: r.filedAt,
    concludedAt: r.concludedAt,
    history,
    availableActions: actions,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

async function loadInScope(trx: Tx, ctx: Ctx, id: string): Promise<ProjectRecord> {
  const r = await loadProject(trx, id);
  if (!r || !can(ctx.actor, "trainingProject.read", withDraft(baseScope(r), r.status))) throw new DomainError("NOT_FOUND");
  return r;
}

export async function getProject(ctx: Ctx, id: string): Promise<ProjectView> {
  return present(ctx.db, ctx, await loadInScope(ctx.db, ctx, id));
}

function contentOf(input: ProjectInput, category: ProjectCategory) {
  const adHoc = !!input.adHoc;
  return {
    category,
    annualPlanId: adHoc ? null : (input.annualPlanId ?? null),
    planItemKey: adHoc ? null : (input.planItemKey ?? null),
    adHoc: adHoc ? 1 : 0,
    adHocReason: adHoc ? (input.adHocReason?.trim() ?? null) : null,
    title: input.title.trim(),
    subjectType: input.subjectType,
    specialty: input.specialty.trim(),
    startDate: input.startDate,
    endDate: input.endDate,
    hours: input.hours,
    mode: input.mode,
    venue: input.venue.trim(),
    capacity: input.capacity,
    feeFen: input.feeFen,
    teachers: JSON.stringify(input.teachers),
    description: input.description?.trim() ?? "",
    completionAttendance: input.completionAttendance ?? null,
  };
}

/** Sessions sent back with their id keep it (check-ins stay attached); the rest are new; missing ones go. */
async function writeSessions(trx: Tx, projectId: string, sessions: readonly ProjectSession[]): Promise<void> {
  const existing = new Set((await trx.selectFrom("projectSessions").select("id").where("projectId", "=", projectId).execute()).map((s) => s.id));
  const kept = new Set<string>();
  for (const [seq, s] of sessions.entries()) {
    const values = { seq, date: s.date, startTime: s.startTime, endTime: s.endTime, title: s.title.trim(), teacher: s.teacher.trim(), hours: s.hours };
    if (s.id && existing.has(s.id) && !kept.has(s.id)) {
      kept.add(s.id);
      await trx.updateTable("projectSessions").set(values).where("id", "=", s.id).execute();
    } else {
      await trx.insertInto("projectSessions").values({ id: newId(), projectId, ...values }).execute();
    }
  }
  const gone = [...existing].filter((id) => !kept.has(id));
  if (gone.length) await trx.deleteFrom("projectSessions").where("id", "in", gone).execute();
}

/**
 * What a save checks beyond the schema: the named plan is this base's, texts are not blank, and the
 * project's completion rule is not stricter than the policy (checked again on filing).
 */
async function checkContent(trx: Tx, baseId: string, input: ProjectInput): Promise<void> {
  requireText(input.title, 2, "项目名称");
  for (const s of input.sessions) requireText(s.title, 1, "课程内容");
  for (const t of input.teachers) requireText(t.name, 1, "教师姓名");
  await checkCompletionAttendance(trx, input);
  if (input.adHoc || !input.annualPlanId) return;
  const plan = await trx.selectFrom("annualPlans").select("baseId").where("id", "=", input.annualPlanId).executeTakeFirst();
  // Another base's plan is as unknown as a made-up id: nothing about it leaks.
  if (!plan || plan.baseId !== baseId) throw new DomainError("PLAN_MISMATCH", { year: Number(input.startDate.slice(0, 4)) });
}

/**
 * 第十条: a new project names its category; one carrying out a planned project takes the plan item's
 * when none is sent (the form proposes it too).
 */
async function categoryFor(trx: Tx, input: ProjectInput): Promise<ProjectCategory> {
  if (input.category) return input.category;
  if (!input.adHoc && input.annualPlanId && input.planItemKey) {
    const plan = await trx.selectFrom("annualPlans").select("items").where("id", "=", input.annualPlanId).executeTakeFirst();
    const item = plan && parsePlanItems(plan.items).find((it) => it.key === input.planItemKey);
    if (item) return item.category;
  }
  throw new DomainError("VALIDATION_FAILED", { field: "category", reason: "第十条: 请选择项目类别" });
}

export async function createProject(ctx: Ctx, input: ProjectInput): Promise<ProjectView> {
  return inTransaction(ctx, async (trx) => {
    const base = await loadBaseFacts(trx, input.baseId);
    if (!base || !can(ctx.actor, "trainingProject.read", baseScope(base))) throw new DomainError("NOT_FOUND");
    authorize(ctx.actor, "trainingProject.create", baseScope(base));
    await checkContent(trx, base.id, input);
    const category = await categoryFor(trx, input);
    const now = ctx.clock.nowIso();
    const id = newId();
    await trx
      .insertInto("trainingProjects")
      .values({ id, baseId: base.id, status: "draft", ...contentOf(input, category), filingNo: null, filedAt: null, createdBy: ctx.actor!.id, createdAt: now, updatedAt: now, version: 1 })
      .execute();
    await writeSessions(trx, id, input.sessions);
    await appendAudit(trx, ctx, { action: "trainingProject.create", resourceType: "trainingProject", resourceId: id, detail: { baseId: base.id, title: input.title, category, adHoc: !!input.adHoc, completionAttendance: input.completionAttendance ?? null } });
    return present(trx, ctx, (await loadProject(trx, id))!);
  });
}

export async function updateProject(ctx: Ctx, id: string, input: ProjectInput & { version: number }): Promise<ProjectView> {
  return inTransaction(ctx, async (trx) => {
    const r = await loadInScope(trx, ctx, id);
    authorize(ctx.actor, "trainingProject.update", baseScope(r));
    if (input.version !== r.version) throw new DomainError("VERSION_CONFLICT", { currentVersion: r.version });
    if (r.status !== "draft" && r.status !== "returned") throw new DomainError("PROJECT_NOT_EDITABLE");
    if (input.baseId !== r.base.id) throw new DomainError("VALIDATION_FAILED", { reason: "baseId cannot change" });
    await checkContent(trx, r.base.id, input);
    const res = await trx
      .updateTable("trainingProjects")
      .set({ ...contentOf(input, input.category ?? r.category), updatedAt: ctx.clock.nowIso(), version: r.version + 1 })
      .where("id", "=", id)
      .where("version", "=", r.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
    await writeSessions(trx, id, input.sessions);
    await appendAudit(trx, ctx, { action: "trainingProject.update", resourceType: "trainingProject", resourceId: id, detail: { title: input.title, category: input.category ?? r.category, completionAttendance: input.completionAttendance ?? null } });
    return present(trx, ctx, (await loadProject(trx, id))!);
  });
}

export async function takeProjectStep(ctx: Ctx, id: string, action: string, body: { version?: number; comment?: string }): Promise<ProjectView> {
  return inTransaction(ctx, async (trx) => {
    const comment = body.comment?.trim() || null;
    const { record } = await runStep(trx, ctx, projectWorkflow, { id, action, version: body.version, comment });
    if (action === "return") {
      await notify(trx, ctx, await usersWithRole(trx, "base_staff", record.hostOrgId), "project.returned", { title: record.title, comment }, `/training-projects/${record.id}`);
    }
    return present(trx, ctx, record);
  });
}

export interface ProjectFilter {
  status?: ProjectStatus;
  baseId?: string;
  subjectType?: SubjectType;
  category?: ProjectCategory;
  adHoc?: boolean;
  from?: string;
  to?: string;
  q?: string;
}

/** `namedBaseIds`: basesNamed(f.q), read before the query is built. */
export function projectQuery(ctx: Ctx, f: ProjectFilter, namedBaseIds: readonly string[]) {
  const where = scopeWhere<any, "bases">(ctx.actor, "trainingProject.read", { ...BASE_SCOPE_COLUMNS, draftStatus: "trainingProjects.status" });
  if (!where) throw new DomainError("FORBIDDEN");
  let q = ctx.db
    .selectFrom("trainingProjects")
    .innerJoin("bases", "bases.id", "trainingProjects.baseId")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId")
    .where(where);
  if (f.status) q = q.where("trainingProjects.status", "=", f.status);
  if (f.baseId) q = q.where("trainingProjects.baseId", "=", f.baseId);
  if (f.subjectType) q = q.where("trainingProjects.subjectType", "=", f.subjectType);
  if (f.category) q = q.where("trainingProjects.category", "=", f.category);
  if (f.adHoc !== undefined) q = q.where("trainingProjects.adHoc", "=", f.adHoc ? 1 : 0);
  if (f.from) q = q.where("trainingProjects.endDate", ">=", f.from);
  if (f.to) q = q.where("trainingProjects.startDate", "<=", f.to);
  if (f.q?.trim()) q = q.where(titleOrBaseLike(ctx.db, f.q, namedBaseIds));
  return q;
}

/** The ids of the bases whose name contains the text (bases are few: a read of their table), for titleOrBaseLike. */
export async function basesNamed(db: Kysely<any>, text: string | undefined): Promise<string[]> {
  if (!text?.trim()) return [];
  const rows = await db.selectFrom("bases").select("bases.id").where(containsText("bases.name", text.trim())).execute();
  return rows.map((r) => r.id as string);
}

/**
 * The search box of project lists: a project's title through its indexes (1–2 characters: the title's
 * beginning; 3 or more: any part, issue 13 item 3) or its base's name anywhere, given as the ids
 * basesNamed found, so both arms are index conditions PostgreSQL can OR as bitmaps (a subquery arm
 * would be a filter over every row).
 */
export function titleOrBaseLike(db: Kysely<any>, text: string, namedBaseIds: readonly string[]) {
  return (eb: ExpressionBuilder<Database, "trainingProjects" | "bases">) =>
    namedBaseIds.length ? eb.or([indexedTextMatch(db, PROJECT_TITLE, text), eb("trainingProjects.baseId", "in", [...namedBaseIds])]) : indexedTextMatch(db, PROJECT_TITLE, text);
}

const LIST_COLUMNS = [
  "trainingProjects.id",
  "trainingProjects.status",
  "trainingProjects.baseId",
  "bases.name as baseName",
  "supervisor.name as supervisorOrgName",
  "bases.district",
  "trainingProjects.title",
  "trainingProjects.subjectType",
  "trainingProjects.category",
  "trainingProjects.specialty",
  "trainingProjects.startDate",
  "trainingProjects.endDate",
  "trainingProjects.hours",
  "trainingProjects.mode",
  "trainingProjects.capacity",
  "trainingProjects.feeFen",
  "trainingProjects.adHoc",
  "trainingProjects.filingNo",
  "trainingProjects.filedAt",
  "trainingProjects.updatedAt",
] as const;

/** The list under the same filter as the streamed export reads it (issue 13 item 5): the fee in yuan. */
export async function projectsExport(ctx: Ctx, f: ProjectFilter) {
  return projectQuery(ctx, f, await basesNamed(ctx.db, f.q)).select([...LIST_COLUMNS, sql<number>`training_projects.fee_fen / 100.0`.as("feeYuan")]);
}

/** The projects' list order, latest start first, both keys one way so the cursor is one row-value range of training_projects_start_id_idx. */
export const PROJECT_ORDER: KeysetList<{ id: string; startDate: string }> = {
  keys: [
    { ref: "trainingProjects.startDate", dir: "desc" },
    { ref: "trainingProjects.id", dir: "desc" },
  ],
  select: (q) => q.select(LIST_COLUMNS),
  keyOf: (r) => [r.startDate, r.id],
};

export async function listProjects(ctx: Ctx, f: KeysetRequest & ProjectFilter): Promise<KeysetPaged<ProjectListItem>> {
  const paged = await keysetPage(ctx.db, projectQuery(ctx, f, await basesNamed(ctx.db, f.q)), PROJECT_ORDER, f);
  const items = (paged.items as Record<string, any>[]).map((r) => ({
    ...(r as ProjectListItem),
    status: r.status as ProjectStatus,
    subjectType: r.subjectType as SubjectType,
    category: r.category as ProjectCategory,
    mode: r.mode as TrainingMode,
    hours: Number(r.hours),
    capacity: Number(r.capacity),
    feeFen: Number(r.feeFen),
    adHoc: !!Number(r.adHoc),
  }));
  return { ...paged, items };
}

/** The filing form asks as soon as a start date is chosen: the last day to file, and whether today is in time. */
export async function filingDate(ctx: Ctx, startDate: string) {
  authorize(ctx.actor, "calendar.read");
  const today = ctx.clock.today();
  const { latest, leadWorkdays } = await latestFilingDate(ctx.db, today, startDate);
  return { startDate, latestFilingDate: latest, leadWorkdays, inTime: today <= latest, today };
}
