// Risk flags (issue 12 item 4): each kind is built as the abuse and seen flagged with its article and
// evidence, and the same build without the abuse raises none; a re-run never duplicates; the bureau
// dismisses with a reason (audited) or turns a flag into a violation (第二十条); a supervising unit sees
// its own bases' flags only; check-ins keep a keyed device hash, never the raw address or user agent.
// Where the platform itself refuses the abuse (a check-in under an unfiled project, a certificate
// without attendance), the abuse is written to the database directly: the flags exist to catch data
// that got around the rules (imports, legacy data, hand edits).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { newId } from "../../src/server/platform/ids.js";
import { givenCertifiedCourse } from "../support/supervision-violations.js";
import { givenCheckedInByHand, givenEnrolled, givenProfessionals, startDeliveryServer, type Learner } from "../support/delivery.js";
import { givenCourse, setNow } from "../support/completion.js";
import { dialects, type Client, type TestServer } from "../support/harness.js";
import { auditActions, expectError, filingCast, givenActiveBase, givenDraftProject, givenFeeStandard, givenFiledProject, givenPlan, ok, runJobs, setBaseStatus, setToday, type FilingCast, type TestBase } from "../support/filing.js";

describe.each(dialects)("risk flags on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  const db = () => s.app.platform.db;
  const scan = async () => ok(await c.bureau.post("/api/v1/risk-flags/actions/scan", {}));
  const flagsOf = async (query: string, who: Client = c.bureau) => ok(await who.get(`/api/v1/risk-flags?pageSize=200&${query}`)).items as any[];
  const projectFlags = async (kind: string, projectId: string) => (await flagsOf(`kind=${kind}`)).filter((f) => f.projectId === projectId);

  beforeAll(async () => {
    s = await startDeliveryServer(dialect);
    c = await filingCast(s);
    home = await givenActiveBase(c, "base");
  });
  afterAll(() => s.close());

  it("flags check-ins recorded under a project that was never filed (第十七条), not those of a filed one", async () => {
    const filed = await givenCourse(c, home);
    const draft = await givenDraftProject(home, { startDate: "2026-12-21", endDate: "2026-12-22" });
    const pro = await givenProfessionals(s, 2);
    await givenEnrolled(home.staff, filed.id, pro);
    await setNow(c, "2026-12-14T01:30:00.000Z");
    await givenCheckedInByHand(home.staff, filed.id, filed.sessions[0].id, [pro[0].id]);
    expect(await projectFlags("unfiled_checkin", filed.id)).toEqual([]);
    // a sign-in sheet of the unfiled course, brought in around the platform
    for (const p of pro) {
      await db()
        .insertInto("checkIns")
        .values({ id: newId(), sessionId: draft.sessions[0].id, projectId: draft.id, professionalId: p.id, method: "import", reason: "外部签到表", recordedBy: null, checkedInAt: "2026-12-21T01:10:00.000Z" })
        .execute();
    }
    await setToday(c, "2026-12-22");
    await scan();
    expect(await projectFlags("unfiled_checkin", filed.id)).toEqual([]);
    const [flag] = await projectFlags("unfiled_checkin", draft.id);
    expect(flag).toMatchObject({ kind: "unfiled_checkin", article: "第十七条", status: "open", baseId: home.id, baseName: home.name });
    expect(flag.evidence.facts).toMatchObject({ projectStatus: "draft", checkIns: 2, people: 2 });
    expect(flag.evidence.records.filter((r: any) => r.type === "checkIn").map((r: any) => r.label.split(" · ")[0]).sort()).toEqual(pro.map((p) => p.name).sort());
    expect(flag.evidence.records[0]).toMatchObject({ type: "project", id: draft.id });
  });

  it("flags certificates of people below the project's attendance rule (第二十条 乱发证), not those who attended", async () => {
    const base = await givenActiveBase(c, "base2");
    const { course, pro1, other } = await givenCertifiedCourse(c, base);
    await scan();
    expect(await projectFlags("certificate_below_attendance", course.id)).toEqual([]);
    // the other person's sign-ins of the second day disappear: the certificate stands on one day of two
    await db().deleteFrom("checkIns").where("projectId", "=", course.id).where("professionalId", "=", other).where("sessionId", "in", [course.sessions[2].id, course.sessions[3].id]).execute();
    await scan();
    const [flag] = await projectFlags("certificate_below_attendance", course.id);
    expect(flag).toMatchObject({ article: "第二十条", baseId: base.id });
    expect(flag.evidence.facts).toMatchObject({ certificates: 1, sessions: 4, requiredSessions: 4 });
    const certs = flag.evidence.records.filter((r: any) => r.type === "certificate");
    expect(certs).toHaveLength(1);
    expect(certs[0].detail).toContain("出勤 2/4 次");
    expect(certs[0].label).toContain("孙海燕");
    expect(pro1).not.toBe(other);
  });

  it("flags a fee above the standard in force on the class date (第二十五条 乱收费), not one within it", async () => {
    const base = await givenActiveBase(c, "base");
    await setToday(c, "2026-11-02");
    const standard = await givenFeeStandard(c, base, "professional", 30_000);
    const within = await givenFiledProject(base, { feeFen: 30_000, startDate: "2026-12-14", endDate: "2026-12-15" });
    const raised = await givenFiledProject(base, { feeFen: 30_000, startDate: "2026-12-16", endDate: "2026-12-17" });
    await scan();
    expect([...(await projectFlags("fee_above_standard", within.id)), ...(await projectFlags("fee_above_standard", raised.id))]).toEqual([]);
    await db().updateTable("trainingProjects").set({ feeFen: 48_000 }).where("id", "=", raised.id).execute();
    await scan();
    expect(await projectFlags("fee_above_standard", within.id)).toEqual([]);
    const [flag] = await projectFlags("fee_above_standard", raised.id);
    expect(flag).toMatchObject({ article: "第二十五条" });
    expect(flag.evidence.facts).toMatchObject({ feeFen: 48_000, standardFen: 30_000, classDate: "2026-12-16", subjectType: "professional" });
    expect(flag.evidence.records).toContainEqual(expect.objectContaining({ type: "feeStandard", id: standard.id }));
  });

  it("flags enrolments above the filed places, naming the ones past the capacity", async () => {
    const course = await givenCourse(c, home, { capacity: 3, startDate: "2026-12-16", endDate: "2026-12-17" });
    const pro = await givenProfessionals(s, 3);
    await givenEnrolled(home.staff, course.id, pro);
    await scan();
    expect(await projectFlags("over_capacity", course.id)).toEqual([]);
    await db().updateTable("trainingProjects").set({ capacity: 1 }).where("id", "=", course.id).execute();
    await scan();
    const [flag] = await projectFlags("over_capacity", course.id);
    expect(flag).toMatchObject({ article: "第十七条" });
    expect(flag.evidence.facts).toEqual({ capacity: 1, enrolled: 3, over: 2 });
    expect(flag.evidence.records.filter((r: any) => r.type === "enrollment").map((r: any) => r.label)).toEqual([pro[1].name, pro[2].name]);
  });

  it("flags a check-in recorded before the session's check-in window opens, not one inside it", async () => {
    const course = await givenCourse(c, home, { startDate: "2026-12-23", endDate: "2026-12-24" });
    const pro = await givenProfessionals(s, 1);
    await givenEnrolled(home.staff, course.id, pro);
    await setNow(c, "2026-12-23T01:10:00.000Z"); // 09:10 in Weihai: the first session runs
    await givenCheckedInByHand(home.staff, course.id, course.sessions[0].id, [pro[0].id]);
    await scan();
    expect(await projectFlags("checkin_outside_window", course.id)).toEqual([]);
    await setNow(c, "2026-12-23T23:00:00.000Z"); // 07:00 on the second day: the window opens at 08:30
    await givenCheckedInByHand(home.staff, course.id, course.sessions[2].id, [pro[0].id]);
    await scan();
    const [flag] = await projectFlags("checkin_outside_window", course.id);
    expect(flag).toMatchObject({ article: "第十七条" });
    expect(flag.evidence.records).toHaveLength(1);
    expect(flag.evidence.records[0]).toMatchObject({ type: "checkIn", label: `${pro[0].name} · 2026-12-24 专题讲座` });
    expect(flag.evidence.records[0].detail).toContain("2026-12-24 07:00");
    expect(flag.evidence.records[0].detail).toContain("08:30");
  });

  describe("proxy check-in", () => {
    let course: any;
    let people: Learner[];
    const scanFrom = async (sessionId: string, agent: (i: number) => string) => {
      const { token } = ok(await home.staff.get(`/api/v1/training-projects/${course.id}/sessions/${sessionId}/check-in-code`));
      for (const [i, p] of people.entries()) {
        const res = await p.client.request("POST", "/api/v1/check-ins", { token }, { "user-agent": agent(i) });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
      }
    };

    beforeAll(async () => {
      course = await givenCourse(c, home, { startDate: "2026-12-28", endDate: "2026-12-29" });
      people = await givenProfessionals(s, 5);
      await givenEnrolled(home.staff, course.id, people);
    });

    it("raises nothing when five people check in from five phones", async () => {
      await setNow(c, "2026-12-28T01:05:00.000Z");
      await scanFrom(course.sessions[0].id, (i) => `Mozilla/5.0 (iPhone; CPU iPhone OS 17_${i} like Mac OS X) MicroMessenger/8.0.${i}`);
      await scan();
      expect(await projectFlags("proxy_checkin", course.id)).toEqual([]);
    });

    it("flags one device checking in five different people within minutes, with the people as evidence", async () => {
      await setNow(c, "2026-12-28T06:02:00.000Z");
      await scanFrom(course.sessions[1].id, () => "Mozilla/5.0 (Linux; Android 14; V2309A) MicroMessenger/8.0.47");
      await scan();
      const [flag] = await projectFlags("proxy_checkin", course.id);
      expect(flag).toMatchObject({ article: "第十七条", baseId: home.id });
      expect(flag.evidence.facts).toMatchObject({ people: 5, sessionDate: "2026-12-28" });
      expect(flag.evidence.records.map((r: any) => r.label.split(" · ")[0]).sort()).toEqual(people.map((p) => p.name).sort());
      expect(flag.evidence.records.every((r: any) => r.detail.includes(flag.evidence.facts.device))).toBe(true);
    });

    it("keeps the device as a keyed hash, never the raw address or user agent", async () => {
      const rows = await db().selectFrom("checkIns").select(["deviceHash", "method"]).where("projectId", "=", course.id).execute();
      expect(rows).toHaveLength(10);
      const hashes = rows.map((r) => r.deviceHash!);
      expect(hashes.every((h) => /^[A-Za-z0-9_-]{32}$/.test(h))).toBe(true);
      expect(new Set(hashes).size).toBe(6); // five phones, then one
      for (const h of hashes) {
        expect(h).not.toContain("127.0.0.1");
        expect(h).not.toContain("Mozilla");
      }
      const columns = JSON.stringify(await db().selectFrom("checkIns").selectAll().where("projectId", "=", course.id).execute());
      expect(columns).not.toContain("MicroMessenger");
      expect(columns).not.toContain("127.0.0.1");
    });
  });

  it("flags many evaluation answers with the same scores and the same words, not the same scores in different words", async () => {
    const course = await givenCourse(c, home, { startDate: "2026-12-30", endDate: "2026-12-31" });
    const pro = await givenProfessionals(s, 5);
    const form = await db().selectFrom("surveyForms").select("id").executeTakeFirstOrThrow();
    const answers = JSON.stringify({ overall: 5, content: 5, teacher: 5 });
    for (const [i, p] of pro.entries()) {
      await db()
        .insertInto("surveyResponses")
        .values({ id: newId(), projectId: course.id, professionalId: p.id, formId: form.id, answers, comment: `第${i + 1}位学员：课程内容${["实用", "扎实", "新颖", "丰富", "生动"][i]}`, createdAt: `2026-12-31T08:0${i}:00.000Z` })
        .execute();
    }
    await setToday(c, "2027-01-04");
    await scan();
    expect(await projectFlags("bulk_identical_evaluations", course.id)).toEqual([]);
    await db().updateTable("surveyResponses").set({ comment: "培训内容丰富，收获很大" }).where("projectId", "=", course.id).execute();
    await scan();
    const [flag] = await projectFlags("bulk_identical_evaluations", course.id);
    expect(flag).toMatchObject({ article: "第十七条" });
    expect(flag.evidence.facts).toEqual({ responses: 5, comment: "培训内容丰富，收获很大" });
    expect(flag.evidence.records.filter((r: any) => r.type === "surveyResponse")).toHaveLength(5);
  });

  it("flags an archive still incomplete 30 days after the project ended (第十七条), not before", async () => {
    const base = await givenActiveBase(c, "base2");
    await setToday(c, "2026-09-01");
    const project = await givenFiledProject(base, { startDate: "2026-10-12", endDate: "2026-10-13" });
    await setToday(c, "2026-11-12"); // day 30 after the end
    await scan();
    expect(await projectFlags("archive_incomplete", project.id)).toEqual([]);
    await setToday(c, "2026-11-13");
    await scan();
    const [flag] = await projectFlags("archive_incomplete", project.id);
    expect(flag).toMatchObject({ article: "第十七条", baseId: base.id });
    expect(flag.evidence.facts).toMatchObject({ endDate: "2026-10-13", dueDate: "2026-11-12", missing: "signIn,certificates,evaluation", sessions: 4, sessionsWithCheckIns: 0 });
  });

  it("flags a base whose plan for the year was not submitted by 31 December (第十六条), not one that submitted in time", async () => {
    const onTime = await givenActiveBase(c, "base");
    const missing = await givenActiveBase(c, "base2");
    await setToday(c, "2025-11-03");
    await givenPlan(c, onTime, 2026, "submitted");
    await setToday(c, "2025-12-31");
    await scan();
    expect(await flagsOf(`kind=plan_not_filed&baseId=${missing.id}`)).toEqual([]);
    await setToday(c, "2026-01-05");
    await scan();
    expect(await flagsOf(`kind=plan_not_filed&baseId=${onTime.id}`)).toEqual([]);
    const [flag] = await flagsOf(`kind=plan_not_filed&baseId=${missing.id}`);
    expect(flag).toMatchObject({ article: "第十六条", projectId: null });
    expect(flag.evidence.facts).toMatchObject({ year: 2026, dueDate: "2025-12-31", planStatus: null });
  });

  it("raises nothing new at a revoked base except training under its name (unfiled_checkin)", async () => {
    const base = await givenActiveBase(c, "base2");
    const course = await givenCourse(c, base, { capacity: 2, startDate: "2026-12-16", endDate: "2026-12-17" });
    const pro = await givenProfessionals(s, 2);
    await givenEnrolled(base.staff, course.id, pro);
    await db().updateTable("trainingProjects").set({ capacity: 1 }).where("id", "=", course.id).execute();
    await setBaseStatus(c, base.id, "revoked");
    await db().updateTable("trainingProjects").set({ status: "cancelled" }).where("id", "=", course.id).execute();
    await scan();
    expect(await projectFlags("over_capacity", course.id)).toEqual([]);
    await db()
      .insertInto("checkIns")
      .values({ id: newId(), sessionId: course.sessions[0].id, projectId: course.id, professionalId: pro[0].id, method: "import", reason: "外部签到表", recordedBy: null, checkedInAt: "2026-12-16T01:10:00.000Z" })
      .execute();
    await scan();
    expect(await projectFlags("unfiled_checkin", course.id)).toHaveLength(1);
  });

  it("never duplicates a flag: a second scan and the hourly job keep one per thing flagged", async () => {
    await setNow(c, "2027-01-04T02:00:00.000Z");
    await scan();
    const before = await flagsOf("");
    expect((await scan()).raised).toBe(0);
    expect((await runJobs(c)).ran["risk.scan"]).toMatchObject({ raised: 0 });
    expect((await runJobs(c)).ran["risk.scan"]).toEqual({ skipped: 1 }); // the same hour
    const after = await flagsOf("");
    expect(after.map((f) => f.id).sort()).toEqual(before.map((f) => f.id).sort());
  });

  it("raises new flags from the scheduled job and tells the bureau and the supervising unit", async () => {
    const course = await givenCourse(c, home, { capacity: 2, startDate: "2026-12-21", endDate: "2026-12-22" });
    const pro = await givenProfessionals(s, 2);
    await givenEnrolled(home.staff, course.id, pro);
    await db().updateTable("trainingProjects").set({ capacity: 1 }).where("id", "=", course.id).execute();
    await setNow(c, "2027-01-05T03:00:00.000Z");
    const ran = (await runJobs(c)).ran["risk.scan"];
    expect(ran.raised).toBeGreaterThanOrEqual(1);
    const [flag] = await projectFlags("over_capacity", course.id);
    expect(flag.evidence.facts).toEqual({ capacity: 1, enrolled: 2, over: 1 });
    for (const who of [c.bureau, c.supervisor]) {
      const notes = ok(await who.get("/api/v1/notifications?pageSize=50")).items.filter((n: any) => n.kind === "supervision.riskFlags.raised");
      expect(notes.some((n: any) => n.link === `/risk-flags?baseId=${home.id}`)).toBe(true);
    }
    expect(await auditActions(c, flag.id)).toEqual(["riskFlag.raise"]);
  });

  describe("review", () => {
    let flags: any[];
    beforeAll(async () => {
      flags = await flagsOf(`status=open&baseId=${home.id}`);
      expect(flags.length).toBeGreaterThanOrEqual(3);
    });

    it("refuses to dismiss without a reason, then dismisses with one, audited, and only once", async () => {
      const f = flags[0];
      expectError(await c.bureau.post(`/api/v1/risk-flags/${f.id}/actions/dismiss`, { reason: "  " }), 422, "TEXT_BLANK");
      expect((await c.bureau.post(`/api/v1/risk-flags/${f.id}/actions/dismiss`, {})).status).toBe(400);
      const done = ok(await c.bureau.post(`/api/v1/risk-flags/${f.id}/actions/dismiss`, { reason: "经核实为系统导入测试数据", version: f.version }));
      expect(done).toMatchObject({ status: "dismissed", dismissReason: "经核实为系统导入测试数据", dismissedByName: expect.any(String), availableActions: [] });
      expect(await auditActions(c, f.id)).toContain("riskFlag.dismiss");
      expectError(await c.bureau.post(`/api/v1/risk-flags/${f.id}/actions/dismiss`, { reason: "再次排除" }), 409, "RISK_FLAG_CLOSED");
      // a dismissed flag stays dismissed when the scan finds the same thing again
      await scan();
      expect(ok(await c.bureau.get(`/api/v1/risk-flags/${f.id}`)).status).toBe("dismissed");
      expect((await flagsOf(`status=open&baseId=${home.id}`)).map((x) => x.id)).not.toContain(f.id);
    });

    it("turns a flag into a violation report of the supervision module, linked both ways", async () => {
      const f = flags[1];
      const view = ok(await c.bureau.get(`/api/v1/risk-flags/${f.id}`));
      expect(view.availableActions).toEqual(["dismiss", "convert"]);
      const done = ok(await c.bureau.post(`/api/v1/risk-flags/${f.id}/actions/convert`, { version: view.version }));
      expect(done).toMatchObject({ status: "converted", violationId: expect.any(String) });
      const v = ok(await c.bureau.get(`/api/v1/violations/${done.violationId}`));
      expect(v).toMatchObject({ status: "reported", baseId: home.id, projectId: f.projectId });
      expect(v.facts).toContain(f.article);
      expect(await auditActions(c, f.id)).toContain("riskFlag.convert");
      expectError(await c.bureau.post(`/api/v1/risk-flags/${f.id}/actions/convert`, {}), 409, "RISK_FLAG_CLOSED");
    });

    it("shows a supervising unit its own bases' flags and hides others' (404); bases see none", async () => {
      const f = flags[2];
      expect(ok(await c.supervisor.get(`/api/v1/risk-flags/${f.id}`)).availableActions).toEqual(["convert"]);
      expect((await flagsOf("", c.supervisor)).every((x) => x.supervisorOrgName === f.supervisorOrgName)).toBe(true);
      expect((await flagsOf("", c.supervisor2)).map((x) => x.id)).not.toContain(f.id);
      expectError(await c.supervisor2.get(`/api/v1/risk-flags/${f.id}`), 404, "NOT_FOUND");
      expectError(await c.supervisor2.post(`/api/v1/risk-flags/${f.id}/actions/convert`, {}), 404, "NOT_FOUND");
      expectError(await c.supervisor.post(`/api/v1/risk-flags/${f.id}/actions/dismiss`, { reason: "管理单位排除" }), 403, "FORBIDDEN");
      expectError(await c.supervisor.post("/api/v1/risk-flags/actions/scan", {}), 403, "FORBIDDEN");
      expectError(await c.base.get("/api/v1/risk-flags"), 403, "FORBIDDEN");
      expectError(await c.base.get(`/api/v1/risk-flags/${f.id}`), 403, "FORBIDDEN");
    });
  });
});
