// Journey (issue 5): a filed course from enrolment to a verified certificate, each side in its own browser
// context — the base's staff see the enrolment list, add a learner by hand (a wrong ID number refused
// before sending) and import one from the Excel template (a bad row refused with its report); they open
// the session's check-in page with the live QR code and its full-screen projection; a professional on a
// phone-sized screen opens the link the QR code encodes and checks in; the staff page shows them in, and
// the staff check the hand-added learner in by hand with a reason; once the session is over the staff
// decide completion (the learner who never came does not complete), the certificates appear, and the
// public verification page shows one as genuine and, once the staff revoke it, another as revoked; the
// bureau accepts hours the professional declared with evidence, and finds both the course's and the
// declared hours in his learning record (第十七条, 第二十四条; 人社部令第25号). The hand-added learner is
// shown a claim code once, a new one is issued from the row, and with it she signs up on the web and
// finds her course (issue 10 item 2).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Client } from "../support/harness.js";
import { minimalPdf } from "../support/files.js";
import { card, cellUnder, publicPage, signedInAs } from "./accreditation-ui.js";
import { startJourney, type Journey } from "./browser.js";
import { axeProblems, checkInLink, givenOneSessionProject, onServer, phoneSignedInAs, syntheticIdNumber, withWrongCheckChar } from "./delivery-ui.js";
import { planWorkbook } from "./filing-ui.js";
import { closePage, eventually, expectClosed, field, openFromMenu, zh } from "./ui.js";

const DAY0 = "2026-12-01T02:00:00.000Z"; // Tuesday 1 December 2026, 10:00 in Weihai: before enrolment closes
const CLASS_DAY = "2026-12-14";
const DURING = "2026-12-14T01:30:00.000Z"; // 09:30 in Weihai: the 09:00–12:00 session is on
const AFTER = "2026-12-14T05:00:00.000Z"; // 13:00: the last session is over
const PRO1 = "周晓东";
const ADDED = { name: "林海燕", idNumber: syntheticIdNumber("19900815", 362), employer: "威海市立医院", title: "主治医师" };
const IMPORTED = { name: "孙立强", idNumber: syntheticIdNumber("19850420", 517), employer: "威海市第二中学", title: "一级教师" };
const SERIAL = /^JJZS-2026-\d{6}-[0-9A-HJKMNP-TV-Z]{6}$/;
const DECLARED = { title: "2026 山东省智能制造学术年会", hours: 8, earnedOn: "2026-11-20" };

/** The 认领码 dialog shows the person's code: read it and close the dialog. */
async function shownClaimCode(page: Page, name: string): Promise<string> {
  const dialog = page.getByRole("dialog", { name: "认领码" });
  await dialog.getByText(name, { exact: true }).waitFor();
  const code = (await dialog.locator("code").first().innerText()).trim();
  expect(code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
  await dialog.getByRole("button", { name: zh("确定") }).click();
  await expectClosed(dialog);
  return code;
}

describe("a filed course from enrolment and QR check-in to a verified certificate", () => {
  let j: Journey;
  let bureau: Client;
  let project: { id: string; title: string; sessions: { id: string }[] };
  let staffPage: Page;
  let bureauPage: Page;
  let checkInUrl = "";
  let serial = "";
  let claimCode = "";
  let learnerPage: Page;
  let base: Client;
  const pages: Page[] = [];
  const track = (page: Page) => (pages.push(page), page);
  const setClock = async (now: string) => expect((await bureau.put("/api/v1/test/clock", { now })).status).toBe(200);

  beforeAll(async () => {
    j = await startJourney({ accreditationDemo: true });
    bureau = await j.server.as("bureau");
    await setClock(DAY0);
    base = await j.server.as("base");
    const active = ((await base.get("/api/v1/bases")).body.items as { id: string; status: string }[]).filter((b) => b.status === "active");
    expect(active).toHaveLength(1);
    project = await givenOneSessionProject(base, active[0].id, CLASS_DAY);
    // 周晓东 enrols himself (the learner's pages are another journey's).
    const pro1 = await j.server.as("pro1");
    const enrolled = await pro1.post(`/api/v1/training-projects/${project.id}/enrollments`, {});
    expect(enrolled.status, JSON.stringify(enrolled.body)).toBe(201);
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

  it("shows the staff the enrolment list, and adds a learner by hand once the ID number is right", async () => {
    const page = (staffPage = track(await signedInAs(j, "base")));
    await page.goto(`${j.server.baseUrl}/training-projects/${project.id}`);
    await card(page, "培训实施").getByRole("link", { name: "报名名单", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `报名名单：${project.title} 已备案` }).waitFor();
    const table = page.locator(".ant-table").last();
    await eventually(() => cellUnder(table, PRO1, "报名方式")).toBe("本人报名");
    // ID numbers come masked: the first four and the last four digits.
    expect(await cellUnder(table, PRO1, "身份证号码")).toMatch(/^\d{4}\*{10}[\dX]{4}$/);

    await page.getByRole("button", { name: zh("添加学员") }).click();
    const dialog = page.getByRole("dialog", { name: "添加学员" });
    await field(dialog, "姓名").fill(ADDED.name);
    await field(dialog, "身份证号码").fill(withWrongCheckChar(ADDED.idNumber));
    await field(dialog, "工作单位").fill(ADDED.employer);
    await field(dialog, "职称").fill(ADDED.title);
    await dialog.getByRole("button", { name: zh("报名") }).click();
    await dialog.getByText("身份证号码不正确（请核对位数、出生日期和末位校验码）").waitFor();
    await field(dialog, "身份证号码").fill(ADDED.idNumber);
    await dialog.getByRole("button", { name: zh("报名") }).click();
    await expectClosed(dialog);
    // issue 10 item 2: the confirmation shows, once, the claim code the base hands the learner
    const first = await shownClaimCode(page, ADDED.name);
    await eventually(() => cellUnder(table, ADDED.name, "报名方式")).toBe("基地添加");
    expect(await cellUnder(table, ADDED.name, "身份证号码")).toBe(`${ADDED.idNumber.slice(0, 4)}**********${ADDED.idNumber.slice(-4)}`);
    // a new code from the learner's row, after confirming; the first one is void
    await page.getByRole("button", { name: `为${ADDED.name}发放认领码` }).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: zh("确定") }).click();
    claimCode = await shownClaimCode(page, ADDED.name);
    expect(claimCode).not.toBe(first);
  });

  it("refuses an enrolment import with a bad ID number, listing the row, and imports the corrected file", async () => {
    const page = staffPage;
    const template = (await base.get(`/api/v1/training-projects/${project.id}/enrollments/template.xlsx`)).body as Buffer;
    const xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    const upload = (buffer: Buffer) => page.locator("input[type=file]").setInputFiles({ name: "报名名单.xlsx", mimeType: xlsx, buffer });
    const row = (idNumber: string) => [IMPORTED.name, idNumber, IMPORTED.employer, IMPORTED.title, "", ""];

    await upload(await planWorkbook(template, [row(withWrongCheckChar(IMPORTED.idNumber))]));
    const report = page.getByRole("region", { name: "导入错误清单" });
    await eventually(() => report.count()).toBe(1);
    expect(await cellUnder(report, "身份证号码", "行号")).toBe("2");
    expect(await cellUnder(report, "身份证号码", "问题")).toMatch(/校验未通过/);
    expect((await base.get(`/api/v1/training-projects/${project.id}/enrollments`)).body.total).toBe(2);

    await upload(await planWorkbook(template, [row(IMPORTED.idNumber)]));
    await page.getByText("已导入 1 条，已有记录跳过 0 条").waitFor();
    await shownClaimCode(page, IMPORTED.name);
    await eventually(() => report.count()).toBe(0);
    const table = page.locator(".ant-table").last();
    await eventually(() => cellUnder(table, IMPORTED.name, "报名方式")).toBe("Excel 导入");
    await eventually(() => page.getByText("报名名单（3 人，招生 40 人）", { exact: true }).count()).toBe(1);
  });

  it("shows the session's live QR code on class day, and projects it full screen with the count", async () => {
    await setClock(DURING);
    const page = staffPage;
    await page.getByRole("tab", { name: "签到" }).click();
    await page.getByRole("heading", { level: 1, name: `签到：${project.title} 已备案` }).waitFor();
    checkInUrl = await checkInLink(page);
    expect(new URL(checkInUrl, j.server.baseUrl).pathname).toBe("/check-in");
    expect(new URL(checkInUrl, j.server.baseUrl).searchParams.get("token")).toBeTruthy();
    await eventually(() => cellUnder(page.getByRole("region", { name: "签到情况" }), PRO1, "签到")).toBe("未签到");
    expect(await axeProblems(page)).toEqual([]);

    await page.getByRole("button", { name: /全屏投影/ }).click();
    const projector = page.getByRole("dialog", { name: "全屏投影" });
    await projector.waitFor();
    await projector.getByText(project.title, { exact: true }).waitFor();
    await projector.getByText("已签到 0 / 3", { exact: true }).waitFor();
    expect(await projector.getByRole("img", { name: "签到二维码，请用手机扫码签到" }).count()).toBe(1);
    await projector.getByRole("button", { name: /退出投影/ }).click();
    await eventually(() => projector.count()).toBe(0);
  });

  it("lets the professional check in on a phone from the link in the QR code", async () => {
    const phone = track(await phoneSignedInAs(j, "pro1"));
    await phone.goto(onServer(j, checkInUrl));
    await eventually(() => phone.getByTestId("check-in-result").innerText()).toBe("签到成功");
    await phone.getByText(project.title, { exact: true }).waitFor();
    // Nothing wider than the phone's screen.
    expect(await phone.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    expect(await axeProblems(phone)).toEqual([]);
  });

  it("shows the staff who is in, and checks the other learner in by hand with a reason", async () => {
    const page = staffPage;
    const list = page.getByRole("region", { name: "签到情况" });
    await eventually(() => cellUnder(list, PRO1, "签到")).toBe("已签到");
    expect(await cellUnder(list, PRO1, "方式")).toBe("扫码");

    await page.getByRole("button", { name: `为${ADDED.name}补签` }).click();
    const dialog = page.getByRole("dialog", { name: "补签" });
    await dialog.getByRole("button", { name: zh("补签") }).click();
    await dialog.getByText("请填写补签原因").waitFor();
    await field(dialog, "补签原因").fill("手机没电无法扫码，现场核对身份证后签到");
    await dialog.getByRole("button", { name: zh("补签") }).click();
    await expectClosed(dialog);
    await eventually(() => cellUnder(list, ADDED.name, "方式")).toBe("补签");
    expect(await cellUnder(list, ADDED.name, "补签原因")).toBe("手机没电无法扫码，现场核对身份证后签到");
  });

  it("decides completion after the session, after a preview of who will and will not complete, and lists the certificates issued", async () => {
    await setClock(AFTER);
    const page = staffPage;
    await page.getByRole("tab", { name: "结业与证书" }).click();
    await page.getByRole("heading", { level: 1, name: new RegExp(`^结业与证书：${project.title}`) }).waitFor();
    await page.getByRole("button", { name: zh("办理结业") }).click();
    const dialog = page.getByRole("dialog", { name: "确认办理结业？" });
    await dialog.getByText(/办理后不能撤回/).waitFor();
    // issue 11 item 3: before the step that cannot be undone, who will complete and who will not.
    const preview = dialog.getByTestId("completion-preview");
    await preview.getByRole("tab", { name: "不能结业（1）" }).waitFor();
    expect(await preview.getByRole("tab", { name: "将结业（2）" }).count()).toBe(1);
    expect(await preview.getByRole("row", { name: new RegExp(`^${IMPORTED.name} .* 0/1 次`) }).count()).toBe(1);
    await dialog.getByRole("button", { name: zh("办理结业") }).click();
    await expectClosed(dialog);
    await page.getByText(/已办理结业，签发证书 2 张/).first().waitFor();
    // The imported learner never came: 0 of 1 sessions, not completed, no certificate.
    const attendance = card(page, "学员出勤").locator(".ant-table");
    await eventually(() => cellUnder(attendance, IMPORTED.name, "结业")).toBe("未结业");
    expect(await cellUnder(attendance, IMPORTED.name, "出勤")).toBe("0/1 次");
    expect(await cellUnder(attendance, PRO1, "结业")).toBe("已结业");

    const certificates = card(page, "结业证书").locator(".ant-table");
    await eventually(() => cellUnder(certificates, PRO1, "状态")).toBe("有效");
    serial = await cellUnder(certificates, PRO1, "证书编号");
    expect(serial).toMatch(SERIAL);
    expect(await cellUnder(certificates, PRO1, "学时")).toBe("3");
    await eventually(() => page.getByRole("button", { name: zh("办理结业") }).count()).toBe(0);
  });

  it("shows the certificate as genuine on the public verification page", async () => {
    const page = track(await publicPage(j));
    const href = await staffPage.getByRole("link", { name: `查验证书 ${serial}` }).getAttribute("href");
    expect(href).toBe(`/verify/certificates/${serial}`);
    await page.goto(`${j.server.baseUrl}${href}`);
    await page.getByText("证书真实有效", { exact: true }).first().waitFor();
    expect(await page.getByText("周*东", { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.getByText(project.title, { exact: true }).count()).toBeGreaterThan(0);
  });

  it("revokes a certificate with a reason after confirming, and the public page then says it is revoked", async () => {
    const page = staffPage;
    const certificates = card(page, "结业证书").locator(".ant-table");
    const revoked = await cellUnder(certificates, ADDED.name, "证书编号");
    await page.getByRole("button", { name: `撤销证书 ${revoked}` }).click();
    const dialog = page.getByRole("dialog", { name: "确认撤销证书？" });
    await dialog.getByText(/相应的 3 学时从其学时档案中扣除/).waitFor();
    await dialog.getByRole("textbox").fill("补签核实有误，该学员当日未到场");
    await dialog.getByRole("button", { name: zh("撤销证书") }).click();
    await expectClosed(dialog);
    await eventually(() => cellUnder(certificates, ADDED.name, "状态")).toMatch(/^已撤销/);
    expect(await cellUnder(certificates, PRO1, "状态")).toBe("有效");

    const visitor = track(await publicPage(j));
    await visitor.goto(`${j.server.baseUrl}/verify/certificates/${revoked}`);
    await visitor.getByText("证书已撤销", { exact: true }).first().waitFor();
    expect(await visitor.getByText(/补签核实有误，该学员当日未到场/).count()).toBeGreaterThan(0);
  });

  it("lets the bureau accept declared hours after checking the evidence, confirmed first", async () => {
    const pro1 = await j.server.as("pro1");
    const evidence = await pro1.request("POST", "/api/v1/files", await minimalPdf("参会证明"), {
      "content-type": "application/pdf",
      "x-file-name": encodeURIComponent("参会证明.pdf"),
    });
    expect(evidence.status, JSON.stringify(evidence.body)).toBe(201);
    const declared = await pro1.post("/api/v1/me/hour-declarations", { form: "conference", subjectType: "professional", ...DECLARED, evidenceFileId: evidence.body.fileId });
    expect(declared.status, JSON.stringify(declared.body)).toBe(201);

    const page = (bureauPage = track(await signedInAs(j, "bureau")));
    await openFromMenu(page, "学时申报审核");
    const table = page.locator(".ant-table");
    await eventually(() => cellUnder(table, DECLARED.title, "学习形式")).toBe("学术会议");
    expect(await cellUnder(table, DECLARED.title, "证明材料")).toBe("参会证明.pdf");
    expect(await cellUnder(table, DECLARED.title, "状态")).toBe("待审核");
    expect(await axeProblems(page)).toEqual([]);
    await page.getByRole("button", { name: `认可${PRO1}的申报“${DECLARED.title}”`, exact: true }).click();
    const dialog = page.getByRole("dialog", { name: "确认认可？" });
    await dialog.getByRole("textbox").fill("参会证明与会议通知一致");
    await dialog.getByRole("button", { name: zh("认可") }).click();
    await expectClosed(dialog);
    // The list shows the pending ones: nothing is left.
    await eventually(() => table.getByText(DECLARED.title, { exact: true }).count()).toBe(0);
  });

  it("shows the bureau the professional's learning record with the course's and the declared hours", async () => {
    const page = bureauPage;
    await openFromMenu(page, "专技人员");
    const id = syntheticIdNumber("19880512", 123);
    await field(page, "身份证号码").fill(id);
    await page.getByRole("button", { name: zh("查询") }).click();
    const table = page.locator(".ant-table");
    await eventually(() => table.getByRole("link").allInnerTexts()).toEqual([PRO1]);
    // issue 11 item 6: the bureau too sees the ID number masked in the list, whole only on the person's
    // record after 查看完整身份证号 (confirmed, audited).
    const masked = `${id.slice(0, 4)}**********${id.slice(-4)}`;
    expect(await cellUnder(table, PRO1, "身份证号码")).toBe(masked);
    await table.getByRole("link", { name: PRO1 }).click();
    await page.getByRole("heading", { level: 1, name: `${PRO1}的继续教育学时档案` }).waitFor();
    const shown = page.getByTestId("id-number");
    expect(await shown.innerText()).toBe(masked);
    await page.getByRole("button", { name: zh("查看完整身份证号") }).click();
    await page.locator(".ant-popconfirm").getByRole("button", { name: zh("确定") }).click();
    await eventually(() => shown.innerText()).toBe(id);
    const year = card(page, "2026 年度学时");
    await year.getByText(project.title, { exact: true }).waitFor();
    await year.getByText(DECLARED.title, { exact: true }).waitFor();
    await eventually(async () => (await year.getByTestId("hours-professional").innerText()).replace(/\s+/g, "")).toMatch(/^专业科目11学时/);
  });

  it("finds the course's certificates in 证书查询 by holder and by serial, the revoked one marked, the list no wider than a phone", async () => {
    const page = bureauPage;
    await openFromMenu(page, "证书查询");
    const table = page.locator(".ant-table");
    await field(page, "姓名或证书编号").fill(PRO1);
    await page.getByRole("button", { name: zh("查询") }).click();
    await eventually(() => cellUnder(table, PRO1, "证书编号")).toBe(serial);
    expect(await cellUnder(table, PRO1, "培训项目")).toBe(project.title);
    expect(await cellUnder(table, PRO1, "状态")).toBe("有效");
    // (the pointer off the 查询 button: antd's hover shade is not what the page shows at rest)
    await page.mouse.move(0, 0);
    expect(await axeProblems(page)).toEqual([]);
    // the serial printed on the paper finds the certificate; the revoked one shows its reason
    await field(page, "姓名或证书编号").fill(serial.slice(0, 10).toLowerCase());
    await page.getByRole("button", { name: zh("查询") }).click();
    await eventually(() => cellUnder(table, ADDED.name, "状态")).toMatch(/^已撤销[\s\S]*补签核实有误/);
    expect(await cellUnder(table, PRO1, "状态")).toBe("有效");
    // at 375 px the page scrolls inside the table, not sideways
    await page.setViewportSize({ width: 375, height: 800 });
    await eventually(() => page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it("lets the hand-added learner sign up with the claim code the base handed over, and find her course", async () => {
    const page = track(await publicPage(j));
    await page.goto(`${j.server.baseUrl}/signup`);
    await field(page, "姓名").fill(ADDED.name);
    await field(page, "身份证号码").fill(ADDED.idNumber);
    await field(page, "工作单位").fill(ADDED.employer);
    await field(page, "手机号码").fill("13906318866");
    await field(page, "认领码（选填）").fill(claimCode.toLowerCase());
    await field(page, "用户名").fill("linhaiyan");
    await field(page, "密码").fill("Claim#2026learn");
    await field(page, "确认密码").fill("Claim#2026learn");
    await page.getByRole("button", { name: zh("注册并登录") }).click();
    await page.getByRole("heading", { level: 1, name: "我的课程" }).waitFor();
    await page.getByText(project.title).first().waitFor();
    learnerPage = page;
  });

  it("lists the learner's hours statements and issues a new one only after she confirms (issue 11 item 11)", async () => {
    const page = learnerPage;
    await openFromMenu(page, "学习档案");
    const issued = card(page, "已开具的学时证明");
    await issued.getByText("尚未开具学时证明").waitFor();
    // changing her mind issues nothing
    await page.getByRole("button", { name: zh("开具学时证明") }).click();
    await page.getByText("开具 2026 年度学时证明？").waitFor();
    await page.getByRole("button", { name: zh("取消") }).click();
    await page.getByRole("button", { name: zh("开具学时证明") }).click();
    await page.getByRole("button", { name: zh("开具") }).click();
    const dialog = page.getByRole("dialog", { name: "2026 年度学时证明" });
    const code = (await dialog.getByTestId("statement-code").innerText()).trim();
    expect(code).toMatch(/^[0-9A-HJKMNP-TV-Z]{12}$/);
    // the footer's 关闭 (the corner's ✕ is named 关闭 too)
    await dialog.getByRole("button", { name: zh("关闭") }).last().click();
    await expectClosed(dialog);
    // the one statement, with its year, code and the PDF to fetch again
    const table = issued.getByTestId("statements-table");
    await eventually(() => table.locator("tbody tr.ant-table-row").count()).toBe(1);
    await table.getByText(code).waitFor();
    expect(await table.getByRole("link", { name: /下载 PDF/ }).getAttribute("href")).toMatch(/^\/api\/v1\/hours-statements\/[^/]+\.pdf$/);
    expect(await axeProblems(page)).toEqual([]);
  });

  it("opens the check-in page on the session running now, else the next one (issue 11)", async () => {
    await setClock(DAY0);
    const day = "2026-12-16";
    const sessions = [
      { date: day, startTime: "09:00", endTime: "12:00", title: "工业机器人安全操作规程", teacher: "王志远", hours: 3 },
      { date: day, startTime: "14:00", endTime: "17:00", title: "工业机器人维护实训", teacher: "王志远", hours: 3 },
    ];
    const active = ((await base.get("/api/v1/bases")).body.items as { id: string; status: string }[]).find((b) => b.status === "active")!;
    const twoSessions = await givenOneSessionProject(base, active.id, day, { title: "工业机器人维护专题培训班", hours: 6, sessions });
    const page = staffPage;
    const opened = async (hhmm: string) => {
      await setClock(new Date(Date.parse(`${day}T${hhmm}:00+08:00`)).toISOString());
      await page.goto(`${j.server.baseUrl}/training-projects/${twoSessions.id}`);
      await card(page, "培训实施").getByRole("link", { name: "签到", exact: true }).click();
      await page.getByRole("heading", { level: 1, name: `签到：${twoSessions.title} 已备案` }).waitFor();
      return new URL(page.url()).pathname.split("/")[4];
    };
    // before class: the morning; during the afternoon: the afternoon (not the day's first); in between: the next
    expect(await opened("08:00")).toBe(twoSessions.sessions[0].id);
    expect(await opened("14:30")).toBe(twoSessions.sessions[1].id);
    expect(await opened("12:40")).toBe(twoSessions.sessions[1].id);
    expect(await opened("10:00")).toBe(twoSessions.sessions[0].id);
  });
});
