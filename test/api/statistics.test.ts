// The dashboard's figures and the yearly statistics report (issue 12 items 2 and 3; 第十三条, 第十四条,
// 第十六条, 第十七条, 第十九条, 第二十四条, 第二十五条): each aggregate against a fixture counted by hand,
// scoped per role, filtered, exported, and the report as PDF and Excel, kept once its year has closed.
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "../../src/server/platform/context.js";
import type { StatisticsOverview } from "../../src/shared/statistics.js";
import { overview } from "../../src/server/modules/statistics/service.js";
import { longReads } from "../../src/server/platform/long-reads.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";
import { filingCast, givenActiveBase, ok, setToday, type FilingCast, type TestBase } from "../support/filing.js";
import { givenProfessionals, type Learner } from "../support/delivery.js";
import { pdfOf } from "../support/completion.js";
import { givenOpenOrder } from "../support/supervision-rectification.js";
import {
  givenAnswers,
  givenApprovedFee,
  givenEnrolments,
  givenEntry,
  givenPlanRow,
  givenProjectRow,
  givenSessionCheckedIn,
  setProfile,
} from "../support/statistics.js";

const TODAY = "2026-12-20";
const overviewUrl = (query = "") => `/api/v1/statistics/overview?year=2026${query}`;

describe.each(dialects)("statistics on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let A: TestBase;
  let B: TestBase;
  let C: TestBase;
  let L: Learner[];

  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    A = await givenActiveBase(c, "base", { name: "统计甲基地", district: "环翠区", specialties: ["智能制造", "海洋工程"] });
    B = await givenActiveBase(c, "base", { name: "统计乙基地", district: "荣成市", specialties: ["智能制造"] });
    C = await givenActiveBase(c, "base2", { name: "统计丙基地", district: "文登区", specialties: ["卫生健康", "护理"] });
    await setToday(c, TODAY);
    L = await givenProfessionals(s, 5);
    await Promise.all([
      setProfile(s, L[0].id, "统计专业", "统计测试单位甲"),
      setProfile(s, L[1].id, "统计专业", "统计测试单位甲"),
      setProfile(s, L[2].id, "统计专业", "统计测试单位乙"),
      setProfile(s, L[3].id, "统计专业", "统计测试单位乙"),
      setProfile(s, L[4].id, "统计专业乙", "统计测试单位乙"),
    ]);
    // 第二十五条: the approved standards in force when the projects were filed (1 February)
    await givenApprovedFee(s, A.id, "professional", 20000, "2026-01-01T02:00:00.000Z");
    await givenApprovedFee(s, B.id, "professional", 30000, "2026-01-01T02:00:00.000Z");
    // 第十六条: A's filed plan has three items; B's plan is only submitted
    await givenPlanRow(s, A.id, 2026, "filed", 3);
    await givenPlanRow(s, B.id, 2026, "submitted", 4);

    const p1 = await givenProjectRow(s, { baseId: A.id, status: "completed", startDate: "2026-03-10", endDate: "2026-03-11", category: "national_program", feeFen: 20000, concluded: true, filingNo: "威继备〔2026〕1号", description: "培训通知" });
    const p2 = await givenProjectRow(s, { baseId: A.id, status: "filed", startDate: "2026-03-20", category: "other", subjectType: "general" });
    await givenProjectRow(s, { baseId: A.id, status: "draft", startDate: "2026-05-05", category: "national_program" });
    const p4 = await givenProjectRow(s, { baseId: A.id, status: "completed", startDate: "2025-03-15", concluded: true });
    const p5 = await givenProjectRow(s, { baseId: B.id, status: "running", startDate: "2026-05-12", endDate: "2026-05-13", category: "advanced_seminar", feeFen: 50000, specialty: "海洋工程" });
    const p6 = await givenProjectRow(s, { baseId: C.id, status: "completed", startDate: "2026-03-01", category: "national_program", feeFen: 10000, subjectType: "general", specialty: "护理", concluded: true });
    await givenProjectRow(s, { baseId: C.id, status: "cancelled", startDate: "2026-06-01" });

    await givenEnrolments(s, p1, [{ id: L[0].id, completed: 1 }, { id: L[1].id, completed: 1 }, { id: L[2].id, completed: 0 }]);
    await givenEnrolments(s, p2, [{ id: L[0].id }, { id: L[3].id }]);
    await givenEnrolments(s, p4, [{ id: L[0].id, completed: 1 }]);
    await givenEnrolments(s, p5, [{ id: L[1].id }, { id: L[2].id }]);
    await givenEnrolments(s, p6, [{ id: L[3].id, completed: 1 }]);

    // 第二十四条: hours from the projects (one revoked) and hours from elsewhere
    await givenEntry(s, { professionalId: L[0].id, hours: 12, earnedOn: "2026-03-11", projectId: p1 });
    await givenEntry(s, { professionalId: L[1].id, hours: 12, earnedOn: "2026-03-11", projectId: p1 });
    await givenEntry(s, { professionalId: L[2].id, hours: 12, earnedOn: "2026-03-11", projectId: p1, status: "revoked" });
    await givenEntry(s, { professionalId: L[3].id, hours: 6, earnedOn: "2026-03-02", projectId: p6, subjectType: "general" });
    await givenEntry(s, { professionalId: L[0].id, hours: 8, earnedOn: "2025-03-16", projectId: p4 });
    // L0: 60 professional + 30 general → met; L1: 20 general → short; L2: nothing counted; L3: 59.9 professional → short; L4: met
    await givenEntry(s, { professionalId: L[0].id, hours: 48, earnedOn: "2026-07-01" });
    await givenEntry(s, { professionalId: L[0].id, hours: 30, earnedOn: "2026-07-02", subjectType: "general" });
    await givenEntry(s, { professionalId: L[1].id, hours: 58, earnedOn: "2026-07-01" });
    await givenEntry(s, { professionalId: L[1].id, hours: 20, earnedOn: "2026-07-02", subjectType: "general" });
    await givenEntry(s, { professionalId: L[3].id, hours: 59.9, earnedOn: "2026-07-01" });
    await givenEntry(s, { professionalId: L[3].id, hours: 24.1, earnedOn: "2026-07-02", subjectType: "general" });
    await givenEntry(s, { professionalId: L[4].id, hours: 60, earnedOn: "2026-07-01" });
    await givenEntry(s, { professionalId: L[4].id, hours: 30, earnedOn: "2026-07-02", subjectType: "general" });

    // 第十八条 培训效果: A (5,4 / 4,4 / 3,5) → 4.17; B all 2 → 2.00, the lowest; C one answer → no average
    await givenAnswers(s, p1, [
      { professionalId: L[0].id, answers: { content: 5, teachers: 4, remarks: "很好" } },
      { professionalId: L[1].id, answers: { content: 4, teachers: 4 } },
      { professionalId: L[2].id, answers: { content: 3, teachers: 5 } },
    ]);
    await givenAnswers(s, p5, [0, 1, 2].map((i) => ({ professionalId: L[i].id, answers: { content: 2, teachers: 2 } })));
    await givenAnswers(s, p6, [{ professionalId: L[3].id, answers: { content: 5 } }]);
    // 第十七条: p1's archive is whole (filed notice, its one session signed in, concluded, evaluated)
    await givenSessionCheckedIn(s, p1, "2026-03-10", L[0].id);
    // 第十九条: an open rectification order against B
    await givenOpenOrder(c, B, { deadline: "2027-01-31" });
    await setToday(c, TODAY);
  });
  afterAll(() => s.close());

  const figuresOf = (rows: any[], id: string) => rows.find((r) => r.baseId === id);

  it("counts bases by status, district and specialty field", async () => {
    const o = ok(await c.bureau.get(overviewUrl()));
    expect(o.scope).toBe("city");
    const statusOfB = ok(await c.bureau.get(`/api/v1/bases/${B.id}`)).status;
    const byStatus = Object.fromEntries(o.bases.byStatus.map((r: any) => [r.key, r.count]));
    expect(byStatus).toEqual(statusOfB === "active" ? { active: 3 } : { active: 2, [statusOfB]: 1 });
    expect(o.totals).toMatchObject({ bases: 3, activeBases: statusOfB === "active" ? 3 : 2 });
    expect(o.bases.byDistrict).toEqual(expect.arrayContaining([{ key: "环翠区", count: 1 }, { key: "荣成市", count: 1 }, { key: "文登区", count: 1 }]));
    expect(o.bases.byDistrict).toHaveLength(3);
    expect(o.bases.bySpecialty).toEqual([
      { key: "智能制造", count: 2 },
      { key: "护理", count: 1 },
      { key: "卫生健康", count: 1 },
      { key: "海洋工程", count: 1 },
    ].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)));
  });

  it("counts projects, participants, completions and credit hours per month against last year", async () => {
    const o = ok(await c.bureau.get(overviewUrl()));
    expect(o.monthly).toHaveLength(12);
    const march = o.monthly[2];
    // p1 (3 enrolled, 2 completed), p2 (2), p6 (1, completed); drafts and cancelled projects do not count
    expect(march.current).toEqual({ projects: 3, participants: 6, completions: 3, creditHours: 30 });
    expect(march.lastYear).toEqual({ projects: 1, participants: 1, completions: 1, creditHours: 8 });
    expect(o.monthly[4].current).toEqual({ projects: 1, participants: 2, completions: 0, creditHours: 0 });
    expect(o.monthly[5].current).toEqual({ projects: 0, participants: 0, completions: 0, creditHours: 0 });
    expect(o.totals).toMatchObject({ projects: 4, participants: 8, completions: 3, creditHours: 30 });
  });

  it("counts the year's projects and their participants by 第十条 category", async () => {
    const o = ok(await c.bureau.get(overviewUrl()));
    const byCategory = Object.fromEntries(o.categories.map((r: any) => [r.category, [r.projects, r.participants]]));
    expect(byCategory).toEqual({ national_program: [2, 4], other: [1, 2], advanced_seminar: [1, 2] });
  });

  it("gives per base plan execution, fees against the standard, evaluation averages with the lowest, open orders", async () => {
    const o = ok(await c.bureau.get(overviewUrl()));
    expect(o.perBase.map((b: any) => b.baseName).sort()).toEqual(["统计丙基地", "统计乙基地", "统计甲基地"].sort());
    expect(figuresOf(o.perBase, A.id)).toMatchObject({
      plannedProjects: 3,
      filedProjects: 2,
      completedProjects: 1,
      participants: 5,
      creditHours: 24,
      feeIncomeFen: 60000,
      standardIncomeFen: 60000,
      overStandardProjects: 0,
      surveyResponses: 3,
      surveyAverage: 4.17,
      lowestAverage: false,
      openOrders: 0,
      archivesEnded: null,
    });
    expect(figuresOf(o.perBase, B.id)).toMatchObject({
      plannedProjects: 0,
      filedProjects: 1,
      completedProjects: 0,
      participants: 2,
      feeIncomeFen: 100000,
      standardIncomeFen: 60000,
      overStandardProjects: 1,
      surveyAverage: 2,
      lowestAverage: true,
      openOrders: 1,
    });
    // 第二十五条: a fee with no approved standard is over it; issue 11: one answer gives no average
    expect(figuresOf(o.perBase, C.id)).toMatchObject({ filedProjects: 1, completedProjects: 1, participants: 1, creditHours: 6, feeIncomeFen: 10000, standardIncomeFen: 0, overStandardProjects: 1, surveyResponses: 1, surveyAverage: null, lowestAverage: false });
    expect(o.totals).toMatchObject({ feeIncomeFen: 170000, openOrders: 1 });
  });

  it("gives the bureau the compliance rate of the year by specialty and employer (第二十四条, 90 hours, 2/3 professional, 30 general)", async () => {
    const o = ok(await c.bureau.get(overviewUrl("&specialty=统计专业")));
    expect(o.compliance).toMatchObject({ requiredHours: 90, requiredProfessionalHours: 60, requiredGeneralHours: 30 });
    expect(o.compliance.total).toEqual({ key: "", people: 4, compliant: 1, rate: 0.25 });
    expect(o.compliance.bySpecialty).toEqual([{ key: "统计专业", people: 4, compliant: 1, rate: 0.25 }]);
    expect(o.compliance.byEmployer).toEqual([
      { key: "统计测试单位乙", people: 2, compliant: 0, rate: 0 },
      { key: "统计测试单位甲", people: 2, compliant: 1, rate: 0.5 },
    ].sort((a, b) => b.people - a.people || (a.key < b.key ? -1 : 1)));
    const all = ok(await c.bureau.get(overviewUrl()));
    expect(all.compliance.bySpecialty).toEqual(expect.arrayContaining([{ key: "统计专业乙", people: 1, compliant: 1, rate: 1 }]));
  });

  it("filters by district, supervising unit and specialty", async () => {
    const rongcheng = ok(await c.bureau.get(overviewUrl(`&district=${encodeURIComponent("荣成市")}`)));
    expect(rongcheng.perBase.map((b: any) => b.baseId)).toEqual([B.id]);
    expect(rongcheng.monthly[2].current.projects).toBe(0);
    expect(rongcheng.monthly[4].current).toMatchObject({ projects: 1, participants: 2 });
    const health = ok(await c.bureau.get(overviewUrl(`&supervisorOrgId=${c.supervisorOrgIds.base2}`)));
    expect(health.perBase.map((b: any) => b.baseId)).toEqual([C.id]);
    expect(health.totals).toMatchObject({ bases: 1, projects: 1, participants: 1 });
    const nursing = ok(await c.bureau.get(overviewUrl(`&specialty=${encodeURIComponent("护理")}`)));
    expect(nursing.perBase.map((b: any) => b.baseId)).toEqual([C.id]);
    expect(nursing.categories).toEqual([{ category: "national_program", projects: 1, participants: 1 }]);
    // the category bar opens the project list of that category (第十条)
    const seminars = ok(await c.bureau.get("/api/v1/training-projects?category=advanced_seminar&from=2026-01-01&to=2026-12-31"));
    expect(seminars.items.map((p: any) => p.baseId)).toEqual([B.id]);
    expect((await c.bureau.get(overviewUrl("&specialty=%25"))).status).toBe(400);
    expect((await c.bureau.get("/api/v1/statistics/overview?year=1999")).status).toBe(400);
  });

  it("shows a supervising unit its own bases only, and base staff their own year with archive completeness", async () => {
    const sup = ok(await c.supervisor.get(overviewUrl()));
    expect(sup.scope).toBe("supervisor");
    expect(sup.perBase.map((b: any) => b.baseId).sort()).toEqual([A.id, B.id].sort());
    expect(sup.compliance).toBeNull();
    expect(sup.monthly[2].current).toMatchObject({ projects: 2, participants: 5 });
    // another unit's bases asked for by filter: nothing
    const other = ok(await c.supervisor.get(overviewUrl(`&supervisorOrgId=${c.supervisorOrgIds.base2}`)));
    expect(other.perBase).toEqual([]);
    expect(other.totals.projects).toBe(0);
    const sup2 = ok(await c.supervisor2.get(overviewUrl()));
    expect(sup2.perBase.map((b: any) => b.baseId)).toEqual([C.id]);

    const own = ok(await c.base.get(overviewUrl()));
    expect(own.scope).toBe("base");
    expect(own.perBase.map((b: any) => b.baseId).sort()).toEqual([A.id, B.id].sort());
    expect(figuresOf(own.perBase, A.id)).toMatchObject({ archivesEnded: 2, archivesComplete: 1 });
    expect(figuresOf(own.perBase, B.id)).toMatchObject({ archivesEnded: 1, archivesComplete: 0 });
    const own2 = ok(await c.base2.get(overviewUrl()));
    expect(own2.perBase.map((b: any) => b.baseId)).toEqual([C.id]);

    expect((await c.pro1.get(overviewUrl())).status).toBe(403);
    expect((await c.expert1.get(overviewUrl())).status).toBe(403);
    expect((await s.client().get(overviewUrl())).status).toBe(401);
  });

  it("answers dashboards opened at the same moment each with its own scope's figures (one computation per scope)", async () => {
    const db = s.app.platform.db;
    const actorOf = async (username: string) => {
      const u = await db.selectFrom("users").select(["id", "username", "displayName", "orgId"]).where("username", "=", username).executeTakeFirstOrThrow();
      const roles = (await db.selectFrom("userRoles").select("role").where("userId", "=", u.id).execute()).map((r) => r.role);
      return { ...u, roles } as NonNullable<Ctx["actor"]>;
    };
    const actors = await Promise.all(["bureau", "supervisor", "supervisor2", "base", "base2", "bureau", "base"].map(actorOf));
    const ctxOf = (actor: NonNullable<Ctx["actor"]>): Ctx => ({ ...s.app.platform, actor, ip: "127.0.0.1" });
    const alone: StatisticsOverview[] = [];
    for (const a of actors) alone.push(await overview(ctxOf(a), {}));
    // started in one tick: each later one finds the earlier ones still computing
    const together = await Promise.all(actors.map((a) => overview(ctxOf(a), {})));
    const figures = (o: StatisticsOverview) => ({ ...o, countedAt: null });
    expect(together.map(figures)).toEqual(alone.map(figures));
    expect(together.map((o) => o.scope)).toEqual(["city", "supervisor", "supervisor", "base", "base", "city", "base"]);
    expect(together[1].perBase.map((b) => b.baseId).sort()).toEqual([A.id, B.id].sort());
    expect(together[2].perBase.map((b) => b.baseId)).toEqual([C.id]);
    expect(together[4].perBase.map((b) => b.baseId)).toEqual([C.id]);
  });

  it("counts the open risk flags of the scope per kind and per base, and gives base staff none (issue 12 item 4)", async () => {
    ok(await c.bureau.post("/api/v1/risk-flags/actions/scan", {}));
    // 第二十五条: B charges 500 yuan against an approved standard of 300
    const ofB = ok(await c.bureau.get(`/api/v1/risk-flags?status=open&baseId=${B.id}&pageSize=100`));
    expect(ofB.items.map((f: any) => f.kind)).toContain("fee_above_standard");
    const o = ok(await c.bureau.get(overviewUrl()));
    for (const base of [A, B, C]) {
      const listed = ok(await c.bureau.get(`/api/v1/risk-flags?status=open&baseId=${base.id}&pageSize=100`));
      expect(figuresOf(o.perBase, base.id).openRiskFlags).toBe(listed.total);
    }
    expect(o.totals.openRiskFlags).toBe(o.perBase.reduce((a: number, b: any) => a + b.openRiskFlags, 0));
    expect(o.riskFlags.find((k: any) => k.key === "fee_above_standard").count).toBeGreaterThanOrEqual(1);
    expect(o.riskFlags.reduce((a: number, k: any) => a + k.count, 0)).toBe(o.totals.openRiskFlags);
    // a supervising unit: its own bases' flags only
    const sup = ok(await c.supervisor.get(overviewUrl()));
    expect(sup.totals.openRiskFlags).toBe(figuresOf(o.perBase, A.id).openRiskFlags + figuresOf(o.perBase, B.id).openRiskFlags);
    // base staff do not read risk flags
    const own = ok(await c.base.get(overviewUrl()));
    expect(own.totals.openRiskFlags).toBeNull();
    expect(own.riskFlags).toBeNull();
    expect(figuresOf(own.perBase, A.id).openRiskFlags).toBeNull();
  });

  it("exports the dashboard's figures as Excel, one sheet per table", async () => {
    const res = await c.supervisor.get("/api/v1/statistics/overview.xlsx?year=2026");
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["总体情况", "月度培训情况", "项目类别", "计划执行", "收费情况", "培训效果评估"]));
    // a supervising unit's workbook has no compliance sheet (the bureau's figure)
    expect(wb.getWorksheet("学时达标率-专业")).toBeUndefined();
    const plan = wb.getWorksheet("计划执行")!;
    const rowOf = (name: string) => plan.getRows(2, plan.rowCount - 1)!.find((r) => r.getCell(1).value === name)!;
    expect([2, 3, 4, 5].map((i) => rowOf("统计甲基地").getCell(i).value)).toEqual([3, 2, 1, 5]);
  });

  it("prints the yearly report as PDF with the city's title, and as Excel; the bureau's covers the city", async () => {
    const pdf = await pdfOf(await c.bureau.get("/api/v1/reports/yearly?year=2026&format=pdf"));
    const text = pdf.pages.join("\n");
    expect(text).toContain("威海市专业技术人员继续教育基地年度统计报告");
    expect(text).toContain("统计甲基地");
    const xlsx = await c.bureau.get("/api/v1/reports/yearly?year=2026&format=xlsx");
    expect(xlsx.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual(expect.arrayContaining(["总体情况", "学时达标率-专业", "收费情况"]));
    const totals = wb.getWorksheet("总体情况")!;
    expect(totals.getRow(4).values).toEqual([undefined, "备案培训项目（个）", 4]);
    // base staff may not download the city's report; a supervising unit's covers its bases
    expect((await c.base.get("/api/v1/reports/yearly?year=2026&format=pdf")).status).toBe(403);
    const sup = await c.supervisor.get("/api/v1/reports/yearly?year=2026&format=xlsx");
    const swb = new ExcelJS.Workbook();
    await swb.xlsx.load(sup.body as any);
    const names = swb.getWorksheet("计划执行")!.getColumn(1).values.slice(2);
    expect(names.sort()).toEqual(["统计乙基地", "统计甲基地"].sort());
    expect((await c.bureau.get("/api/v1/reports/yearly?year=2026&format=doc")).status).toBe(400);
  });

  it("keeps the closed year's report from the scheduler's first run in the new year, and serves the kept one", async () => {
    await setToday(c, "2027-01-02");
    try {
      const ran = ok(await c.bureau.post("/api/v1/test/jobs/run", {}));
      expect(ran.ran["statistics.yearlyReports"].kept).toBe(6);
      const kept = await s.app.platform.db.selectFrom("yearlyReports").selectAll().where("year", "=", 2026).execute();
      expect(kept.map((k) => `${k.scopeKey}:${k.format}`).sort()).toEqual(
        ["city:pdf", "city:xlsx", `${c.supervisorOrgIds.base}:pdf`, `${c.supervisorOrgIds.base}:xlsx`, `${c.supervisorOrgIds.base2}:pdf`, `${c.supervisorOrgIds.base2}:xlsx`].sort(),
      );
      // a later change to the data does not change the kept report
      await givenProjectRow(s, { baseId: A.id, status: "filed", startDate: "2026-11-01" });
      const xlsx = await c.bureau.get("/api/v1/reports/yearly?year=2026&format=xlsx");
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx.body as any);
      expect(wb.getWorksheet("总体情况")!.getRow(4).getCell(2).value).toBe(4);
      const audit = await s.app.platform.db.selectFrom("auditEvents").select("action").where("resourceType", "=", "yearlyReport").execute();
      expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["yearlyReport.generate", "yearlyReport.keep", "yearlyReport.download"]));
    } finally {
      await setToday(c, TODAY);
    }
  });

  it("counts the dashboard on a read thread with its own connection on SQLite, which runs no writes (issue 13 item 4)", async () => {
    const p = s.app.platform;
    if (dialect === "postgres") return expect(longReads(p)).toBe(p.db);
    const before = p.documents.readPool().completed;
    const o = ok(await c.bureau.get(overviewUrl("&district=文登区")));
    expect(o.perBase.map((b: any) => b.baseId)).toEqual([C.id]);
    expect(p.documents.readPool().completed).toBeGreaterThan(before);
    const users = await longReads(p).selectFrom("users").select("id").orderBy("id").execute();
    expect(users).toEqual(await p.db.selectFrom("users").select("id").orderBy("id").execute());
    await expect(longReads(p).deleteFrom("users").where("id", "=", users[0].id).execute()).rejects.toThrow();
    expect(await p.db.selectFrom("users").select("id").where("id", "=", users[0].id).executeTakeFirst()).toEqual(users[0]);
    await expect(longReads(p).transaction().execute(async () => null)).rejects.toThrow(/no writes and no transactions/);
  });

  it("answers from figures that were slow to count for five minutes, saying when they were counted, then counts afresh (issue 13)", async () => {
    const config = s.app.platform.config;
    const quick = config.statisticsKeepAfterMs;
    const url = overviewUrl("&specialty=护理");
    const first = ok(await c.base2.get(url));
    // a quick count is not kept: a new project shows at once
    await givenProjectRow(s, { baseId: C.id, status: "running", startDate: "2026-08-03", specialty: "护理" });
    const live = ok(await c.base2.get(url));
    expect(live.totals.projects).toBe(first.totals.projects + 1);
    config.statisticsKeepAfterMs = -1; // every count now counts as slow
    try {
      const counted = ok(await c.base2.get(url));
      const p = await givenProjectRow(s, { baseId: C.id, status: "running", startDate: "2026-08-10", specialty: "护理" });
      await givenEnrolments(s, p, [{ id: L[4].id }]);
      const kept = ok(await c.base2.get(url));
      expect(kept.countedAt).toBe(counted.countedAt);
      expect(kept.totals).toEqual(counted.totals);
      // kept per scope: the bureau's own count of the same filter sees the new project
      expect(ok(await c.bureau.get(url)).totals.projects).toBe(counted.totals.projects + 1);
      // five minutes on, the kept figures answer once more while a fresh count runs, which then answers
      s.advanceSystemTime(5);
      expect(ok(await c.base2.get(url)).totals).toEqual(counted.totals);
      await expect.poll(async () => ok(await c.base2.get(url)).totals.participants, { timeout: 10_000 }).toBe(counted.totals.participants + 1);
    } finally {
      config.statisticsKeepAfterMs = quick;
    }
  });
});
