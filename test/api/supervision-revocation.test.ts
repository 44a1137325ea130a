// Revocation of a base (撤销, 第十三、十九、二十条): the bureau revokes under a decision number; projects
// not started are withdrawn and their enrolled people told; nobody enrols or files under the base; a
// project under way finishes and certifies unless stopped too; the base leaves the public registry for
// the public list of revoked bases.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../../src/server/platform/audit.js";
import { givenCheckedInByHand } from "../support/delivery.js";
import { COURSE_END, COURSE_START, completeCourse, enrolSelf, setNow, LAST_SESSION_END } from "../support/completion.js";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import {
  auditActions,
  expectError,
  filingCast,
  givenActiveBase,
  givenDraftProject,
  givenFiledProject,
  notificationsOf,
  ok,
  runJobs,
  setToday,
  type FilingCast,
  type TestBase,
} from "../support/filing.js";
import { baseOf, createOrder, givenOpenOrder, orderUrl, REVOCATION } from "../support/supervision-rectification.js";

describe.each(dialects)("revocation of a base on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let pro2: Client;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    pro2 = await s.as("pro2");
  });
  afterAll(() => s.close());
  beforeEach(() => setToday(c, "2026-11-02"));

  const revoke = (who: Client, base: TestBase, body: Record<string, unknown> = REVOCATION) => who.post(`/api/v1/bases/${base.id}/actions/revoke`, body);
  const preview = (who: Client, base: TestBase) => who.get(`/api/v1/bases/${base.id}/revocation-preview`);
  const project = async (base: TestBase, id: string) => ok(await base.staff.get(`/api/v1/training-projects/${id}`));

  /** A base with a course under way on revocation day (2026-12-14) and one starting later. */
  async function givenBaseWithCourses() {
    const base = await givenActiveBase(c);
    const running = await givenFiledProject(base, { startDate: COURSE_START, endDate: COURSE_END });
    const future = await givenFiledProject(base, { startDate: "2026-12-28", endDate: "2026-12-29" });
    const draft = await givenDraftProject(base, { startDate: "2027-01-11", endDate: "2027-01-12" });
    await enrolSelf(c.pro1, running.id);
    await enrolSelf(c.pro1, future.id);
    await setToday(c, COURSE_START);
    await runJobs(c);
    expect((await project(base, running.id)).status).toBe("running");
    return { base, running, future, draft };
  }

  it("previews what revoking would withdraw and what would go on", async () => {
    const { base, running, future, draft } = await givenBaseWithCourses();
    const p = ok(await preview(c.bureau, base));
    expect(p).toMatchObject({ baseId: base.id, baseName: base.name, status: "active", enrolledToNotify: 1, openRectificationOrders: 0 });
    expect(p.withdrawn.map((x: any) => x.id)).toEqual([future.id, draft.id]);
    expect(p.withdrawn[0]).toMatchObject({ title: future.title, status: "filed", enrolled: 1, filingNo: future.filingNo });
    expect(p.running).toEqual([expect.objectContaining({ id: running.id, status: "running", enrolled: 1 })]);
  });

  it("revokes under a decision number, withdraws the projects not started and tells the people enrolled", async () => {
    const { base, running, future, draft } = await givenBaseWithCourses();
    const order = await givenOpenOrder(c, base);
    const before = (await notificationsOf(c.pro1, "supervision.rectification.projectWithdrawn")).length;
    const accreditedUnder = (await baseOf(c.bureau, base.id)).decisionNo;
    const res = ok(await revoke(c.bureau, base));
    expect(res).toMatchObject({ id: base.id, status: "revoked", revocationReason: REVOCATION.reason, revocationBasis: REVOCATION.basis, stoppedProjectIds: [], notifiedCount: 1 });
    expect(res.revocationDecisionNo).toMatch(/〔2026〕\d+号$/);
    // The base's own decision (its accreditation) stays as it was.
    expect(res.decisionNo).toBe(accreditedUnder);
    expect(res.revokedAt).toEqual(expect.any(String));
    expect(res.withdrawnProjectIds.sort()).toEqual([future.id, draft.id].sort());

    const withdrawn = await project(base, future.id);
    expect(withdrawn.status).toBe("cancelled");
    expect(withdrawn.history.at(-1)).toMatchObject({ action: "withdraw", fromStatus: "filed", toStatus: "cancelled" });
    expect((await project(base, draft.id)).status).toBe("cancelled");
    expect((await project(base, running.id)).status).toBe("running");
    const enrolments = ok(await base.staff.get(`/api/v1/training-projects/${future.id}/enrollments`)).items;
    expect(enrolments.map((e: any) => e.status)).toEqual(["cancelled"]);

    const told = await notificationsOf(c.pro1, "supervision.rectification.projectWithdrawn");
    expect(told.length).toBe(before + 1);
    expect(told[0].params).toMatchObject({ baseName: base.name, projectTitle: future.title, decisionNo: res.revocationDecisionNo });
    expect(await notificationsOf(base.staff, "supervision.rectification.baseRevoked")).not.toHaveLength(0);
    expect(await notificationsOf(c.supervisor, "supervision.rectification.baseRevoked")).not.toHaveLength(0);
    expect(await auditActions(c, base.id)).toContain("base.revoke");
    // The order running on it has nothing left to rectify.
    expect(ok(await c.bureau.get(orderUrl(order)))).toMatchObject({ status: "withdrawn", availableActions: [] });
  });

  it("refuses enrolment and filing under a revoked base", async () => {
    const { base, running, future } = await givenBaseWithCourses();
    ok(await revoke(c.bureau, base));
    expectError(await pro2.post(`/api/v1/training-projects/${running.id}/enrollments`, {}), 422, "BASE_NOT_ACTIVE_FOR_ENROLMENT");
    expectError(await pro2.post(`/api/v1/training-projects/${future.id}/enrollments`, {}), 422, "PROJECT_NOT_FILED");
    const draft = await givenDraftProject(base, { startDate: "2027-01-18", endDate: "2027-01-19" });
    expectError(await base.staff.post(`/api/v1/training-projects/${draft.id}/actions/submit`, { version: draft.version }), 422, "BASE_NOT_ACTIVE");
    expectError(await base.staff.post("/api/v1/annual-plans", { baseId: base.id, year: 2027, items: [], note: "" }), 422, "BASE_NOT_ACTIVE");
    expectError(await createOrder(c, base), 409, "BASE_REVOKED");
  });

  it("lets a project under way finish and certify the hours earned", async () => {
    const { base, running } = await givenBaseWithCourses();
    ok(await revoke(c.bureau, base));
    await setNow(c, LAST_SESSION_END);
    const pro1Id = ok(await c.pro1.get("/api/v1/auth/me")).user.id;
    for (const session of running.sessions) await givenCheckedInByHand(base.staff, running.id, session.id, [pro1Id]);
    await completeCourse(c, base, running.id);
    expect((await project(base, running.id)).status).toBe("completed");
    expect(await notificationsOf(c.pro1, "certificate.issued")).not.toHaveLength(0);
  });

  it("stops the projects under way too when the bureau says so", async () => {
    const { base, running } = await givenBaseWithCourses();
    const res = ok(await revoke(c.bureau, base, { ...REVOCATION, stopRunning: true }));
    expect(res.stoppedProjectIds).toEqual([running.id]);
    expect(res.notifiedCount).toBe(2);
    const stopped = await project(base, running.id);
    expect(stopped.status).toBe("cancelled");
    expect(stopped.history.at(-1)).toMatchObject({ action: "stop", fromStatus: "running", toStatus: "cancelled" });
    expect((await notificationsOf(c.pro1, "supervision.rectification.projectStopped"))[0].params).toMatchObject({ projectTitle: running.title });
  });

  it("takes the base out of the public registry into the public list of revoked bases", async () => {
    const base = await givenActiveBase(c);
    const q = encodeURIComponent(base.name);
    const pub = s.client();
    expect(ok(await pub.get(`/api/v1/public/bases?q=${q}`)).items.map((b: any) => b.id)).toEqual([base.id]);
    const res = ok(await revoke(c.bureau, base));
    expect(ok(await pub.get(`/api/v1/public/bases?q=${q}`)).items).toEqual([]);
    const revoked = ok(await pub.get(`/api/v1/public/bases?status=revoked&q=${q}`)).items;
    expect(revoked).toEqual([expect.objectContaining({ id: base.id, status: "revoked", revocationDecisionNo: res.revocationDecisionNo, revocationReason: REVOCATION.reason })]);
    expect(revoked[0].revokedAt).toEqual(expect.any(String));
    expect(ok(await pub.get(`/api/v1/public/bases/${base.id}`))).toMatchObject({ status: "revoked", revocationDecisionNo: res.revocationDecisionNo });
  });

  it("refuses to revoke a base twice", async () => {
    const base = await givenActiveBase(c);
    ok(await revoke(c.bureau, base));
    expectError(await revoke(c.bureau, base), 409, "BASE_REVOKED");
    expect((await baseOf(c.bureau, base.id)).status).toBe("revoked");
  });

  it("revokes a base under rectification", async () => {
    const base = await givenActiveBase(c);
    await givenOpenOrder(c, base);
    expect(ok(await revoke(c.bureau, base)).status).toBe("revoked");
  });

  it("refuses a revocation without reason or basis, or against a version the bureau did not see", async () => {
    const base = await givenActiveBase(c);
    expectError(await revoke(c.bureau, base, { ...REVOCATION, reason: "   " }), 422, "TEXT_BLANK");
    expectError(await revoke(c.bureau, base, { reason: REVOCATION.reason }), 400, "VALIDATION_FAILED");
    const { version } = ok(await preview(c.bureau, base));
    expectError(await revoke(c.bureau, base, { ...REVOCATION, version: version + 1 }), 409, "VERSION_CONFLICT");
    expect((await baseOf(c.bureau, base.id)).status).toBe("active");
  });

  it("lets only the bureau revoke or preview: anyone else hears 403, in scope or not, and the bureau 404 for no such base", async () => {
    const base = await givenActiveBase(c);
    // issue 10: no grant at all (base.revoke is the bureau's alone) answers 403 whatever the base
    expectError(await revoke(base.staff, base), 403, "FORBIDDEN");
    expectError(await revoke(c.supervisor, base), 403, "FORBIDDEN");
    expectError(await revoke(c.supervisor2, base), 403, "FORBIDDEN");
    expectError(await revoke(c.base2, base), 403, "FORBIDDEN");
    expectError(await revoke(c.pro1, base), 403, "FORBIDDEN");
    expectError(await preview(c.supervisor, base), 403, "FORBIDDEN");
    expectError(await preview(c.supervisor2, base), 403, "FORBIDDEN");
    expectError(await c.bureau.post("/api/v1/bases/nosuchbase/actions/revoke", REVOCATION), 404, "NOT_FOUND");
    expect((await s.client().post(`/api/v1/bases/${base.id}/actions/revoke`, REVOCATION)).status).toBe(401);
    expect((await baseOf(c.bureau, base.id)).status).toBe("active");
  });

  it("revokes a base whose coming online course has thousands enrolled, telling every one of them", async () => {
    const base = await givenActiveBase(c);
    const course = await givenFiledProject(base, { startDate: "2026-12-28", endDate: "2026-12-29" });
    // 5,000 people (straight into the database: this is about revocation, not enrolment) — more than one
    // INSERT may bind on SQLite or PostgreSQL if every notification went in a single statement.
    const db = s.app.platform.db;
    const now = s.clock.nowIso();
    const org = (await db.selectFrom("users").select("orgId").where("username", "=", "pro1").executeTakeFirstOrThrow()).orgId;
    for (let i = 0; i < 5000; i += 500) {
      const ids = Array.from({ length: 500 }, (_, j) => `bulk-${dialect}-${i + j}`);
      await db.insertInto("users").values(ids.map((id) => ({ id, username: id, displayName: "学员", orgId: org, passwordHash: "-", mustChangePassword: 0, failedLogins: 0, phone: null, createdAt: now, updatedAt: now, version: 1 }))).execute();
      await db.insertInto("professionals").values(ids.map((id) => ({ id, employer: "威海市立医院", title: "工程师", specialty: "智能制造", createdBy: null, createdAt: now, updatedAt: now, version: 1 }))).execute();
      await db
        .insertInto("enrollments")
        .values(ids.map((id) => ({ id: `e-${id}`, projectId: course.id, professionalId: id, status: "enrolled", source: "self", completed: null, attendedSessions: null, createdBy: id, createdAt: now, updatedAt: now, version: 1 })))
        .execute();
    }
    const outcome = ok(await revoke(c.bureau, base));
    expect(outcome).toMatchObject({ status: "revoked", withdrawnProjectIds: [course.id], notifiedCount: 5000 });
    const told = await db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).where("userId", "like", `bulk-${dialect}-%`).where("kind", "=", "supervision.rectification.projectWithdrawn").executeTakeFirstOrThrow();
    expect(Number(told.n)).toBe(5000);
    // every cancellation audited, on one unbroken chain
    const cancelled = await db.selectFrom("auditEvents").select((eb) => eb.fn.countAll<number>().as("n")).where("action", "=", "enrollment.cancel").where("resourceId", "like", `e-bulk-${dialect}-%`).executeTakeFirstOrThrow();
    expect(Number(cancelled.n)).toBe(5000);
    expect((await verifyAuditChain(s.app.platform)).intact).toBe(true);
  });
});
