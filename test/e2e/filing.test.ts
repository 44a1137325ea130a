// Journey (issue 4): the filing cycle in the browser, each step by its own user in their own context —
// a base drafts next year's annual plan (typed and imported from the Excel template, a bad row refused
// with its report) and submits it, its supervising unit sees it in 未报计划 and approves, the bureau
// files it; the base then files an ad-hoc project (一事一报) with sessions, the latest filing date
// showing as soon as a class start is chosen (in red when too late), and anyone finds the filed
// project on the public training calendar and in its iCalendar feed.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Client } from "../support/harness.js";
import { startJourney, type Journey } from "./browser.js";
import { card, cellUnder, describedValue, publicPage, signedInAs } from "./accreditation-ui.js";
import { cellInput, confirmFilingStep, expectStatus, planWorkbook, typeTime } from "./filing-ui.js";
import { closePage, eventually, expectClosed, field, openFromMenu, typeDate, zh } from "./ui.js";

const DAY0 = "2026-12-01T02:00:00.000Z"; // Tuesday 1 December 2026, 10:00 in Weihai
const YEAR = 2027;
const PLANNED = { title: "工业互联网平台应用实务", specialty: "智能制造", start: "2027-03-16", end: "2027-03-17", hours: "12", places: "60", fee: "0" };
const IMPORTED = [
  ["智能制造产线运维管理", "专业科目", "智能制造", "2027-05-10", "2027-05-12", 24, 50, 0, "专业科目培训"],
  ["专业技术人员科研诚信与学术规范", "公需科目", "综合", "2027-06-18", "2027-06-18", 8, 120, 0, "人社部门委托项目"],
] as const;
const PROJECT = {
  title: "工业视觉检测技术应用研修班",
  reason: "企业新上视觉检测产线，急需培训一线技术人员，年度计划编制时尚无此需求",
  specialty: "智能制造",
  start: "2026-12-14",
  end: "2026-12-15",
  venue: "威海市环翠区高技术产业园实训楼 302 教室",
  teacher: { name: "王志远", title: "高级工程师", org: "威海市智能装备研究院" },
  sessions: [
    { date: "2026-12-14", from: "08:30", to: "12:30", title: "工业视觉系统构成与选型", hours: "4" },
    { date: "2026-12-15", from: "08:30", to: "12:30", title: "缺陷检测算法与现场调试", hours: "4" },
  ],
};
const FILING_NO = /^威继教备〔2026〕\d+号$/;

describe("an annual plan from the base to the bureau, then an ad-hoc project onto the public calendar", () => {
  let j: Journey;
  let base: Client;
  let baseName = "";
  let supervisorName = "";
  let planId = "";
  let projectId = "";
  let filingNo = "";
  let basePage: Page;
  const pages: Page[] = [];
  const track = (page: Page) => (pages.push(page), page);
  const planTitle = () => `${baseName} ${YEAR} 年度培训计划`;

  beforeAll(async () => {
    // Published bases (the accreditation history), but no filing history: the plan and project are the journey's own.
    j = await startJourney({ accreditationDemo: true });
    await (await j.server.as("bureau")).put("/api/v1/test/clock", { now: DAY0 });
    base = await j.server.as("base");
    const bases = (await base.get("/api/v1/bases")).body.items as { name: string; supervisorOrgName: string; status: string }[];
    const active = bases.filter((b) => b.status === "active");
    expect(active).toHaveLength(1);
    baseName = active[0].name;
    supervisorName = active[0].supervisorOrgName;
  });
  // One journey: once a step fails, the later ones have nothing to stand on, and are skipped.
  let broken = false;
  beforeEach(({ skip, onTestFailed }) => {
    if (broken) skip();
    onTestFailed(() => {
      broken = true;
    });
  });
  afterAll(async () => {
    for (const page of pages) await closePage(page).catch(() => undefined);
    await j?.close();
  });

  it("lets the base start next year's plan, type a planned project and save the draft", async () => {
    const page = (basePage = track(await signedInAs(j, "base")));
    await openFromMenu(page, "年度计划");
    await page.getByRole("button", { name: zh("编制年度计划") }).click();
    const dialog = page.getByRole("dialog", { name: "编制年度培训计划" });
    await dialog.waitFor();
    // Its one active base and next year (on the business clock) are chosen already.
    await eventually(() => dialog.getByText(`${YEAR} 年`, { exact: true }).count()).toBe(1);
    await eventually(() => dialog.getByText(baseName, { exact: true }).count()).toBe(1);
    await dialog.getByRole("button", { name: zh("开始编制") }).click();

    await page.getByRole("heading", { level: 1, name: `编制年度计划：${baseName} ${YEAR} 年` }).waitFor();
    await page.getByText("2027 年度培训计划须于 2026年12月31日 前报送管理单位审核").waitFor();
    // The summary of this year is prefilled: a new base had no plan for 2026, so no planned projects to account for.
    const summary = card(page, `${YEAR - 1} 年度计划执行情况总结`);
    await summary.getByText(`${YEAR - 1} 年度没有计划项目`).waitFor();
    await field(summary, "执行情况总结").fill("本基地 2026 年新获认定，尚无年度计划；年内按一事一报举办培训。");

    await page.getByRole("button", { name: zh("添加计划项目") }).click();
    await cellInput(page, "项目名称", 1).fill(PLANNED.title);
    await cellInput(page, "专业方向", 1).fill(PLANNED.specialty);
    await typeDate(cellInput(page, "计划开始日期", 1), PLANNED.start);
    await typeDate(cellInput(page, "计划结束日期", 1), PLANNED.end);
    await cellInput(page, "学时", 1).fill(PLANNED.hours);
    await cellInput(page, "计划人数", 1).fill(PLANNED.places);
    await cellInput(page, "收费标准（元/人）", 1).fill(PLANNED.fee);
    await page.getByRole("button", { name: zh("保存草稿") }).click();
    await page.getByText("草稿已保存").waitFor();
    await page.waitForURL(/\/annual-plans\/[^/]+\/edit$/);
    planId = new URL(page.url()).pathname.split("/")[2];

    const saved = (await base.get(`/api/v1/annual-plans/${planId}`)).body;
    expect(saved).toMatchObject({ status: "draft", year: YEAR, baseName, late: false, dueDate: "2026-12-31" });
    expect(saved.items).toEqual([
      expect.objectContaining({ title: PLANNED.title, subjectType: "professional", specialty: PLANNED.specialty, plannedStart: PLANNED.start, plannedEnd: PLANNED.end, hours: 12, places: 60, feeFen: 0 }),
    ]);
    expect(saved.summary).toMatchObject({ year: YEAR - 1, entries: [], narrative: expect.stringContaining("新获认定") });
  });

  it("refuses an Excel import with a bad row, listing it, and imports the corrected file", async () => {
    const page = basePage;
    const template = (await base.get(`/api/v1/annual-plans/template.xlsx?year=${YEAR}`)).body as Buffer;
    const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const upload = (buffer: Buffer) => page.locator("input[type=file]").setInputFiles({ name: "计划.xlsx", mimeType: xlsx, buffer });

    // Row 3 names a subject type that does not exist and a date outside the plan year.
    const bad = [[...IMPORTED[0]], ["新技术讲座", "选修科目", "综合", "2026-05-01", "2027-05-01", 4, 30, 0, "其他"]];
    await upload(await planWorkbook(template, bad));
    await page.getByText("导入文件有 2 处错误，未导入任何数据，请按错误清单修改后重新导入").waitFor();
    const report = page.getByRole("region", { name: "导入错误清单" });
    expect(await cellUnder(report, "科目类型", "行号")).toBe("3");
    expect(await cellUnder(report, "计划开始日期", "问题")).toBe(`须在 ${YEAR} 年内`);
    // Nothing changed: still the one typed project.
    expect((await base.get(`/api/v1/annual-plans/${planId}`)).body.items).toHaveLength(1);

    await upload(await planWorkbook(template, IMPORTED.map((r) => [...r])));
    await page.getByText("已导入，计划现有 3 个项目").waitFor();
    await eventually(() => cellInput(page, "项目名称", 3).inputValue()).toBe(IMPORTED[1][0]);
    await eventually(() => report.count()).toBe(0);
    const items = (await base.get(`/api/v1/annual-plans/${planId}`)).body.items as { title: string; subjectType: string; hours: number }[];
    expect(items.map((i) => [i.title, i.subjectType, i.hours])).toEqual([
      [PLANNED.title, "professional", 12],
      [IMPORTED[0][0], "professional", 24],
      [IMPORTED[1][0], "general", 8],
    ]);
  });

  it("lets the base submit the plan after confirming, in time", async () => {
    const page = basePage;
    await page.getByRole("button", { name: zh("报送") }).click();
    const dialog = page.getByRole("dialog", { name: "确认报送年度计划？" });
    await dialog.waitFor();
    expect(await dialog.getByText(`报送后计划将交${supervisorName}审核，审核期间不能修改。`).count()).toBe(1);
    expect((await base.get(`/api/v1/annual-plans/${planId}`)).body.status).toBe("draft");
    await dialog.getByRole("button", { name: zh("报送") }).click();
    // The confirmation closes with an animation; its own 报送 button is gone only after it.
    await expectClosed(dialog);

    await page.waitForURL(new RegExp(`/annual-plans/${planId}$`));
    await expectStatus(page, "待审核");
    expect(await page.getByText("逾期报送").count()).toBe(0);
    // Submitted: no more editing or submitting.
    await eventually(() => page.getByRole("button", { name: zh("编辑计划") }).count()).toBe(0);
    await eventually(() => page.getByRole("button", { name: zh("报送") }).count()).toBe(0);
    expect((await base.get(`/api/v1/annual-plans/${planId}`)).body).toMatchObject({ status: "submitted", late: false });
  });

  it("shows the supervising unit the plan in 未报计划, and lets it approve", async () => {
    const page = track(await signedInAs(j, "supervisor"));
    await openFromMenu(page, "未报计划");
    const table = page.locator(".ant-table");
    await eventually(() => cellUnder(table, baseName, "计划状态")).toBe("待审核");
    expect(await cellUnder(table, baseName, "计划年度")).toBe(String(YEAR));
    expect(await cellUnder(table, baseName, "报送截止日期")).toBe("2026年12月31日");

    await openFromMenu(page, "年度计划");
    await page.getByRole("link", { name: planTitle(), exact: true }).click();
    await page.waitForURL(new RegExp(`/annual-plans/${planId}$`));
    await expectStatus(page, "待审核");
    await page.getByText(IMPORTED[1][0], { exact: true }).waitFor();
    await confirmFilingStep(page, "审核通过");
    await expectStatus(page, "待备案");
  });

  it("lets the bureau file the plan", async () => {
    const page = track(await signedInAs(j, "bureau"));
    await openFromMenu(page, "年度计划");
    await page.getByRole("link", { name: planTitle(), exact: true }).click();
    await page.waitForURL(new RegExp(`/annual-plans/${planId}$`));
    await expectStatus(page, "待备案");
    await confirmFilingStep(page, "备案");
    await expectStatus(page, "已备案");
    const history = card(page, "办理记录");
    for (const step of ["报送", "审核通过", "备案"]) expect(await history.getByText(step, { exact: true }).count()).toBe(1);
    expect((await base.get(`/api/v1/annual-plans/${planId}`)).body.status).toBe("filed");
  });

  it("lets the base file an ad-hoc project with sessions, showing the latest filing date once the start is chosen", async () => {
    const page = basePage;
    await openFromMenu(page, "培训项目");
    await page.getByRole("button", { name: zh("备案培训项目") }).click();
    await page.getByRole("heading", { level: 1, name: /^备案培训项目：/ }).waitFor();

    // antd's button-style radios hide their inputs: the label is what one clicks.
    await page.locator("label").filter({ hasText: /^一事一报$/ }).click();
    expect(await page.getByRole("radio", { name: "一事一报" }).isChecked()).toBe(true);
    await field(page, "计划外举办的理由").fill(PROJECT.reason);
    await field(page, "项目名称").fill(PROJECT.title);
    await field(page, "专业方向").fill(PROJECT.specialty);
    await page.getByText("选择开班日期后，将显示最迟备案日期").waitFor();

    // Too soon: five working days before 3 December is 26 November, already past — said in red.
    await typeDate(field(page, "开班日期"), "2026-12-03");
    const latest = page.getByTestId("latest-filing-date");
    await eventually(() => latest.innerText()).toBe("2026年11月26日");
    await page.getByText("今天（2026年12月1日）提交已超过备案时限，该开班日期的项目不能再备案，请调整开班日期。").waitFor();
    // Monday 14 December: the last day to file is Monday 7 December, still ahead.
    await typeDate(field(page, "开班日期"), PROJECT.start);
    await eventually(() => latest.innerText()).toBe("2026年12月7日");
    await page.getByText("今天（2026年12月1日）提交仍在备案时限内。").waitFor();

    await typeDate(field(page, "结束日期"), PROJECT.end);
    await field(page, "学时").fill("8");
    await field(page, "招生人数").fill("40");
    await field(page, "收费（元/人）").fill("0");
    await field(page, "培训地点").fill(PROJECT.venue);

    await page.getByRole("button", { name: zh("添加教师") }).click();
    await cellInput(page, "姓名", 1).fill(PROJECT.teacher.name);
    await cellInput(page, "职称", 1).fill(PROJECT.teacher.title);
    await cellInput(page, "工作单位", 1).fill(PROJECT.teacher.org);

    const total = page.getByTestId("session-hours-total");
    for (const [i, s] of PROJECT.sessions.entries()) {
      await page.getByRole("button", { name: zh("添加课程") }).click();
      const row = i + 1;
      await typeDate(cellInput(page, "日期", row), s.date);
      await typeTime(cellInput(page, "开始时间", row), s.from);
      await typeTime(cellInput(page, "结束时间", row), s.to);
      await cellInput(page, "课程内容", row).fill(s.title);
      await cellInput(page, "授课教师", row).fill(PROJECT.teacher.name);
      await cellInput(page, "学时", row).fill(s.hours);
      // The running total against the project's hours.
      await eventually(() => total.innerText()).toBe(`课程学时合计 ${4 * row} / 项目学时 8`);
    }

    await page.getByRole("button", { name: zh("提交备案") }).click();
    const dialog = page.getByRole("dialog", { name: "确认提交备案？" });
    await dialog.waitFor();
    await dialog.getByRole("button", { name: zh("提交备案") }).click();

    await page.waitForURL(/\/training-projects\/(?!new$)[^/]+$/); // the new project's page, not the form's own /new
    projectId = new URL(page.url()).pathname.split("/")[2];
    await expectStatus(page, "已备案");
    filingNo = await describedValue(page, "备案编号");
    expect(filingNo).toMatch(FILING_NO);
    expect(await describedValue(page, "最迟备案日期")).toBe("2026年12月7日");
    expect(await describedValue(page, "收费（元/人）")).toBe("¥0.00");
    const sessions = page.getByRole("region", { name: "课程安排" });
    expect(await cellUnder(sessions, PROJECT.sessions[1].title, "时间")).toBe("08:30–12:30");

    const filed = (await base.get(`/api/v1/training-projects/${projectId}`)).body;
    expect(filed).toMatchObject({ status: "filed", adHoc: true, adHocReason: PROJECT.reason, filingNo, startDate: PROJECT.start, endDate: PROJECT.end, hours: 8, feeFen: 0, capacity: 40 });
    expect(filed.sessions.map((s: any) => [s.date, s.startTime, s.endTime, s.teacher, s.hours])).toEqual(
      PROJECT.sessions.map((s) => [s.date, s.from, s.to, PROJECT.teacher.name, 4]),
    );
  });

  it("shows the filed project on the public calendar, its detail and its iCalendar feed", async () => {
    const page = track(await publicPage(j));
    await page.goto(`${j.server.baseUrl}/public/trainings`);
    await page.getByRole("heading", { level: 1, name: "培训日历" }).waitFor();
    await field(page, "关键词").fill("视觉检测");
    await page.getByRole("button", { name: zh("查询") }).click();
    const results = page.getByRole("region", { name: "培训项目" });
    await eventually(() => results.getByRole("link").allInnerTexts()).toEqual([PROJECT.title]);
    const found = results.locator(".ant-card");
    expect(await found.getByText(filingNo, { exact: true }).count()).toBe(1);
    expect(await found.getByText(baseName, { exact: true }).count()).toBe(1);
    expect(await found.getByText("2026年12月14日 至 2026年12月15日", { exact: true }).count()).toBe(1);
    expect(await found.getByText("免费", { exact: true }).count()).toBe(1);

    // The feed link carries the same search.
    const ics = page.getByRole("link", { name: /订阅日历/ });
    const href = (await ics.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/api\/v1\/public\/training-projects\.ics\?/);
    expect(new URL(href, j.server.baseUrl).searchParams.get("q")).toBe("视觉检测");
    const feed = await page.context().request.get(new URL(href, j.server.baseUrl).href);
    expect(feed.status()).toBe(200);
    const text = (await feed.text()).replace(/\r\n[ \t]/g, "");
    // one timed event per session, in Beijing time, the zone described in the feed
    const filedSessions = (await base.get(`/api/v1/training-projects/${projectId}`)).body.sessions as Array<{ id: string }>;
    expect(filedSessions).toHaveLength(PROJECT.sessions.length);
    for (const s of filedSessions) expect(text).toContain(`UID:${s.id}@cebase`);
    expect(text).toContain(`SUMMARY:${PROJECT.title}（第 1 次课：${PROJECT.sessions[0].title}）`);
    expect(text).toContain("DTSTART;TZID=Asia/Shanghai:20261214T083000");
    expect(text).toContain("DTEND;TZID=Asia/Shanghai:20261215T123000");
    expect(text).toContain("TZID:Asia/Shanghai\r\n");

    await results.getByRole("link", { name: PROJECT.title }).click();
    await page.getByRole("heading", { level: 1, name: PROJECT.title }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/public/trainings/${projectId}`);
    expect(await describedValue(page, "备案编号")).toBe(filingNo);
    expect(await describedValue(page, "基地")).toBe(baseName);
    expect(await describedValue(page, "培训地点")).toBe(PROJECT.venue);
    expect(await cellUnder(page.getByRole("region", { name: "课程安排" }), PROJECT.sessions[0].title, "授课教师")).toBe(PROJECT.teacher.name);
  });
  it("checks the filing form before confirming, defaults to the filed plan, blocks a late filing and offers to move the sessions with the start", async () => {
    const page = basePage;
    await openFromMenu(page, "培训项目");
    await page.getByRole("button", { name: zh("备案培训项目") }).click();
    await page.getByRole("heading", { level: 1, name: /^备案培训项目：/ }).waitFor();

    // (a) An empty form shows what is missing, and no confirmation.
    await page.getByRole("button", { name: zh("提交备案") }).click();
    await page.getByText("请填写项目名称").waitFor();
    await page.getByText("请选择开班日期").waitFor();
    expect(await page.getByRole("dialog", { name: "确认提交备案？" }).count()).toBe(0);

    // (b) A start in 2027, the year of the base's filed plan: 年度计划内, that plan chosen.
    await typeDate(field(page, "开班日期"), PLANNED.start);
    await eventually(() => page.getByRole("radio", { name: "年度计划内项目" }).isChecked()).toBe(true);
    await page.getByText(planTitle(), { exact: true }).waitFor();

    // (c) Too late to file (3 December): 提交备案 is disabled, the reason beside it.
    await typeDate(field(page, "开班日期"), "2026-12-03");
    const blocked = page.getByTestId("submit-blocked");
    await eventually(() => blocked.innerText()).toBe("已过最迟备案日期（2026年11月26日），不能提交备案，请调整开班日期");
    expect(await page.getByRole("button", { name: zh("提交备案") }).isDisabled()).toBe(true);
    await typeDate(field(page, "开班日期"), PROJECT.start);
    await eventually(() => blocked.count()).toBe(0);
    expect(await page.getByRole("button", { name: zh("提交备案") }).isDisabled()).toBe(false);

    // (d) Moving the start by a week offers to move the sessions (and the end) with it.
    await typeDate(field(page, "结束日期"), PROJECT.end);
    await page.getByRole("button", { name: zh("添加课程") }).click();
    await typeDate(cellInput(page, "日期", 1), PROJECT.sessions[1].date);
    await typeDate(field(page, "开班日期"), "2026-12-21");
    await page.getByText("开班日期已移动 7 天").waitFor();
    await page.getByRole("button", { name: zh("同步移动课程日期") }).click();
    await eventually(() => cellInput(page, "日期", 1).inputValue()).toBe("2026-12-22");
    await eventually(() => field(page, "结束日期").inputValue()).toBe("2026-12-22");
  });
});
