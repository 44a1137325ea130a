// Fixture builders of the filing domain (第十六条, 第十七条, 第二十五条): active bases made through the
// real accreditation workflow, fee standards, annual plans and training projects driven through the
// API to a stage, plus readers for the Excel and iCalendar files the filing endpoints answer.
import ExcelJS from "exceljs";
import { expect } from "vitest";
import { completeForm } from "../../src/server/demo/forms.js";
import type { AnnualPlanInput, FeeStandardInput, PlannedProject, ProjectInput, ProjectSession } from "../../src/shared/filing.js";
import { idOf, signedIn, type Client, type Response, type TestServer } from "./harness.js";

export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export interface FilingCast {
  s: TestServer;
  bureau: Client;
  supervisor: Client;
  supervisor2: Client;
  base: Client;
  base2: Client;
  expert1: Client;
  expert2: Client;
  pro1: Client;
  /** Supervising units of the demo: `supervisor` (district HR bureau) and `supervisor2` (health commission). */
  supervisorOrgIds: { base: string; base2: string };
  expertIds: [string, string];
}

export async function filingCast(s: TestServer): Promise<FilingCast> {
  const [bureau, supervisor, supervisor2, base, base2, expert1, expert2, pro1] = await Promise.all(
    ["bureau", "supervisor", "supervisor2", "base", "base2", "expert1", "expert2", "pro1"].map((u) => s.as(u)),
  );
  const district = await idOf(bureau, "organizations", (o) => o.name === "威海市环翠区人力资源和社会保障局");
  const health = await idOf(bureau, "organizations", (o) => o.name === "威海市卫生健康委员会");
  const experts = (await bureau.get("/api/v1/users?role=expert")).body.items;
  const expertId = (u: string) => experts.find((x: any) => x.username === u).id as string;
  return {
    s,
    bureau,
    supervisor,
    supervisor2,
    base,
    base2,
    expert1,
    expert2,
    pro1,
    supervisorOrgIds: { base: district, base2: health },
    expertIds: [expertId("expert1"), expertId("expert2")],
  };
}

/** 10:00 in Weihai on that calendar date. */
export const at = (date: string) => `${date}T02:00:00.000Z`;

export function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Moves business time through the test clock, as the bureau does in the browser. */
export async function setToday(c: FilingCast, date: string): Promise<void> {
  const res = await c.bureau.put("/api/v1/test/clock", { now: at(date) });
  if (res.status !== 200) throw new Error(`test clock refused: ${JSON.stringify(res.body)}`);
}

/** The answer must be this error; the body is printed when it is not. */
export function expectError(res: Response, status: number, code: string): Record<string, any> {
  expect(res.body?.error?.code, `${res.status} ${JSON.stringify(res.body)}`).toBe(code);
  expect(res.status).toBe(status);
  return res.body.error.details ?? {};
}

/** The answer must succeed; returns its body, printing the error when it did not. */
export function ok(res: Response, status = 200): any {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res.body;
}

function must(res: Response, what: string, status = 200): any {
  if (res.status !== status) throw new Error(`${what} answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Roles without a grant on filing records see nothing: either 403 or an empty list. */
export function expectNothingVisible(res: Response): void {
  if (res.status === 200) expect(res.body.items).toEqual([]);
  else expect(res.status, JSON.stringify(res.body)).toBe(403);
}

export interface TestBase {
  id: string;
  name: string;
  district: string;
  specialties: string[];
  /** The host organization's staff (`base` or `base2`) and the supervising unit's account. */
  staff: Client;
  supervisor: Client;
  owner: "base" | "base2";
}

let baseCounter = 0;

/**
 * A published, active base of `base`'s (supervised by `supervisor`) or `base2`'s institution (supervised
 * by `supervisor2`), taken through the real accreditation workflow (第五条). Business time is moved for
 * the notice period and put back where it was.
 */
export async function givenActiveBase(
  c: FilingCast,
  owner: "base" | "base2" = "base",
  opts: { name?: string; district?: string; specialties?: string[] } = {},
): Promise<TestBase> {
  baseCounter++;
  const staff = owner === "base" ? c.base : c.base2;
  const supervisor = owner === "base" ? c.supervisor : c.supervisor2;
  const name = opts.name ?? `备案测试继续教育基地${baseCounter}`;
  const district = opts.district ?? (owner === "base" ? "环翠区" : "文登区");
  const specialties = opts.specialties ?? (owner === "base" ? ["智能制造", "海洋工程"] : ["卫生健康", "护理"]);
  const saved = c.s.clock.nowIso();
  c.s.clock.set(at("2025-06-02"));
  try {
    const form = completeForm({ baseName: name, district, specialties, contactName: "张海涛", contactPhone: "13806310004" });
    let app = must(await staff.post("/api/v1/base-applications", { supervisorOrgId: c.supervisorOrgIds[owner], form }), "application", 201);
    const step = async (who: Client, action: string, body: Record<string, unknown> = {}) => {
      app = must(await who.post(`/api/v1/base-applications/${app.id}/actions/${action}`, { version: app.version, ...body }), action);
    };
    await step(staff, "submit");
    await step(supervisor, "recommend", { comment: "同意推荐" });
    await step(c.bureau, "accept");
    await step(c.bureau, "open-review", { expertUserIds: c.expertIds });
    const scores = { teachers: 88, management: 88, facilities: 88, experience: 88, leadership: 88 };
    for (const expert of [c.expert1, c.expert2]) {
      must(await expert.post(`/api/v1/base-applications/${app.id}/reviews`, { noConflictDeclared: true, scores, recommendation: "approve", comment: "条件具备" }), "review");
    }
    app = must(await c.bureau.get(`/api/v1/base-applications/${app.id}`), "application");
    await step(c.bureau, "approve");
    c.s.clock.set(at("2025-06-09"));
    await step(c.bureau, "publish");
    return { id: app.baseId, name, district, specialties, staff, supervisor, owner };
  } finally {
    c.s.clock.set(saved);
  }
}

/**
 * Base status outside active. No API moves a base to rectifying yet (the supervision module, with
 * rectification orders, comes later), so the row is set directly in the database.
 */
export async function setBaseStatus(c: FilingCast, baseId: string, status: "active" | "rectifying" | "revoked"): Promise<void> {
  await c.s.app.platform.db.updateTable("bases").set({ status }).where("id", "=", baseId).execute();
}

// ---- fee standards (第二十五条) ----

export function feeInput(kind: FeeStandardInput["kind"], amountFen: number): FeeStandardInput {
  return { kind, amountFen, basis: "威发改价格〔2025〕8号 培训收费标准批复" };
}

/** An approved fee standard: recorded by the base and, when it is a rise, approved by the bureau. */
export async function givenFeeStandard(c: FilingCast, base: TestBase, kind: FeeStandardInput["kind"], amountFen: number): Promise<any> {
  let fee = must(await base.staff.post(`/api/v1/bases/${base.id}/fee-standards`, feeInput(kind, amountFen)), "fee standard", 201);
  if (fee.status === "pending") {
    fee = must(await c.bureau.post(`/api/v1/fee-standards/${fee.id}/actions/approve`, { version: fee.version }), "fee approval");
  }
  expect(fee.status).toBe("approved");
  return fee;
}

// ---- annual plans (第十六条) ----

let itemCounter = 0;

export function plannedProject(year: number, o: Partial<PlannedProject> = {}): PlannedProject {
  itemCounter++;
  return {
    title: `计划培训项目${itemCounter}`,
    subjectType: "professional",
    category: "professional_subject",
    specialty: "智能制造",
    plannedStart: `${year}-12-14`,
    plannedEnd: `${year}-12-15`,
    hours: 12,
    places: 60,
    feeFen: 0,
    ...o,
  };
}

export function planInput(baseId: string, year: number, o: Partial<AnnualPlanInput> = {}): AnnualPlanInput {
  return {
    baseId,
    year,
    items: [plannedProject(year), plannedProject(year, { subjectType: "general", specialty: "公需科目", plannedStart: `${year}-06-08`, plannedEnd: `${year}-06-08`, hours: 6 })],
    summary: { year: year - 1, entries: [], adHocProjects: 0, narrative: `${year - 1}年度培训计划执行情况良好。` },
    note: "按全市重点产业需求编制",
    ...o,
  };
}

export type PlanStage = "draft" | "submitted" | "approved" | "filed";

/** The base's plan for `year`, taken to the stage named by the roles that take each step. */
export async function givenPlan(c: FilingCast, base: TestBase, year: number, stage: PlanStage, o: Partial<AnnualPlanInput> = {}): Promise<any> {
  let plan = must(await base.staff.post("/api/v1/annual-plans", planInput(base.id, year, o)), "plan", 201);
  const step = async (who: Client, action: string) => {
    plan = must(await who.post(`/api/v1/annual-plans/${plan.id}/actions/${action}`, { version: plan.version, comment: "同意" }), `plan ${action}`);
  };
  const order: PlanStage[] = ["draft", "submitted", "approved", "filed"];
  const upTo = order.indexOf(stage);
  if (upTo >= 1) await step(base.staff, "submit");
  if (upTo >= 2) await step(base.supervisor, "approve");
  if (upTo >= 3) await step(c.bureau, "file");
  return plan;
}

// ---- training projects (第十六条, 第十七条) ----

let projectCounter = 0;

/** Two sessions of 3 hours each day from start to end: 6 credit hours a day. */
export function sessionsFor(startDate: string, endDate: string): ProjectSession[] {
  const out: ProjectSession[] = [];
  for (let d = startDate; d <= endDate; d = addDays(d, 1)) {
    out.push({ date: d, startTime: "09:00", endTime: "12:00", title: "专题讲座", teacher: "李建华", hours: 3 });
    out.push({ date: d, startTime: "14:00", endTime: "17:00", title: "实训操作", teacher: "王海燕", hours: 3 });
  }
  return out;
}

/** An ad-hoc (一事一报), free project starting 2026-12-14 for two days unless told otherwise. */
export function projectInput(baseId: string, o: Partial<ProjectInput> = {}): ProjectInput {
  projectCounter++;
  const startDate = o.startDate ?? "2026-12-14";
  const endDate = o.endDate ?? addDays(startDate, 1);
  const sessions = o.sessions ?? sessionsFor(startDate, endDate);
  return {
    baseId,
    annualPlanId: null,
    planItemKey: null,
    adHoc: true,
    adHocReason: "落实全市重点产业链人才培养任务，计划外增设",
    title: `备案测试培训项目${projectCounter}`,
    subjectType: "professional",
    category: "professional_subject",
    specialty: "智能制造",
    startDate,
    endDate,
    hours: sessions.reduce((n, s) => n + s.hours, 0),
    mode: "offline",
    venue: "威海市环翠区文化中路 88 号实训楼 301",
    capacity: 60,
    feeFen: 0,
    teachers: [{ name: "李建华", title: "教授", org: "山东大学（威海）" }],
    sessions,
    description: "面向全市专业技术人员的专题培训。",
    ...o,
  };
}

/** A draft project of the base (saved whatever the rules say). */
export async function givenDraftProject(base: TestBase, o: Partial<ProjectInput> = {}): Promise<any> {
  return must(await base.staff.post("/api/v1/training-projects", projectInput(base.id, o)), "project", 201);
}

/** A project filed by the base; business time must allow it. */
export async function givenFiledProject(base: TestBase, o: Partial<ProjectInput> = {}): Promise<any> {
  const draft = await givenDraftProject(base, o);
  return must(await base.staff.post(`/api/v1/training-projects/${draft.id}/actions/submit`, { version: draft.version }), "project submit");
}

export async function runJobs(c: FilingCast): Promise<any> {
  return must(await c.bureau.post("/api/v1/test/jobs/run"), "jobs");
}

/** What GET answered, less the server's own fields: what POST and PATCH accept. */
export function withoutServerFields<T extends Record<string, unknown>>(view: T, fields: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(view).filter(([k]) => !fields.includes(k)));
}

/** Audit actions recorded for one record, oldest first (read by the audit administrator, issue 10 item 9). */
export async function auditActions(c: FilingCast, resourceId: string): Promise<string[]> {
  const res = must(await (await signedIn(c.s, "auditor")).get(`/api/v1/audit-events?resourceId=${resourceId}&pageSize=200`), "audit");
  return res.items.map((e: any) => e.action).reverse();
}

/** Notifications of one kind the user has, newest first. */
export async function notificationsOf(who: Client, kind: string): Promise<any[]> {
  const res = must(await who.get("/api/v1/notifications?pageSize=200"), "notifications");
  return res.items.filter((n: any) => n.kind === kind);
}

// ---- files ----

/** The first worksheet of an xlsx answer, as rows of cell values (1-based like Excel, row 1 = header). */
export async function readSheet(body: unknown): Promise<unknown[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as any);
  const ws = wb.worksheets[0];
  const rows: unknown[][] = [];
  ws.eachRow((row, n) => {
    rows[n - 1] = (row.values as unknown[]).slice(1);
  });
  return rows;
}

/** The header row of the platform's import template (the row whose first cell is 项目名称). */
function headerRowOf(ws: ExcelJS.Worksheet): number {
  let header = 0;
  ws.eachRow((row, n) => {
    if (!header && String(row.getCell(1).value ?? "").includes("项目名称")) header = n;
  });
  if (!header) throw new Error("the template has no 项目名称 header");
  return header;
}

/**
 * Fills rows under the header of the platform's own template, as a base's staff would. Answers the
 * file and the Excel row number of the first filled row, for matching the row-by-row error report.
 */
export async function fillTemplate(template: unknown, rows: unknown[][]): Promise<{ file: Buffer; firstRow: number }> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as any);
  const ws = wb.worksheets[0];
  const header = headerRowOf(ws);
  rows.forEach((values, i) => {
    const row = ws.getRow(header + 1 + i);
    values.forEach((v, j) => (row.getCell(j + 1).value = v as ExcelJS.CellValue));
    row.commit();
  });
  return { file: Buffer.from(await wb.xlsx.writeBuffer()), firstRow: header + 1 };
}

/** The header cells of the template's first worksheet. */
export async function templateHeader(template: unknown): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(template as any);
  const ws = wb.worksheets[0];
  return (ws.getRow(headerRowOf(ws)).values as unknown[]).slice(1).map((v) => String(v ?? ""));
}

export interface IcsEvent {
  [property: string]: string;
}

/** Unfolds RFC 5545 lines and reads the VEVENTs of a VCALENDAR (property name with parameters → value). */
export function parseIcs(text: string): { lines: string[]; events: IcsEvent[] } {
  const lines = text.replace(/\r?\n[ \t]/g, "").split(/\r?\n/).filter((l) => l !== "");
  const events: IcsEvent[] = [];
  let current: IcsEvent | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT") {
      if (current) events.push(current);
      current = null;
    } else if (current) {
      const i = line.indexOf(":");
      current[line.slice(0, i)] = line.slice(i + 1).replace(/\\n/gi, "\n").replace(/\\([,;\\])/g, "$1");
    }
  }
  return { lines, events };
}
