// 第十六条: each December a base reports next year's training plan (年度培训计划) together with the
// execution summary of the year ending (执行情况总结). Supervising unit approves, the bureau files.
// Late plans are still accepted and marked `late`.
import type { AnnualPlanInput, AnnualPlanListItem, AnnualPlanView, PlannedProject, PlanStatus, PlanSummary } from "../../../shared/filing.js";
import { PUBLIC_PROJECT_STATUSES } from "../../../shared/filing.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can, scopeWhere, withDraft } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { isUniqueViolation, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { availableActions, defineWorkflow, historyOf, requireComment, runStep } from "../../platform/workflow.js";
import { usersWithRole } from "../accreditation/queries.js";
import { notify } from "../notifications/service.js";
import { policyAt } from "../policy/service.js";
import { BASE_SCOPE_COLUMNS, baseScope, loadBaseFacts, requireActive, requireText } from "./bases.js";
import { containsText } from "../../platform/search.js";

export interface PlanRecord {
  id: string;
  status: string;
  version: number;
  baseId: string;
  baseName: string;
  hostOrgId: string;
  supervisorOrgId: string;
  baseStatus: string;
  district: string;
  year: number;
  items: Array<PlannedProject & { key: string }>;
  summary: PlanSummary;
  note: string;
  dueDate: string;
  late: boolean;
  submittedAt: string | null;
  filedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export async function loadPlan(trx: Tx, id: string): Promise<PlanRecord | undefined> {
  const r = await trx
    .selectFrom("annualPlans")
    .innerJoin("bases", "bases.id", "annualPlans.baseId")
    .selectAll("annualPlans")
    .select(["bases.name as baseName", "bases.hostOrgId", "bases.supervisorOrgId", "bases.status as baseStatus", "bases.district"])
    .where("annualPlans.id", "=", id)
    .executeTakeFirst();
  if (!r) return undefined;
  return {
    ...r,
    year: Number(r.year),
    version: Number(r.version),
    items: parsePlanItems(r.items),
    summary: JSON.parse(r.summary),
    late: !!Number(r.late),
  };
}

/** 第十条: items saved before categories existed read as `other`. */
export function parsePlanItems(json: string): Array<PlannedProject & { key: string }> {
  return (JSON.parse(json) as Array<PlannedProject & { key: string }>).map((it) => ({ ...it, category: it.category ?? "other" }));
}

/** 第十六条: the plan of year Y is due by `annualPlanDue` (12-31) of year Y−1. */
export async function dueDateOf(trx: Tx, today: string, year: number): Promise<string> {
  const { params } = await policyAt(trx, today);
  return `${year - 1}-${params.annualPlanDue}`;
}

/** 第十六条: a plan lists what the base means to run that year; each planned project within it. */
export function checkItems(year: number, items: readonly PlannedProject[]): void {
  if (items.length === 0) throw new DomainError("PLAN_EMPTY");
  checkItemDates(year, items);
}

/** 第十六条: the plan of year Y lists year Y's projects, so a draft is refused an item dated outside Y too. */
function checkItemDates(year: number, items: readonly PlannedProject[]): void {
  for (const it of items) {
    if (it.plannedEnd < it.plannedStart) throw new DomainError("PLAN_ITEM_INVALID", { title: it.title, reason: "计划结束日期早于开始日期" });
    if (!it.plannedStart.startsWith(`${year}-`) || !it.plannedEnd.startsWith(`${year}-`)) {
      throw new DomainError("PLAN_ITEM_INVALID", { title: it.title, reason: `计划日期须在 ${year} 年内` });
    }
  }
}

export const planWorkflow = defineWorkflow<PlanRecord>({
  resourceType: "annualPlan",
  table: "annualPlans",
  initial: "draft",
  scopeOf: (r) => withDraft(baseScope(r), r.status),
  load: loadPlan,
  transitions: [
    {
      from: ["draft", "returned"],
      action: "submit",
      to: "submitted",
      roles: ["base_staff"],
      article: "第十六条",
      guard: async (_trx, _ctx, r, input) => {
        requireActive({ ...r, name: r.baseName, status: r.baseStatus, id: r.baseId, supervisorOrgName: "" });
        // Offered on an empty draft too: submitting is what says the plan lists nothing.
        if (!input.probe) checkItems(r.year, r.items);
      },
      effect: async (trx, ctx, r) => {
        // 第十六条: due by 31 December; a later plan is accepted and marked late. Lateness is judged by the
        // first submission: a plan reported on time and returned for corrections met the deadline.
        if (r.submittedAt) return { late: r.late, dueDate: r.dueDate, resubmitted: true };
        const late = ctx.clock.today() > r.dueDate;
        await trx.updateTable("annualPlans").set({ submittedAt: ctx.clock.nowIso(), late: late ? 1 : 0 }).where("id", "=", r.id).execute();
        return { late, dueDate: r.dueDate };
      },
    },
    { from: "submitted", action: "approve", to: "approved", roles: ["supervisor"], article: "第十六条" },
    { from: "submitted", action: "return", to: "returned", roles: ["supervisor"], article: "第十六条", guard: requireComment },
    { from: "approved", action: "return", to: "returned", roles: ["bureau"], article: "第十六条", guard: requireComment },
    {
      from: "approved",
      action: "file",
      to: "filed",
      roles: ["bureau"],
      article: "第十六条",
      effect: async (trx, ctx, r) => {
        await trx.updateTable("annualPlans").set({ filedAt: ctx.clock.nowIso() }).where("id", "=", r.id).execute();
      },
    },
  ],
});

async function present(trx: Tx, ctx: Ctx, r: PlanRecord): Promise<AnnualPlanView> {
  const [history, actions] = await Promise.all([historyOf(trx, "annualPlan", r.id), availableActions(trx, ctx, planWorkflow, r)]);
  return {
    id: r.id,
    status: r.status as PlanStatus,
    version: r.version,
    baseId: r.baseId,
    baseName: r.baseName,
    year: r.year,
    items: r.items,
    summary: r.summary,
    note: r.note,
    dueDate: r.dueDate,
    late: r.late,
    submittedAt: r.submittedAt,
    filedAt: r.filedAt,
    history,
    availableActions: actions,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
}

async function loadInScope(trx: Tx, ctx: Ctx, id: string): Promise<PlanRecord> {
  const r = await loadPlan(trx, id);
  if (!r || !can(ctx.actor, "annualPlan.read", withDraft(baseScope(r), r.status))) throw new DomainError("NOT_FOUND");
  return r;
}

export async function getPlan(ctx: Ctx, id: string): Promise<AnnualPlanView> {
  return present(ctx.db, ctx, await loadInScope(ctx.db, ctx, id));
}

export interface PlanFilter {
  year?: number;
  status?: PlanStatus;
  baseId?: string;
  late?: boolean;
  q?: string;
}

function planQuery(ctx: Ctx, f: PlanFilter) {
  const where = scopeWhere<any, "bases">(ctx.actor, "annualPlan.read", { ...BASE_SCOPE_COLUMNS, draftStatus: "annualPlans.status" });
  if (!where) throw new DomainError("FORBIDDEN");
  let q = ctx.db
    .selectFrom("annualPlans")
    .innerJoin("bases", "bases.id", "annualPlans.baseId")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId")
    .where(where);
  if (f.year) q = q.where("annualPlans.year", "=", f.year);
  if (f.status) q = q.where("annualPlans.status", "=", f.status);
  if (f.baseId) q = q.where("annualPlans.baseId", "=", f.baseId);
  if (f.late !== undefined) q = q.where("annualPlans.late", "=", f.late ? 1 : 0);
  if (f.q) q = q.where(containsText("bases.name", f.q));
  return q;
}

export async function listPlans(ctx: Ctx, f: PageRequest & PlanFilter): Promise<Page<AnnualPlanListItem>> {
  const { page, pageSize, offset } = pageWindow(f);
  const q = planQuery(ctx, f);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q
      .select([
        "annualPlans.id",
        "annualPlans.status",
        "annualPlans.baseId",
        "bases.name as baseName",
        "supervisor.name as supervisorOrgName",
        "annualPlans.year",
        "annualPlans.items",
        "annualPlans.late",
        "annualPlans.dueDate",
        "annualPlans.submittedAt",
        "annualPlans.filedAt",
        "annualPlans.updatedAt",
      ])
      .orderBy("annualPlans.year", "desc")
      .orderBy("bases.name")
      .limit(pageSize)
      .offset(offset)
      .execute(),
  ]);
  const items = rows.map(({ items: json, ...r }) => ({
    ...r,
    status: r.status as PlanStatus,
    year: Number(r.year),
    itemCount: (JSON.parse(json) as unknown[]).length,
    late: !!Number(r.late),
  }));
  return { items, total: Number(count.n), page, pageSize };
}

/** The most planned projects one plan lists (the schema's limit, kept by imports too). */
export const MAX_PLAN_ITEMS = 500;

/** Keys that stay stable across edits, so the projects filed under a planned project keep pointing at it. */
function keyed(year: number, items: readonly PlannedProject[]): Array<PlannedProject & { key: string }> {
  if (items.length > MAX_PLAN_ITEMS) throw new DomainError("PLAN_TOO_LARGE", { max: MAX_PLAN_ITEMS });
  for (const it of items) requireText(it.title, 2, "计划项目名称");
  checkItemDates(year, items);
  const seen = new Set<string>();
  return items.map((it) => {
    const key = it.key && !seen.has(it.key) ? it.key : newId().replace(/-/g, "").slice(-16);
    seen.add(key);
    return { ...it, key, title: it.title.trim(), specialty: it.specialty.trim() };
  });
}

/**
 * The execution summary of year Y as the platform knows it (第十六条 执行情况总结): each planned project, what
 * became of it, how many people enrolled in it and how many completed. A project filed for dates still to
 * come is `pending`, not cancelled: a summary prefilled in December of Y is written before Y ends.
 */
export async function summaryFor(trx: Tx, baseId: string, year: number, today: string): Promise<PlanSummary> {
  const plan = await trx.selectFrom("annualPlans").select(["id", "items"]).where("baseId", "=", baseId).where("year", "=", year).executeTakeFirst();
  const projects = await trx
    .selectFrom("trainingProjects")
    .select(["id", "annualPlanId", "planItemKey", "status", "hours", "adHoc", "startDate"])
    .where("baseId", "=", baseId)
    .where("startDate", ">=", `${year}-01-01`)
    .where("startDate", "<=", `${year}-12-31`)
    .execute();
  const delivered = new Set<string>(PUBLIC_PROJECT_STATUSES);
  const counted = projects.filter((p) => delivered.has(p.status)).map((p) => p.id);
  // One grouped read over the year's delivered projects (indexed by projectId), not a count per project.
  const people = counted.length
    ? await trx
        .selectFrom("enrollments")
        .select((eb) => [
          "projectId",
          eb.fn.countAll<number>().as("enrolled"),
          eb.fn.sum<number>(eb.case().when("completed", "=", 1).then(1).else(0).end()).as("completed"),
        ])
        .where("projectId", "in", counted)
        .where("status", "=", "enrolled")
        .groupBy("projectId")
        .execute()
    : [];
  const peopleOf = new Map(people.map((r) => [r.projectId, { enrolled: Number(r.enrolled), completed: Number(r.completed ?? 0) }]));
  const items = plan ? parsePlanItems(plan.items) : [];
  const entries = items.map((it) => {
    const mine = projects.filter((p) => p.annualPlanId === plan!.id && p.planItemKey === it.key && delivered.has(p.status));
    const run = mine.filter((p) => p.startDate <= today);
    const pending = run.length === 0 && (mine.length > 0 || it.plannedEnd >= today);
    const sum = (f: (p: (typeof mine)[number]) => number) => run.reduce((s, p) => s + f(p), 0);
    return {
      plannedKey: it.key,
      title: it.title,
      outcome: run.length > 0 ? ("run" as const) : pending ? ("pending" as const) : ("cancelled" as const),
      participants: sum((p) => peopleOf.get(p.id)?.enrolled ?? 0),
      completed: sum((p) => peopleOf.get(p.id)?.completed ?? 0),
      hoursDelivered: sum((p) => Number(p.hours)),
      note: run.length > 0 ? "" : mine.length > 0 ? "已备案，尚未开班" : pending ? "尚未备案，计划日期未到" : noteForUnrun(projects, plan!.id, it.key),
    };
  });
  const adHocProjects = projects.filter((p) => Number(p.adHoc) === 1 && delivered.has(p.status)).length;
  return { year, entries, adHocProjects, narrative: "" };
}

function noteForUnrun(projects: ReadonlyArray<{ annualPlanId: string | null; planItemKey: string | null }>, planId: string, key: string): string {
  return projects.some((p) => p.annualPlanId === planId && p.planItemKey === key) ? "已备案项目被撤销或退回" : "未备案培训项目";
}

function yearWindow(today: string): { minYear: number; maxYear: number } {
  const y = Number(today.slice(0, 4));
  return { minYear: y - 1, maxYear: y + 1 };
}

export async function prefill(ctx: Ctx, baseId: string, year: number): Promise<{ items: PlannedProject[]; summary: PlanSummary }> {
  const base = await loadBaseFacts(ctx.db, baseId);
  if (!base || !can(ctx.actor, "annualPlan.read", baseScope(base))) throw new DomainError("NOT_FOUND");
  return { items: [], summary: await summaryFor(ctx.db, baseId, year - 1, ctx.clock.today()) };
}

export async function createPlan(ctx: Ctx, input: AnnualPlanInput | (Omit<AnnualPlanInput, "summary"> & { summary?: PlanSummary })): Promise<AnnualPlanView> {
  return inTransaction(ctx, async (trx) => {
    const base = await loadBaseFacts(trx, input.baseId);
    if (!base || !can(ctx.actor, "annualPlan.read", baseScope(base))) throw new DomainError("NOT_FOUND");
    authorize(ctx.actor, "annualPlan.create", baseScope(base));
    requireActive(base);
    const today = ctx.clock.today();
    const window = yearWindow(today);
    if (input.year < window.minYear || input.year > window.maxYear) throw new DomainError("PLAN_YEAR_INVALID", window);
    const now = ctx.clock.nowIso();
    const id = newId();
    const summary = input.summary ?? (await summaryFor(trx, base.id, input.year - 1, today));
    try {
      await trx
        .insertInto("annualPlans")
        .values({
          id,
          baseId: base.id,
          year: input.year,
          status: "draft",
          items: JSON.stringify(keyed(input.year, input.items)),
          summary: JSON.stringify({ ...summary, year: input.year - 1 }),
          note: input.note?.trim() ?? "",
          dueDate: await dueDateOf(trx, today, input.year),
          late: 0,
          submittedAt: null,
          filedAt: null,
          createdBy: ctx.actor!.id,
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
    } catch (e) {
      if (isUniqueViolation(e)) throw new DomainError("PLAN_EXISTS", { year: input.year });
      throw e;
    }
    await appendAudit(trx, ctx, { action: "annualPlan.create", resourceType: "annualPlan", resourceId: id, detail: { baseId: base.id, year: input.year, items: input.items.length } });
    return present(trx, ctx, (await loadPlan(trx, id))!);
  });
}

/** Replaces the editable content of a draft or returned plan (the importer uses it too). */
export async function writePlanContent(
  trx: Tx,
  ctx: Ctx,
  r: PlanRecord,
  content: { items: readonly PlannedProject[]; summary: PlanSummary; note?: string },
  version: number,
  detail: Record<string, unknown> = {},
): Promise<void> {
  authorize(ctx.actor, "annualPlan.update", baseScope(r));
  if (version !== r.version) throw new DomainError("VERSION_CONFLICT", { currentVersion: r.version });
  if (r.status !== "draft" && r.status !== "returned") throw new DomainError("PLAN_NOT_EDITABLE");
  const res = await trx
    .updateTable("annualPlans")
    .set({
      items: JSON.stringify(keyed(r.year, content.items)),
      summary: JSON.stringify({ ...content.summary, year: r.year - 1 }),
      note: content.note?.trim() ?? r.note,
      updatedAt: ctx.clock.nowIso(),
      version: r.version + 1,
    })
    .where("id", "=", r.id)
    .where("version", "=", r.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
  await appendAudit(trx, ctx, { action: "annualPlan.update", resourceType: "annualPlan", resourceId: r.id, detail: { items: content.items.length, ...detail } });
}

export async function updatePlan(ctx: Ctx, id: string, input: AnnualPlanInput & { version: number }): Promise<AnnualPlanView> {
  return inTransaction(ctx, async (trx) => {
    const r = await loadInScope(trx, ctx, id);
    // The base and year name the plan; they are not edited.
    if (input.baseId !== r.baseId || input.year !== r.year) throw new DomainError("VALIDATION_FAILED", { reason: "baseId and year cannot change" });
    await writePlanContent(trx, ctx, r, input, input.version);
    return present(trx, ctx, (await loadPlan(trx, id))!);
  });
}

export async function takePlanStep(ctx: Ctx, id: string, action: string, body: { version?: number; comment?: string }): Promise<AnnualPlanView> {
  return inTransaction(ctx, async (trx) => {
    const comment = body.comment?.trim() || null;
    const { record } = await runStep(trx, ctx, planWorkflow, { id, action, version: body.version, comment });
    const params = { baseName: record.baseName, year: record.year, comment };
    const link = `/annual-plans/${record.id}`;
    const staff = () => usersWithRole(trx, "base_staff", record.hostOrgId);
    if (action === "submit") await notify(trx, ctx, await usersWithRole(trx, "supervisor", record.supervisorOrgId), "plan.submitted", params, link);
    if (action === "approve") await notify(trx, ctx, [...(await usersWithRole(trx, "bureau")), ...(await staff())], "plan.approved", params, link);
    if (action === "return") await notify(trx, ctx, await staff(), "plan.returned", params, link);
    if (action === "file") await notify(trx, ctx, await staff(), "plan.filed", params, link);
    return present(trx, ctx, record);
  });
}

export async function loadPlanForEdit(trx: Tx, ctx: Ctx, id: string): Promise<PlanRecord> {
  return loadInScope(trx, ctx, id);
}
