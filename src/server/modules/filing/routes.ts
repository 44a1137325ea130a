// HTTP surface of filing: fee standards, annual plans, training projects and the public calendar.
import { Type, type TProperties, type TSchema } from "typebox";
import { IdParams, KeysetPaged, KeysetQuery, PageQuery, Paged, DateString, Id } from "../../../shared/api.js";
import {
  AnnualPlanInput,
  AnnualPlanListItem,
  AnnualPlanView,
  FEE_STANDARD_STATUSES,
  FeeStandardInput,
  FeeStandardView,
  FilingDateView,
  PLAN_SERVER_FIELDS,
  PLAN_STATUSES,
  PlanFilingStateView,
  PlanSummary,
  PlannedProject,
  PROJECT_SERVER_FIELDS,
  PROJECT_STATUSES,
  ProjectInput,
  ProjectListItem,
  ProjectView,
  ProjectCategorySchema,
  PublicProjectView,
  SubjectTypeSchema,
  type AnnualPlanListItem as PlanRow,
  type PlanFilingStateView as StateRow,
} from "../../../shared/filing.js";
import type { Platform } from "../../platform/context.js";
import { sendWorkbook, type SheetColumn } from "../../platform/excel.js";
import { actorCtx, contentDisposition, ctxOf } from "../../platform/http.js";
import { EXPORT_LIMIT, withinExportLimit } from "../../platform/paging.js";
import { sendStreamedExport, type ExportColumn } from "../../platform/streamed-export.js";

/** An in-memory export of a paged list: refused (422) rather than cut short when the list holds more than the limit. */
const inExport = <T>(page: { items: T[]; total: number }) => withinExportLimit(page.items, page.total);
import { errorResponses, type Router } from "../../platform/routing.js";
import { policyAt } from "../policy/service.js";
import { CATEGORY_NAMES } from "./categories.js";
import { decideFeeStandard, listFeeStandards, recordFeeStandard } from "./fees.js";
import { importPlanItems, planTemplate } from "./plan-excel.js";
import { filingStatus } from "./plan-status.js";
import * as plans from "./plans.js";
import * as projects from "./projects.js";
import { listPublicProjects, publicProject, publicProjectsIcs } from "./public.js";

const StepBody = Type.Object(
  { version: Type.Optional(Type.Integer({ minimum: 1 })), comment: Type.Optional(Type.String({ maxLength: 2000 })) },
  { additionalProperties: false },
);
const Bool = Type.Boolean();
const Search = Type.Optional(Type.String({ maxLength: 50 }));

/**
 * A body that also tolerates the server's own fields a client sends back from GET (they are ignored):
 * what GET answers, less those fields, is what POST and PATCH accept. PATCH requires the version it
 * read (optimistic locking); POST, which creates, ignores a version like the rest.
 */
function withServerFields(props: Record<string, TSchema>, serverFields: readonly string[], version: "required" | "ignored" = "required") {
  const ignored = Object.fromEntries(serverFields.filter((f) => f !== "version").map((f) => [f, Type.Optional(Type.Unknown())]));
  const versionField = version === "required" ? Type.Integer({ minimum: 1 }) : Type.Optional(Type.Unknown());
  return Type.Object({ ...ignored, ...props, version: versionField }, { additionalProperties: false });
}

/** The body less the server's own fields, so nothing read-only reaches the service. */
function withoutServerFields<T>(body: unknown, serverFields: readonly string[]): T {
  const rest: Record<string, unknown> = { ...(body as Record<string, unknown>) };
  for (const f of serverFields) delete rest[f];
  return rest as T;
}

const STATUS_NAMES: Record<string, string> = {
  draft: "草稿",
  submitted: "已报送",
  returned: "已退回",
  approved: "管理单位已审核",
  filed: "已备案",
  cancelled: "已撤销",
  running: "进行中",
  completed: "已结束",
};
const SUBJECT_NAMES: Record<string, string> = { general: "公需科目", professional: "专业科目" };
const MODE_NAMES: Record<string, string> = { offline: "线下", online: "线上", blended: "线上线下结合" };

const planSheet: SheetColumn<PlanRow>[] = [
  { header: "基地", width: 30, value: (r) => r.baseName },
  { header: "管理单位", width: 24, value: (r) => r.supervisorOrgName },
  { header: "计划年度", width: 10, value: (r) => r.year },
  { header: "项目数", width: 8, value: (r) => r.itemCount },
  { header: "状态", width: 14, value: (r) => STATUS_NAMES[r.status] },
  { header: "截止日期", kind: "date", value: (r) => r.dueDate },
  { header: "逾期报送", width: 10, value: (r) => (r.late ? "是" : "否") },
  { header: "报送时间", kind: "datetime", value: (r) => r.submittedAt },
  { header: "备案时间", kind: "datetime", value: (r) => r.filedAt },
];

const stateSheet: SheetColumn<StateRow>[] = [
  { header: "基地", width: 30, value: (r) => r.baseName },
  { header: "管理单位", width: 24, value: (r) => r.supervisorOrgName },
  { header: "区市", width: 10, value: (r) => r.district },
  { header: "计划年度", width: 10, value: (r) => r.year },
  { header: "计划状态", width: 14, value: (r) => (r.planStatus ? STATUS_NAMES[r.planStatus] : "未编制") },
  { header: "截止日期", kind: "date", value: (r) => r.dueDate },
  { header: "已逾期", width: 8, value: (r) => (r.overdue ? "是" : "否") },
];

/** Streamed (issue 13 item 5): a city files thousands of projects a year; in order of class start. */
const PROJECT_COLUMNS: ExportColumn[] = [
  { header: "备案号", width: 22, field: "filingNo" },
  { header: "项目名称", width: 36, field: "title" },
  { header: "基地", width: 30, field: "baseName" },
  { header: "管理单位", width: 24, field: "supervisorOrgName" },
  { header: "科目类型", width: 10, field: "subjectType", labels: SUBJECT_NAMES },
  { header: "项目类别", width: 20, field: "category", labels: CATEGORY_NAMES },
  { header: "专业方向", width: 14, field: "specialty" },
  { header: "开班日期", width: 12, kind: "date", field: "startDate" },
  { header: "结束日期", width: 12, kind: "date", field: "endDate" },
  { header: "学时", width: 8, kind: "number", field: "hours" },
  { header: "方式", width: 12, field: "mode", labels: MODE_NAMES },
  { header: "人数", width: 8, kind: "number", field: "capacity" },
  { header: "收费（元/人）", width: 12, kind: "number", field: "feeYuan" },
  { header: "一事一报", width: 10, field: "adHoc", labels: { "1": "是", "0": "否" } },
  { header: "状态", width: 10, field: "status", labels: STATUS_NAMES },
];

const PlanQuery = {
  year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
  status: Type.Optional(Type.Enum(PLAN_STATUSES)),
  baseId: Type.Optional(Id),
  late: Type.Optional(Bool),
  q: Search,
};
const StateQuery = { year: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })), pending: Type.Optional(Bool), q: Search };
const ProjectQuery = {
  status: Type.Optional(Type.Enum(PROJECT_STATUSES)),
  baseId: Type.Optional(Id),
  subjectType: Type.Optional(SubjectTypeSchema),
  // 第十条 (issue 12): the dashboard opens a category's projects
  category: Type.Optional(ProjectCategorySchema),
  adHoc: Type.Optional(Bool),
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  q: Search,
};
const PublicQuery = {
  from: Type.Optional(DateString),
  to: Type.Optional(DateString),
  specialty: Type.Optional(Type.String({ maxLength: 50 })),
  subjectType: Type.Optional(SubjectTypeSchema),
  category: Type.Optional(ProjectCategorySchema),
  district: Type.Optional(Type.String({ maxLength: 30 })),
  baseId: Type.Optional(Id),
  q: Search,
};
const obj = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });

export function filingRoutes(r: Router, p: Platform): void {
  // ---- 第二十五条: fee standards ----
  let tags = ["fee standards"];
  r.get(
    "/api/v1/fee-standards",
    { config: { grant: "feeStandard.read" }, schema: { tags, querystring: obj({ ...PageQuery, baseId: Type.Optional(Id), status: Type.Optional(Type.Enum(FEE_STANDARD_STATUSES)) }), response: { 200: Paged(FeeStandardView), ...errorResponses } } },
    async (req) => listFeeStandards(actorCtx(p, req), req.query),
  );
  r.post(
    "/api/v1/bases/:id/fee-standards",
    { config: { grant: "feeStandard.create" }, schema: { tags, summary: "Record a fee standard (第二十五条); a rise waits for the bureau", params: IdParams, body: FeeStandardInput, response: { 201: FeeStandardView, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await recordFeeStandard(actorCtx(p, req), req.params.id, req.body)),
  );
  r.post(
    "/api/v1/fee-standards/:id/actions/:action",
    { config: { grant: ["feeStandard.approve", "feeStandard.reject"] }, schema: { tags, params: obj({ id: Id, action: Type.Enum(["approve", "reject"]) }), body: StepBody, response: { 200: FeeStandardView, ...errorResponses } } },
    async (req) => decideFeeStandard(actorCtx(p, req), req.params.id, req.params.action, req.body),
  );

  // ---- 第十六条: annual plans ----
  tags = ["annual plans"];
  r.get(
    "/api/v1/annual-plans",
    { config: { grant: "annualPlan.read" }, schema: { tags, querystring: obj({ ...PageQuery, ...PlanQuery }), response: { 200: Paged(AnnualPlanListItem), ...errorResponses } } },
    async (req) => plans.listPlans(actorCtx(p, req), req.query),
  );
  r.get("/api/v1/annual-plans/export.xlsx", { config: { grant: "annualPlan.read" }, schema: { tags, summary: "Export plans to Excel", querystring: obj(PlanQuery) } }, async (req, reply) =>
    sendWorkbook(reply, "年度培训计划.xlsx", "年度培训计划", planSheet, inExport(await plans.listPlans(actorCtx(p, req), { ...req.query, page: 1, pageSize: EXPORT_LIMIT }))),
  );
  r.get(
    "/api/v1/annual-plans/filing-status",
    { config: { grant: "annualPlan.read" }, schema: { tags, summary: "Which bases have (not) filed their plan for a year", querystring: obj({ ...PageQuery, ...StateQuery }), response: { 200: Paged(PlanFilingStateView), ...errorResponses } } },
    async (req) => filingStatus(actorCtx(p, req), req.query),
  );
  r.get("/api/v1/annual-plans/filing-status/export.xlsx", { config: { grant: "annualPlan.read" }, schema: { tags, querystring: obj(StateQuery) } }, async (req, reply) =>
    sendWorkbook(reply, "年度计划报送情况.xlsx", "报送情况", stateSheet, inExport(await filingStatus(actorCtx(p, req), { ...req.query, page: 1, pageSize: EXPORT_LIMIT }))),
  );
  r.get(
    "/api/v1/annual-plans/prefill",
    {
      config: { grant: "annualPlan.read" },
      schema: {
        tags,
        summary: "A new plan's content as the platform knows it: the execution summary of the year before",
        querystring: obj({ baseId: Id, year: Type.Integer({ minimum: 2019, maximum: 2100 }) }),
        response: { 200: Type.Object({ items: Type.Array(PlannedProject), summary: PlanSummary }), ...errorResponses },
      },
    },
    async (req) => plans.prefill(actorCtx(p, req), req.query.baseId, req.query.year),
  );
  r.get(
    "/api/v1/annual-plans/template.xlsx",
    { config: { access: "authenticated" }, schema: { tags, summary: "Excel template of planned projects", querystring: obj({ year: Type.Optional(Type.Integer({ minimum: 2019, maximum: 2100 })) }) } },
    async (req, reply) => {
      const year = req.query.year ?? Number(p.clock.today().slice(0, 4)) + 1;
      return reply
        .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        .header("Content-Disposition", contentDisposition(`年度培训计划导入模板-${year}.xlsx`))
        .send(await planTemplate(year));
    },
  );
  r.post(
    "/api/v1/annual-plans",
    {
      config: { grant: "annualPlan.create" },
      schema: {
        tags,
        summary: "Start next year's plan (summary prefilled when absent)",
        body: withServerFields({ ...AnnualPlanInput.properties, summary: Type.Optional(PlanSummary) }, PLAN_SERVER_FIELDS, "ignored"),
        response: { 201: AnnualPlanView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const input = withoutServerFields<Omit<AnnualPlanInput, "summary"> & { summary?: PlanSummary }>(req.body, PLAN_SERVER_FIELDS);
      return reply.code(201).send(await plans.createPlan(actorCtx(p, req), input));
    },
  );
  r.get("/api/v1/annual-plans/:id", { config: { grant: "annualPlan.read" }, schema: { tags, params: IdParams, response: { 200: AnnualPlanView, ...errorResponses } } }, async (req) =>
    plans.getPlan(actorCtx(p, req), req.params.id),
  );
  r.patch(
    "/api/v1/annual-plans/:id",
    { config: { grant: "annualPlan.update" }, schema: { tags, params: IdParams, body: withServerFields(AnnualPlanInput.properties, PLAN_SERVER_FIELDS), response: { 200: AnnualPlanView, ...errorResponses } } },
    async (req) => plans.updatePlan(actorCtx(p, req), req.params.id, req.body as AnnualPlanInput & { version: number }),
  );
  r.post(
    "/api/v1/annual-plans/:id/actions/:action",
    {
      config: { grant: ["annualPlan.submit", "annualPlan.approve", "annualPlan.return", "annualPlan.file"] },
      schema: {
        tags,
        summary: "A workflow step: submit, approve, return, file",
        params: obj({ id: Id, action: Type.Enum(["submit", "approve", "return", "file"]) }),
        body: StepBody,
        response: { 200: AnnualPlanView, ...errorResponses },
      },
    },
    async (req) => plans.takePlanStep(actorCtx(p, req), req.params.id, req.params.action, req.body),
  );

  // ---- 第十六条, 第十七条: training projects ----
  tags = ["training projects"];
  r.get(
    "/api/v1/training-projects",
    { config: { grant: "trainingProject.read" }, schema: { tags, querystring: obj({ ...KeysetQuery, ...ProjectQuery }), response: { 200: KeysetPaged(ProjectListItem), ...errorResponses } } },
    async (req) => projects.listProjects(actorCtx(p, req), req.query),
  );
  r.get("/api/v1/training-projects/export.xlsx", { config: { grant: "trainingProject.read" }, schema: { tags, querystring: obj(ProjectQuery) } }, async (req, reply) =>
    sendStreamedExport(p, reply, { filename: "培训项目.xlsx", sheetName: "培训项目", query: await projects.projectsExport(actorCtx(p, req), req.query), keys: ["startDate", "id"], columns: PROJECT_COLUMNS }),
  );
  r.get(
    "/api/v1/training-projects/filing-date",
    { config: { grant: "calendar.read" }, schema: { tags, summary: "The last day to file a project starting on a date (第十六条)", querystring: obj({ startDate: DateString }), response: { 200: FilingDateView, ...errorResponses } } },
    async (req) => projects.filingDate(actorCtx(p, req), req.query.startDate),
  );
  r.post(
    "/api/v1/training-projects",
    {
      config: { grant: "trainingProject.create" },
      schema: { tags, summary: "Draft a training project; submitting files it", body: withServerFields(ProjectInput.properties, PROJECT_SERVER_FIELDS, "ignored"), response: { 201: ProjectView, ...errorResponses } },
    },
    async (req, reply) => reply.code(201).send(await projects.createProject(actorCtx(p, req), withoutServerFields<ProjectInput>(req.body, PROJECT_SERVER_FIELDS))),
  );
  r.get("/api/v1/training-projects/:id", { config: { grant: "trainingProject.read" }, schema: { tags, params: IdParams, response: { 200: ProjectView, ...errorResponses } } }, async (req) =>
    projects.getProject(actorCtx(p, req), req.params.id),
  );
  r.patch(
    "/api/v1/training-projects/:id",
    { config: { grant: "trainingProject.update" }, schema: { tags, params: IdParams, body: withServerFields(ProjectInput.properties, PROJECT_SERVER_FIELDS), response: { 200: ProjectView, ...errorResponses } } },
    async (req) => projects.updateProject(actorCtx(p, req), req.params.id, req.body as ProjectInput & { version: number }),
  );
  r.post(
    "/api/v1/training-projects/:id/actions/:action",
    {
      config: { grant: ["trainingProject.submit", "trainingProject.return", "trainingProject.cancel"] },
      schema: {
        tags,
        summary: "A workflow step: submit (files it or names each broken rule), return, cancel",
        params: obj({ id: Id, action: Type.Enum(["submit", "return", "cancel"]) }),
        body: StepBody,
        response: { 200: ProjectView, ...errorResponses },
      },
    },
    async (req) => projects.takeProjectStep(actorCtx(p, req), req.params.id, req.params.action, req.body),
  );

  // ---- the public training calendar ----
  tags = ["public"];
  r.get(
    "/api/v1/public/training-projects",
    { config: { public: true }, schema: { tags, summary: "Filed training projects", querystring: obj({ ...KeysetQuery, ...PublicQuery }), response: { 200: KeysetPaged(PublicProjectView), ...errorResponses } } },
    async (req) => listPublicProjects(ctxOf(p, req), req.query),
  );
  r.get(
    "/api/v1/public/training-projects.ics",
    { config: { public: true }, schema: { tags, summary: "The training calendar as an iCalendar feed", querystring: obj(PublicQuery) } },
    async (req, reply) => {
      const ctx = ctxOf(p, req);
      const { params } = await policyAt(ctx.db, ctx.clock.today());
      return reply
        .type("text/calendar; charset=utf-8")
        .header("Content-Disposition", contentDisposition("training.ics", "inline"))
        .send(await publicProjectsIcs(ctx, req.query, params.cityName));
    },
  );
  r.get(
    "/api/v1/public/training-projects/:id",
    { config: { public: true }, schema: { tags, params: IdParams, response: { 200: PublicProjectView, ...errorResponses } } },
    async (req) => publicProject(ctxOf(p, req), req.params.id),
  );
}

/** The Excel import of planned projects takes a raw .xlsx body: its own scope, like file uploads. */
export function filingUploadRoutes(r: Router, p: Platform): void {
  const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  r.addContentTypeParser([XLSX, "application/octet-stream"], { parseAs: "buffer", bodyLimit: 5 * 1024 * 1024 }, (_req, body, done) => done(null, body));
  r.post(
    "/api/v1/annual-plans/:id/items/import",
    {
      config: { grant: "annualPlan.update" },
      bodyLimit: 5 * 1024 * 1024,
      schema: {
        tags: ["annual plans"],
        summary: "Import planned projects from the Excel template; any bad row imports nothing and is reported",
        params: IdParams,
        querystring: obj({ mode: Type.Optional(Type.Enum(["append", "replace"])), version: Type.Optional(Type.Integer({ minimum: 1 })) }),
        response: { 200: AnnualPlanView, ...errorResponses },
      },
    },
    async (req) => importPlanItems(actorCtx(p, req), req.params.id, Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), req.query.mode ?? "append", req.query.version),
  );
}
