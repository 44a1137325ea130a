// 第十八条: the supervising unit's inspection scheme and the annual inspection of a base — opened only
// by the base's own unit, prefilled with the platform's facts, scored, submitted with total and grade
// from the scheme's bands, answered (申辩) within 5 working days, finalized; a base never sees a draft.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { latestFinalizedInspection } from "../../src/server/modules/supervision/inspection-service.js";
import { inspectPdf } from "../../src/server/platform/pdf.js";
import { dialects, startServer, type TestServer } from "../support/harness.js";
import { minimalPdf } from "../support/files.js";
import { auditActions, expectError, filingCast, givenActiveBase, notificationsOf, ok, readSheet, setToday, type FilingCast, type TestBase } from "../support/filing.js";
import {
  defaultSchemeInput,
  givenScored,
  givenSubmitted,
  givenYearOnPlatform,
  INSPECTED_YEAR,
  openInspection,
  scoresFor,
  step,
  VENUE,
} from "../support/supervision-inspections.js";

describe.each(dialects)("inspections on %s", (dialect) => {
  let s: TestServer;
  let c: FilingCast;
  let a: TestBase;
  let b: TestBase;
  let other: TestBase;
  beforeAll(async () => {
    s = await startServer(dialect);
    c = await filingCast(s);
    await setToday(c, "2025-06-01");
    [a, b, other] = [await givenActiveBase(c, "base"), await givenActiveBase(c, "base"), await givenActiveBase(c, "base2")];
    await givenYearOnPlatform(c, a);
  });
  afterAll(() => s.close());

  it("opens a draft of six dimensions prefilled with the base's facts for the year", async () => {
    await setToday(c, "2026-01-12");
    const v = await openInspection(c.supervisor, a.id);
    expect(v).toMatchObject({ status: "draft", baseId: a.id, baseName: a.name, year: INSPECTED_YEAR, supervisorOrgId: c.supervisorOrgIds.base, schemeIsDefault: true, totalScore: null, grade: null });
    expect(v.dimensions.map((d: any) => d.key)).toEqual(["teachers", "funding", "facilities", "systems", "tasks", "effect"]);
    expect(v.dimensions.reduce((s: number, d: any) => s + d.maxScore, 0)).toBe(100);
    const facts = Object.fromEntries(v.dimensions.map((d: any) => [d.key, d.facts]));
    // 第十六条: a plan of 2 projects, filed late (in June for that year); 1 filed, 1 returned
    expect(facts.tasks).toMatchObject({ plannedProjects: 2, filedProjects: 1, returnedProjects: 1, cancelledProjects: 0 });
    expect(facts.systems).toMatchObject({ planStatus: "filed", planLate: true, latePlans: 1, adHocProjects: 1, returnedProjects: 1 });
    // 第十七条: the September course ended without sign-in records or completion: its archive is incomplete.
    expect(facts.systems).toMatchObject({ archivesComplete: 0, archivesTotal: 1 });
    expect(facts.teachers.teacherCount).toBe(2);
    expect(facts.teachers.teachers.map((t: any) => t.name).sort()).toEqual(["李建华", "王海燕"]);
    expect(facts.facilities.venues).toEqual([VENUE]);
    expect(facts.funding).toMatchObject({ freeProjects: 1, chargedProjects: 0, overStandard: [] });
    expect(v.availableActions).toEqual(expect.arrayContaining(["refresh-facts", "submit"]));
    expect(await auditActions(c, v.id)).toContain("inspection.create");
    // refreshed while a draft: a history row, a new version, the same facts
    const refreshed = ok(await step(c.supervisor, v, "refresh-facts"));
    expect(refreshed.version).toBe(v.version + 1);
    expect(refreshed.history.map((h: any) => h.action)).toEqual(["refresh-facts"]);
  });

  it("answers 404 to a unit that does not supervise the base, and 403 to roles that never inspect", async () => {
    await setToday(c, "2026-01-12");
    expectError(await c.supervisor2.post("/api/v1/inspections", { baseId: b.id, year: INSPECTED_YEAR }), 404, "NOT_FOUND");
    expectError(await c.bureau.post("/api/v1/inspections", { baseId: b.id, year: INSPECTED_YEAR }), 403, "FORBIDDEN");
    expectError(await c.base.post("/api/v1/inspections", { baseId: b.id, year: INSPECTED_YEAR }), 403, "FORBIDDEN");
    const mine = ok(await c.supervisor.get(`/api/v1/inspections?baseId=${a.id}`)).items[0];
    expectError(await c.supervisor2.get(`/api/v1/inspections/${mine.id}`), 404, "NOT_FOUND");
    expect(ok(await c.supervisor2.get(`/api/v1/inspections?baseId=${a.id}`)).items).toEqual([]);
  });

  it("refuses a second inspection of the same base and year, and years outside accreditation to today", async () => {
    await setToday(c, "2026-01-12");
    expect(expectError(await c.supervisor.post("/api/v1/inspections", { baseId: a.id, year: INSPECTED_YEAR }), 409, "INSPECTION_EXISTS")).toMatchObject({ year: INSPECTED_YEAR });
    expectError(await c.supervisor.post("/api/v1/inspections", { baseId: a.id, year: 2024 }), 422, "INSPECTION_YEAR_INVALID");
    expectError(await c.supervisor.post("/api/v1/inspections", { baseId: a.id, year: 2027 }), 422, "INSPECTION_YEAR_INVALID");
  });

  it("refuses scores outside 0 to the criterion's maximum and criteria the scheme lacks", async () => {
    const v = ok(await c.supervisor.get(`/api/v1/inspections?baseId=${a.id}`)).items[0];
    const view = ok(await c.supervisor.get(`/api/v1/inspections/${v.id}`));
    const key = view.dimensions[0].criteria[0].key;
    expect(expectError(await c.supervisor.patch(`/api/v1/inspections/${v.id}`, { version: view.version, scores: { [key]: { score: 11 } } }), 422, "SCORE_OUT_OF_RANGE")).toMatchObject({ max: 10 });
    expectError(await c.supervisor.patch(`/api/v1/inspections/${v.id}`, { version: view.version, scores: { [key]: { score: -1 } } }), 422, "SCORE_OUT_OF_RANGE");
    expectError(await c.supervisor.patch(`/api/v1/inspections/${v.id}`, { version: view.version, scores: { "no.such": { score: 1 } } }), 422, "CRITERION_UNKNOWN");
    const saved = ok(await c.supervisor.patch(`/api/v1/inspections/${v.id}`, { version: view.version, scores: { [key]: { score: 9.5, comment: "专兼职教师结构合理" } } }));
    expect(saved.dimensions[0].criteria[0]).toMatchObject({ score: 9.5, comment: "专兼职教师结构合理" });
    expect(saved.totalScore).toBe(9.5);
    expectError(await c.supervisor.patch(`/api/v1/inspections/${v.id}`, { version: view.version, summary: "x" }), 409, "VERSION_CONFLICT");
  });

  it("refuses to submit while criteria are unscored, naming how many", async () => {
    const v = ok(await c.supervisor.get(`/api/v1/inspections/${ok(await c.supervisor.get(`/api/v1/inspections?baseId=${a.id}`)).items[0].id}`));
    expect(expectError(await step(c.supervisor, v, "submit"), 422, "SCORES_INCOMPLETE")).toMatchObject({ count: 11 });
  });

  it("never shows a draft to the base", async () => {
    const v = ok(await c.supervisor.get(`/api/v1/inspections?baseId=${a.id}`)).items[0];
    expect(v.status).toBe("draft");
    expect(ok(await c.base.get("/api/v1/inspections")).items.map((i: any) => i.id)).not.toContain(v.id);
    expectError(await c.base.get(`/api/v1/inspections/${v.id}`), 404, "NOT_FOUND");
    expectError(await c.base.get(`/api/v1/inspections/${v.id}/report.pdf`), 404, "NOT_FOUND");
    expectError(await c.base.post(`/api/v1/inspections/${v.id}/actions/answer`, { comment: "申辩" }), 404, "NOT_FOUND");
    expect(JSON.stringify(ok(await c.supervisor.get("/api/v1/work-items")))).toContain("supervision.inspections.toSubmit");
    expect(JSON.stringify(ok(await c.base.get("/api/v1/work-items")))).not.toContain("supervision.inspections");
  });

  it("fixes total and grade at submission, gives the base 5 working days and lets it answer on the last one", async () => {
    await setToday(c, "2026-03-02");
    const v = ok(await c.supervisor.get(`/api/v1/inspections/${ok(await c.supervisor.get(`/api/v1/inspections?baseId=${a.id}`)).items[0].id}`));
    const scored = await givenScored(c.supervisor, v, 89.5);
    const submitted = ok(await step(c.supervisor, scored, "submit"));
    // 第十八条 bands: 优秀 ≥ 90, 合格 ≥ 75
    expect(submitted).toMatchObject({ status: "submitted", totalScore: 89.5, grade: "qualified", answerDue: "2026-03-09" });
    expect(await notificationsOf(c.base, "supervision.inspections.submitted")).toHaveLength(1);
    const seen = ok(await c.base.get(`/api/v1/inspections/${v.id}`));
    expect(seen.availableActions).toEqual(["answer"]);
    expectError(await c.supervisor.patch(`/api/v1/inspections/${v.id}`, { version: submitted.version, summary: "改" }), 409, "INSPECTION_NOT_EDITABLE");
    expect(JSON.stringify(ok(await c.base.get("/api/v1/work-items")))).toContain("supervision.inspections.toAnswer");

    await setToday(c, "2026-03-09");
    expectError(await step(c.base, seen, "answer", {}), 422, "COMMENT_REQUIRED");
    const answered = ok(await step(c.base, seen, "answer", { comment: "培训档案已补齐，请求复核“培训档案”一项。" }));
    expect(answered).toMatchObject({ status: "answered", answer: "培训档案已补齐，请求复核“培训档案”一项。" });
    expect(await notificationsOf(c.supervisor, "supervision.inspections.answered")).toHaveLength(1);
    // after an answer the unit finalizes at once, with a final comment only
    const final = ok(await step(c.supervisor, answered, "finalize", { comment: "经复核，维持原评分。" }));
    expect(final).toMatchObject({ status: "finalized", totalScore: 89.5, grade: "qualified", finalComment: "经复核，维持原评分。" });
    expect(final.history.map((h: any) => h.action)).toEqual(["refresh-facts", "submit", "answer", "finalize"]);
    expect(await latestFinalizedInspection(s.app.platform.db, a.id, INSPECTED_YEAR)).toEqual({ id: v.id, totalScore: 89.5, grade: "qualified" });
  });

  it("refuses an answer after the 5 working days and a finalize while they run", async () => {
    // Submitted on Friday 27 February 2026: Saturday 28 February is a make-up working day (调休), so the
    // 5th working day after is Thursday 5 March.
    const v = await givenSubmitted(c, c.supervisor, b.id, 95, "2026-02-27");
    expect(v).toMatchObject({ grade: "excellent", answerDue: "2026-03-05" });
    expect(expectError(await step(c.supervisor, v, "finalize"), 422, "ANSWER_WINDOW_OPEN")).toMatchObject({ answerDue: "2026-03-05" });
    await setToday(c, "2026-03-09");
    expect(expectError(await step(c.base, v, "answer", { comment: "迟到的申辩" }), 422, "ANSWER_WINDOW_CLOSED")).toMatchObject({ answerDue: "2026-03-05" });
    expect(ok(await c.base.get(`/api/v1/inspections/${v.id}`)).availableActions).toEqual([]);
    const final = ok(await step(c.supervisor, v, "finalize"));
    expect(final.status).toBe("finalized");
    expect(await notificationsOf(c.bureau, "supervision.inspections.finalized")).not.toHaveLength(0);
  });

  it("prints the report as a PDF with the base, the scores and the grade", async () => {
    const v = ok(await c.supervisor.get(`/api/v1/inspections?baseId=${a.id}`)).items[0];
    const res = await c.base.get(`/api/v1/inspections/${v.id}/report.pdf`);
    expect(res.status).toBe(200);
    expect((res.body as Buffer).subarray(0, 4).toString()).toBe("%PDF");
    const text = (await inspectPdf(res.body as Buffer)).pages.join("\n");
    expect(text).toContain(a.name);
    expect(text).toContain("合格");
    expect(text).toContain("师资队伍建设");
  });

  it("exports the list to Excel with a score column per dimension", async () => {
    const res = await c.bureau.get(`/api/v1/inspections.xlsx?year=${INSPECTED_YEAR}`);
    expect(res.status).toBe(200);
    const rows = await readSheet(res.body);
    expect(rows[0]).toEqual(["基地", "检查单位", "考核年度", "状态", "师资队伍建设", "经费使用", "设施配套", "制度执行", "继续教育任务完成", "培训效果", "总分", "等级", "报送日期", "申辩期限", "基地申辩", "确定日期"]);
    const row = rows.find((r) => r[0] === a.name)!;
    expect(row.slice(2, 4)).toEqual([INSPECTED_YEAR, "已确定"]);
    expect(row[10]).toBe(89.5);
    expect(row[11]).toBe("合格");
    expect(row[14]).toBe("是");
  });

  it("refuses schemes that leave a dimension out, do not make 100 points or whose bands do not descend", async () => {
    const input = await defaultSchemeInput(c.supervisor, 2026);
    const put = (body: any) => c.supervisor.put("/api/v1/inspection-schemes/2026", body);
    const reasonOf = async (body: any) => expectError(await put(body), 422, "SCHEME_INVALID").reason;
    expect(await reasonOf({ ...input, criteria: input.criteria.filter((x) => x.dimension !== "effect") })).toContain("培训效果");
    expect(await reasonOf({ ...input, criteria: input.criteria.map((x, i) => (i === 0 ? { ...x, maxScore: 12 } : x)) })).toContain("102");
    expect(await reasonOf({ ...input, gradeBands: [{ grade: "excellent", minScore: 90 }, { grade: "qualified", minScore: 95 }, { grade: "basic", minScore: 60 }, { grade: "unqualified", minScore: 0 }] })).toContain("从高到低");
    expect(await reasonOf({ ...input, criteria: [...input.criteria.slice(1), { ...input.criteria[1], maxScore: input.criteria[0].maxScore }] })).toContain("重复");
    expectError(await put({ ...input, criteria: input.criteria.map((x, i) => (i === 0 ? { ...x, maxScore: 0 } : x)) }), 400, "VALIDATION_FAILED");
  });

  it("keeps the unit's own scheme and measures, read by its bases; new inspections grade by its bands", async () => {
    await setToday(c, "2026-04-01");
    const input = await defaultSchemeInput(c.supervisor, 2026);
    const upload = ok(await c.supervisor.request("POST", "/api/v1/files", await minimalPdf("test measures"), { "content-type": "application/pdf", "x-file-name": encodeURIComponent("检查考核办法.pdf") }), 201);
    const bands = [{ grade: "excellent", minScore: 85 }, { grade: "qualified", minScore: 70 }, { grade: "basic", minScore: 60 }, { grade: "unqualified", minScore: 0 }];
    const mine = ok(await c.supervisor.put("/api/v1/inspection-schemes/2026", { ...input, gradeBands: bands, measuresFileId: upload.fileId, note: "本单位办法" }));
    expect(mine).toMatchObject({ isDefault: false, version: 1, canEdit: true, measuresFile: { fileId: upload.fileId, name: "检查考核办法.pdf" } });
    expectError(await c.supervisor.put("/api/v1/inspection-schemes/2026", { ...input, gradeBands: bands }), 409, "VERSION_CONFLICT");
    expect(ok(await c.supervisor.put("/api/v1/inspection-schemes/2026", { ...input, gradeBands: bands, version: 1 })).version).toBe(2);
    // 第十四条: the base reads its unit's scheme and measures; another unit's is not its business
    const seen = ok(await c.base.get("/api/v1/inspection-schemes?year=2026"));
    expect(seen).toMatchObject({ supervisorOrgId: c.supervisorOrgIds.base, isDefault: false, canEdit: false });
    expect(ok(await c.base.get("/api/v1/inspection-schemes/2026/measures")).subarray(0, 4).toString()).toBe("%PDF");
    expectError(await c.base.get(`/api/v1/inspection-schemes?year=2026&supervisorOrgId=${c.supervisorOrgIds.base2}`), 404, "NOT_FOUND");
    expectError(await c.supervisor2.get(`/api/v1/inspection-schemes?year=2026&supervisorOrgId=${c.supervisorOrgIds.base}`), 404, "NOT_FOUND");
    expect(ok(await c.bureau.get(`/api/v1/inspection-schemes?year=2026&supervisorOrgId=${c.supervisorOrgIds.base}`)).isDefault).toBe(false);
    expect(ok(await c.supervisor2.get("/api/v1/inspection-schemes?year=2026")).isDefault).toBe(true);
    // someone else's upload cannot be attached
    expectError(await c.supervisor2.put("/api/v1/inspection-schemes/2026", { ...input, measuresFileId: upload.fileId }), 422, "FILE_NOT_ATTACHABLE");
    // 86 points: 合格 by default, 优秀 under this unit's bands
    const v = await givenSubmitted(c, c.supervisor, a.id, 86, "2026-04-01", 2026);
    expect(v).toMatchObject({ schemeIsDefault: false, totalScore: 86, grade: "excellent" });
    expect(await auditActions(c, mine.id)).toEqual(["inspectionScheme.create", "inspectionScheme.update"]);
  });

  it("lets the base read evidence attached to a submitted inspection, and only files the unit uploaded are attachable", async () => {
    await setToday(c, "2026-04-01");
    const v = await openInspection(c.supervisor2, other.id, 2026);
    const file = ok(await c.supervisor2.request("POST", "/api/v1/files", await minimalPdf("evidence"), { "content-type": "application/pdf", "x-file-name": encodeURIComponent("现场照片.pdf") }), 201);
    const theirs = ok(await c.supervisor.request("POST", "/api/v1/files", await minimalPdf("not yours"), { "content-type": "application/pdf", "x-file-name": "x.pdf" }), 201);
    const scores = scoresFor(v, 70);
    const key = Object.keys(scores)[0];
    expectError(await c.supervisor2.patch(`/api/v1/inspections/${v.id}`, { version: v.version, scores: { [key]: { ...scores[key], evidenceFileIds: [theirs.fileId] } } }), 422, "FILE_NOT_ATTACHABLE");
    const scored = ok(await c.supervisor2.patch(`/api/v1/inspections/${v.id}`, { version: v.version, scores: { ...scores, [key]: { ...scores[key], evidenceFileIds: [file.fileId] } } }));
    expect(scored.dimensions[0].criteria[0].evidenceFiles).toEqual([{ fileId: file.fileId, name: "现场照片.pdf" }]);
    const submitted = ok(await step(c.supervisor2, scored, "submit"));
    expect(submitted.grade).toBe("basic");
    expect(ok(await c.base2.get(`/api/v1/inspections/${v.id}/files/${file.fileId}`)).subarray(0, 4).toString()).toBe("%PDF");
    expectError(await c.base.get(`/api/v1/inspections/${v.id}/files/${file.fileId}`), 404, "NOT_FOUND");
  });
});
