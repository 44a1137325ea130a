// The project's own completion rule (第十七条; DESIGN.md "Delivery and records": attendance of
// `completionAttendance` of the sessions, 100% by default "unless the project sets lower"): filed with the
// project, never above the policy in force at its end date, frozen once filed, and what completion uses.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dialects, startServer, type Client, type TestServer } from "../support/harness.js";
import { expectError, filingCast, givenActiveBase, givenDraftProject, ok, projectInput, sessionsFor, setToday, withoutServerFields, type FilingCast, type TestBase } from "../support/filing.js";
import { givenCheckedInByHand } from "../support/delivery.js";
import { completeCourse, COURSE_END, enrolPerson, enrolSelf, givenCourse, recordOf, setNow } from "../support/completion.js";
import { PROJECT_SERVER_FIELDS } from "../../src/shared/filing.js";

describe.each(dialects)("the project's completion attendance on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let home: TestBase;
  let pro2: Client;

  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    pro2 = await s.as("pro2");
    home = await givenActiveBase(c, "base");
  });
  afterAll(() => s.close());

  it("completes a person who attended half the sessions of a project filed with 50%, with the hours attended", async () => {
    const course = await givenCourse(c, home, { completionAttendance: 0.5 });
    expect(course).toMatchObject({ status: "filed", completionAttendance: 0.5 });
    const pro1 = await enrolSelf(c.pro1, course.id);
    const second = await enrolSelf(pro2, course.id);
    const zheng = await enrolPerson(home, course.id, "郑海燕");
    const [s1, s2, s3, s4] = course.sessions.map((x: any) => x.id);
    await setToday(c, COURSE_END);
    // pro1: one morning on each day (2 of 4); pro2: one session only; 郑海燕: every session.
    for (const session of [s1, s3]) await givenCheckedInByHand(home.staff, course.id, session, [pro1]);
    await givenCheckedInByHand(home.staff, course.id, s2, [second]);
    for (const session of [s1, s2, s3, s4]) await givenCheckedInByHand(home.staff, course.id, session, [zheng]);

    const done = await completeCourse(c, home, course.id);
    expect(done).toMatchObject({ enrolled: 3, completed: 2, notCompleted: 1, certificatesIssued: 2, requiredAttendance: 0.5 });
    expect(ok(await home.staff.get(`/api/v1/training-projects/${course.id}/completion`))).toEqual(done);
    const byId = Object.fromEntries(ok(await home.staff.get(`/api/v1/training-projects/${course.id}/enrollments`)).items.map((e: any) => [e.professionalId, e]));
    expect(byId[pro1]).toMatchObject({ completed: true, attendedSessions: 2 });
    expect(byId[second]).toMatchObject({ completed: false, attendedSessions: 1 });
    expect(byId[zheng]).toMatchObject({ completed: true, attendedSessions: 4 });

    // 第二十四条: the certificate and the record carry the hours of the sessions attended, not the course's 12.
    const [cert] = ok(await c.pro1.get("/api/v1/me/certificates")).items;
    expect(cert.content).toMatchObject({ projectId: course.id, hours: 6 });
    const entries = (await recordOf(c.pro1, 2026)).entries.filter((e: any) => e.projectId === course.id);
    expect(entries.reduce((n: number, e: any) => n + e.hours, 0)).toBe(6);
    expect(ok(await pro2.get("/api/v1/me/certificates")).items).toEqual([]);
  });

  it("still asks for every session when the project sets nothing", async () => {
    const course = await givenCourse(c, home, { startDate: "2026-12-16", endDate: "2026-12-17", sessions: sessionsFor("2026-12-16", "2026-12-17") });
    expect(course.completionAttendance).toBeNull();
    const second = await enrolSelf(pro2, course.id);
    await setToday(c, "2026-12-17");
    for (const session of course.sessions.slice(0, 3)) await givenCheckedInByHand(home.staff, course.id, session.id, [second]);
    await setNow(c, "2026-12-17T09:00:00.000Z");
    const done = ok(await home.staff.post(`/api/v1/training-projects/${course.id}/actions/complete`, {}));
    expect(done).toMatchObject({ enrolled: 1, completed: 0, notCompleted: 1, certificatesIssued: 0, requiredAttendance: 1 });
  });

  it("keeps the share with the project and freezes it once filed", async () => {
    await setToday(c, "2026-11-02");
    const draft = await givenDraftProject(home, { completionAttendance: 0.8 });
    expect(draft.completionAttendance).toBe(0.8);
    const body = withoutServerFields(draft, PROJECT_SERVER_FIELDS);
    const eased = ok(await home.staff.patch(`/api/v1/training-projects/${draft.id}`, { ...body, completionAttendance: 0.6, version: draft.version }));
    expect(eased.completionAttendance).toBe(0.6);
    const cleared = ok(await home.staff.patch(`/api/v1/training-projects/${draft.id}`, { ...body, completionAttendance: null, version: eased.version }));
    expect(cleared.completionAttendance).toBeNull();
    const again = ok(await home.staff.patch(`/api/v1/training-projects/${draft.id}`, { ...body, completionAttendance: 0.75, version: cleared.version }));
    const filed = ok(await home.staff.post(`/api/v1/training-projects/${draft.id}/actions/submit`, { version: again.version }));
    expect(filed).toMatchObject({ status: "filed", completionAttendance: 0.75 });
    expectError(await home.staff.patch(`/api/v1/training-projects/${draft.id}`, { ...body, completionAttendance: 0.5, version: filed.version }), 409, "PROJECT_NOT_EDITABLE");
    expect(ok(await home.staff.get(`/api/v1/training-projects/${draft.id}`)).completionAttendance).toBe(0.75);
  });

  it("refuses a share outside 50%–100% as invalid input", async () => {
    await setToday(c, "2026-11-02");
    for (const completionAttendance of [0.4, 1.2]) {
      expectError(await home.staff.post("/api/v1/training-projects", projectInput(home.id, { completionAttendance })), 400, "VALIDATION_FAILED");
    }
  });

  it("refuses a share above the policy's at the project's end date, on saving and on filing", async () => {
    await setToday(c, "2026-11-02");
    // Saved while the policy at its end date asks for every session …
    const draft = await givenDraftProject(home, { startDate: "2026-12-28", endDate: "2026-12-29", sessions: sessionsFor("2026-12-28", "2026-12-29"), completionAttendance: 0.9 });
    // … then a policy version from 2026-12-21 eases it to 80%: the project may not be stricter than that.
    const { params } = ok(await c.bureau.get("/api/v1/policy/current"));
    ok(await c.bureau.post("/api/v1/policy/versions", { effectiveFrom: "2026-12-21", params: { ...params, completionAttendance: 0.8 }, note: "结业出勤率调整为 80%" }), 201);

    const input = projectInput(home.id, { startDate: "2026-12-28", endDate: "2026-12-29", sessions: sessionsFor("2026-12-28", "2026-12-29"), completionAttendance: 0.9 });
    const refused = await home.staff.post("/api/v1/training-projects", input);
    expect(expectError(refused, 422, "COMPLETION_ATTENDANCE_ABOVE_POLICY")).toMatchObject({ max: 0.8, value: 0.9 });
    expect(refused.body.error.message).toContain("80%");

    const atFiling = await home.staff.post(`/api/v1/training-projects/${draft.id}/actions/submit`, { version: draft.version });
    expect(expectError(atFiling, 422, "COMPLETION_ATTENDANCE_ABOVE_POLICY")).toMatchObject({ max: 0.8, value: 0.9 });
    expect(ok(await home.staff.get(`/api/v1/training-projects/${draft.id}`)).status).toBe("draft");

    // The policy's own share, or less, is accepted; a project ending before the new version keeps 100%.
    expect(ok(await home.staff.post("/api/v1/training-projects", { ...input, completionAttendance: 0.8 }), 201).completionAttendance).toBe(0.8);
    expect(ok(await home.staff.post("/api/v1/training-projects", projectInput(home.id, { completionAttendance: 0.9 })), 201).completionAttendance).toBe(0.9);
  });
});
