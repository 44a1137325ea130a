// Journey (issue 3): a fresh application goes from the applicant's submit to the public registry in the
// browser, each step taken by its own user in their own browser context — the base submits, the
// supervising unit recommends, the bureau accepts and seats a panel (an expert of the applicant's own
// organization is refused), two experts declare no conflict and score, the bureau approves into the
// public notice, the public objects and the bureau answers, the bureau publishes after the notice, the
// public registry and verification page show the base, and the base downloads its plaque PDF.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { completeForm } from "../../src/server/demo/forms.js";
import { inspectPdf } from "../../src/server/platform/pdf.js";
import { cast, type Cast } from "../support/accreditation.js";
import { startJourney, type Journey } from "./browser.js";
import { chooseOption, closePage, eventually, expectClosed, field, openFromMenu, zh } from "./ui.js";
import { card, cellUnder, confirmStep, describedValue, itemValue, openApplication, publicPage, signedInAs, statusInTitle } from "./accreditation-ui.js";

const DAY0 = "2026-12-01T02:00:00.000Z"; // a Tuesday morning in Weihai
const AFTER_NOTICE = "2026-12-08T02:00:00.000Z";
const NAME = "威海市海洋装备制造继续教育基地";
const HOST_ORG = "威海市环翠区职业技术培训学校";
const OLD_PHONE = "13806310004";
const NEW_PHONE = "0631-5812345";
/** issue 10 item 7: what a panel expert sees of it (the base, its supervisor and the bureau see it whole). */
const NEW_PHONE_MASKED = "063*****2345";
const DECISION_NO = /^威人社发〔2026〕\d+号$/;
const CRITERIA = ["teachers", "management", "facilities", "experience", "leadership"] as const;
/** expert1 gives 90 throughout (weighted 90); expert2's weighted total is 25%·80+20%·70+20%·80+25%·80+10%·70 = 77. */
const SCORES: Record<"expert1" | "expert2", { scores: Record<(typeof CRITERIA)[number], number>; total: string; comment: string }> = {
  expert1: { scores: { teachers: 90, management: 90, facilities: 90, experience: 90, leadership: 90 }, total: "90", comment: "师资与实训条件较好，同意认定。" },
  expert2: { scores: { teachers: 80, management: 70, facilities: 80, experience: 80, leadership: 70 }, total: "77", comment: "管理制度尚需细化，总体具备条件。" },
};
const OBJECTION = { name: "王某", contact: "13912345678", content: "该单位实训车间面积与申报材料不符，请核实。" };
const ANSWER = "经现场核实，实训车间面积与申报材料一致，异议不成立。";

describe("a base application from submit to the public registry and its plaque", () => {
  let j: Journey;
  let c: Cast;
  let appId = "";
  let receiptNo = "";
  let baseId = "";
  let decisionNo = "";
  const pages: Page[] = [];
  let basePage: Page;
  let bureauPage: Page;
  let objectorPage: Page;
  /** A page kept for closing at the end, even when a check fails half-way. */
  const track = (page: Page) => (pages.push(page), page);

  beforeAll(async () => {
    j = await startJourney();
    await (await j.server.as("bureau")).put("/api/v1/test/clock", { now: DAY0 });
    c = await cast(j.server);
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

  it("lets the base change a field of its draft in the browser and keeps it", async () => {
    const form = completeForm({ baseName: NAME, district: "环翠区", specialties: ["海洋工程", "智能制造"], contactName: "张海涛", contactPhone: OLD_PHONE });
    const created = await c.base.post("/api/v1/base-applications", { supervisorOrgId: c.supervisorOrgId, form });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("draft");
    appId = created.body.id;

    const page = (basePage = track(await signedInAs(j, "base")));
    await page.goto(`${j.server.baseUrl}/applications/${appId}/edit`);
    await page.getByRole("heading", { level: 1, name: new RegExp(`^填写申报表：${NAME}`) }).waitFor();
    const phone = field(page, "联系电话");
    await eventually(() => phone.inputValue()).toBe(OLD_PHONE);
    await phone.fill(NEW_PHONE);
    await page.getByRole("button", { name: zh("保存草稿") }).click();
    await page.getByText("草稿已保存").waitFor();

    // Saved on the server, the rest of the form untouched; and shown again after a reload.
    const saved = (await c.base.get(`/api/v1/base-applications/${appId}`)).body;
    expect(saved.form.basics).toMatchObject({ baseName: NAME, contactPhone: NEW_PHONE, contactName: "张海涛" });
    expect(saved.form.teachers).toHaveLength(3);
    expect(saved.status).toBe("draft");
    await page.reload();
    await page.getByRole("heading", { level: 1, name: new RegExp(`^填写申报表：${NAME}`) }).waitFor();
    await eventually(() => field(page, "联系电话").inputValue()).toBe(NEW_PHONE);
  });

  it("lets the base submit after confirming, and shows 待推荐", async () => {
    const page = basePage;
    await openApplication(page, "基地申报", NAME);
    expect(await statusInTitle(page, NAME)).toBe("草稿");
    // The confirmation names where the application goes; until confirmed nothing is submitted.
    await page.getByRole("button", { name: zh("提交申报") }).click();
    const dialog = page.getByRole("dialog", { name: "确认提交申报？" });
    await dialog.waitFor();
    expect(await dialog.getByText("提交后申报表将报送威海市环翠区人力资源和社会保障局审核，审核期间不能修改。").count()).toBe(1);
    expect((await c.base.get(`/api/v1/base-applications/${appId}`)).body.status).toBe("draft");
    await dialog.getByRole("button", { name: zh("提交申报") }).click();
    await eventually(() => statusInTitle(page, NAME)).toBe("待推荐");
    await eventually(() => itemValue(page, "状态").innerText()).toBe("待推荐");
    expect(await itemValue(page, "提交时间").innerText()).toMatch(/^2026年12月1日 \d\d:\d\d$/);
    // No more editing or submitting once submitted.
    expect(await page.getByRole("button", { name: zh("编辑申报表") }).count()).toBe(0);
    expect(await page.getByRole("button", { name: zh("提交申报") }).count()).toBe(0);
    expect((await c.base.get(`/api/v1/base-applications/${appId}`)).body.status).toBe("submitted");
  });

  it("lets the supervising unit recommend it and the bureau accept it", async () => {
    const supervisor = track(await signedInAs(j, "supervisor"));
    await openApplication(supervisor, "推荐审核", NAME);
    expect(await statusInTitle(supervisor, NAME)).toBe("待推荐");
    await confirmStep(supervisor, "推荐");
    await eventually(() => statusInTitle(supervisor, NAME)).toBe("待受理");

    const bureau = (bureauPage = track(await signedInAs(j, "bureau")));
    await openApplication(bureau, "基地认定", NAME);
    expect(await statusInTitle(bureau, NAME)).toBe("待受理");
    await confirmStep(bureau, "受理");
    await eventually(() => statusInTitle(bureau, NAME)).toBe("已受理");
  });

  it("refuses an expert of the applicant's own organization on the panel, then seats two others", async () => {
    const page = bureauPage;
    const experts = (await c.bureau.get("/api/v1/users?role=expert&pageSize=200")).body.items as { username: string; displayName: string; orgName: string }[];
    const expert = (u: string) => experts.find((x) => x.username === u)!;
    const optionOf = (u: string) => `${expert(u).displayName}（${expert(u).orgName}）`;
    expect(expert("expert3").orgName).toBe(HOST_ORG);

    await page.getByRole("button", { name: zh("组建评审委员会") }).click();
    const dialog = page.getByRole("dialog", { name: "组建评审委员会" });
    await dialog.waitFor();
    const select = field(dialog, "评审专家");
    // The multiple select keeps its list open over the dialog's buttons; a click on the dialog's text closes it
    // (Escape would close the dialog too).
    const closeDropdown = () => dialog.getByText(/^从专家库中选择/).click();
    // The list marks expert3 as one who should withdraw; the bureau tries anyway.
    const conflicted = `高志远高级讲师（${HOST_ORG}，与申报单位同单位，应当回避）`;
    await chooseOption(page, select, optionOf("expert1"));
    await chooseOption(page, select, conflicted);
    await closeDropdown();
    await dialog.getByRole("button", { name: zh("组建评审委员会") }).click();
    await dialog.getByText("专家“高志远高级讲师”与申报单位存在利害关系，应当回避，请更换专家").waitFor();
    expect(await dialog.isVisible()).toBe(true);
    expect((await c.bureau.get(`/api/v1/base-applications/${appId}`)).body.status).toBe("accepted");

    // expert3's tag is closed (its × is hidden from the accessibility tree: found by its class); expert2 goes on.
    await dialog.getByTitle(conflicted, { exact: true }).locator(".ant-select-selection-item-remove").click();
    await eventually(() => dialog.getByTitle(conflicted, { exact: true }).count()).toBe(0);
    await chooseOption(page, select, optionOf("expert2"));
    await closeDropdown();
    await dialog.getByRole("button", { name: zh("组建评审委员会") }).click();
    await expectClosed(dialog);
    await eventually(() => statusInTitle(page, NAME)).toBe("专家评审中");

    const panel = page.getByRole("region", { name: "专家评审委员会" });
    await eventually(() => panel.getByRole("row").count()).toBe(3); // header + two experts
    expect(await cellUnder(panel, "赵明教授", "所在单位")).toBe(expert("expert1").orgName);
    expect(await cellUnder(panel, "孙丽研究员", "回避声明")).toBe("未完成");
    expect(await panel.getByText("高志远高级讲师").count()).toBe(0);
    const view = (await c.bureau.get(`/api/v1/base-applications/${appId}`)).body;
    expect(view.panel.map((m: any) => m.displayName).sort()).toEqual(["孙丽研究员", "赵明教授"].sort());
  });

  for (const username of ["expert1", "expert2"] as const) {
    it(`lets ${username} see the file only after declaring no conflict, then score it`, async () => {
      const mine = SCORES[username];
      const page = track(await signedInAs(j, username));
      await openApplication(page, "评审任务", NAME, false);

      // Before the declaration: neither the 申报表 nor the score sheet.
      const declaration = card(page, "回避声明");
      await declaration.waitFor();
      expect(await page.getByText(NEW_PHONE_MASKED).count()).toBe(0);
      expect(await page.getByText("专家评分", { exact: true }).count()).toBe(0);
      const declare = declaration.getByRole("button", { name: zh("提交回避声明") });
      expect(await declare.isDisabled()).toBe(true);
      await declaration.getByRole("checkbox", { name: new RegExp(`本人承诺与“${HOST_ORG}”不存在上述应当回避的情形`) }).check();
      await eventually(() => declare.isEnabled()).toBe(true);
      await declare.click();

      // After it: the file (with the phone the base changed in the browser, masked) and the score sheet.
      await eventually(() => page.getByText(NEW_PHONE_MASKED).count()).toBe(1);
      expect(await page.getByText(NEW_PHONE).count()).toBe(0);
      expect(await statusInTitle(page, NAME)).toBe("专家评审中");
      expect(await page.getByText("回避声明", { exact: true }).count()).toBe(0);
      const sheet = card(page, "专家评分");
      await sheet.waitFor();
      const criteria = (await (await j.server.as(username)).get(`/api/v1/base-applications/${appId}`)).body.reviewSheet as { key: string; label: string; weight: number; max: number }[];
      expect(criteria.map((x) => x.key)).toEqual([...CRITERIA]);
      for (const x of criteria) {
        await field(sheet, `${x.label}（权重 ${x.weight}，满分 ${x.max}）`).fill(String(mine.scores[x.key as (typeof CRITERIA)[number]]));
      }
      await sheet.getByRole("radio", { name: "建议通过", exact: true }).check();
      await field(sheet, "评审意见").fill(mine.comment);
      // The live weighted total.
      await eventually(() => sheet.getByText(mine.total, { exact: true }).count()).toBe(1);

      await sheet.getByRole("button", { name: zh("提交评审意见") }).click();
      const confirm = page.getByRole("dialog", { name: "确认提交评审意见？" });
      await confirm.waitFor();
      expect(await confirm.getByText(`加权总分 ${mine.total}，评审结论：建议通过。提交后不能修改。`).count()).toBe(1);
      await confirm.getByRole("button", { name: zh("提交评审意见") }).click();

      const given = card(page, "我的评审意见");
      await given.waitFor();
      expect(await itemValue(given, "加权总分").innerText()).toBe(mine.total);
      await eventually(() => page.getByRole("button", { name: zh("提交评审意见") }).count()).toBe(0); // the sheet and its confirmation are gone
      const review = (await c.bureau.get(`/api/v1/base-applications/${appId}`)).body.reviews.find((r: any) => r.comment === mine.comment);
      expect(review).toMatchObject({ weightedScore: Number(mine.total), recommendation: "approve" });
    });
  }

  it("shows the bureau both reviews and the mean, and approves into the public notice", async () => {
    const page = bureauPage;
    await page.reload();
    await page.getByRole("heading", { level: 1, name: new RegExp(`^${NAME}`) }).waitFor();
    const scores = page.getByRole("region", { name: "专家评分明细" });
    await eventually(() => scores.getByRole("row").count()).toBe(3);
    expect(await cellUnder(scores, "赵明教授", "加权总分")).toBe("90");
    expect(await cellUnder(scores, "孙丽研究员", "加权总分")).toBe("77");
    expect(await cellUnder(scores, "孙丽研究员", "管理机构与制度（100）")).toBe("70");
    expect(await cellUnder(scores, "孙丽研究员", "评审意见")).toBe(SCORES.expert2.comment);
    expect(await cellUnder(scores, "赵明教授", "评审结论")).toBe("建议通过");
    const panelCard = card(page, "专家评审委员会");
    expect(await itemValue(panelCard, "评审进度").innerText()).toBe("2 / 2 人已评分");
    expect(await itemValue(panelCard, "平均分").innerText()).toBe("83.5");
    expect(await itemValue(panelCard, "极差").innerText()).toBe("13");

    await confirmStep(page, "评审通过并公示");
    await eventually(() => statusInTitle(page, NAME)).toBe("公示中");
    const notice = card(page, "公示");
    await eventually(() => itemValue(notice, "公示期").innerText()).toBe("2026年12月1日 至 2026年12月6日");
  });

  it("lets the public object to the notice with a receipt number, and look it up as pending", async () => {
    const page = (objectorPage = track(await publicPage(j)));
    await page.goto(`${j.server.baseUrl}/public/notices`);
    await page.getByRole("heading", { level: 1, name: "公示公告" }).waitFor();
    const row = page.getByRole("row").filter({ hasText: NAME });
    await eventually(() => row.count()).toBe(1);
    expect(await row.getByRole("cell", { name: "2026年12月1日 至 2026年12月6日" }).count()).toBe(1);
    const noticeTitle = (await row.getByRole("link").innerText()).trim();
    expect(noticeTitle).toContain(NAME);
    await row.getByRole("link").click();

    await page.getByRole("heading", { level: 1, name: noticeTitle, exact: true }).waitFor();
    expect(await describedValue(page, "基地名称")).toBe(NAME);
    expect(await describedValue(page, "建设单位")).toBe(HOST_ORG);
    await field(page, "异议人").fill(OBJECTION.name);
    await field(page, "联系方式").fill(OBJECTION.contact);
    await field(page, "异议内容").fill(OBJECTION.content);
    await page.getByRole("button", { name: zh("提交异议") }).click();
    await page.getByText("异议已提交").waitFor();
    receiptNo = (await page.getByText(/^YY\d{8}[0-9A-Z]{10}$/).first().innerText()).trim();
    expect(receiptNo).toMatch(/^YY20261201[0-9A-Z]{10}$/);

    // The lookup page, by typing the receipt number in.
    await page.getByRole("navigation", { name: "公共服务导航" }).getByRole("link", { name: "异议查询" }).click();
    await page.getByRole("heading", { level: 1, name: "异议查询" }).waitFor();
    await field(page, "回执号").fill(receiptNo);
    await page.getByRole("button", { name: zh("查询") }).click();
    await eventually(() => describedValue(page, "回执号")).toBe(receiptNo);
    expect(await describedValue(page, "状态")).toBe("待处理");
    expect(await describedValue(page, "处理意见")).toBe("正在处理中");
    expect((await c.bureau.get(`/api/v1/base-applications/${appId}`)).body.status).toBe("objection_pending");
  });

  it("lets the bureau answer the objection as not upheld, which the public lookup then shows", async () => {
    const page = bureauPage;
    await openFromMenu(page, "异议处理");
    const row = page.getByRole("row").filter({ hasText: receiptNo });
    await eventually(() => row.count()).toBe(1);
    expect(await row.getByRole("cell", { name: "139****5678" }).count()).toBe(1); // the contact is masked
    await row.getByRole("button", { name: zh("处理异议") }).click();
    const dialog = page.getByRole("dialog", { name: `处理异议（回执号 ${receiptNo}）` });
    await dialog.waitFor();
    expect(await dialog.getByText(OBJECTION.content).count()).toBe(1);
    await field(dialog, "处理意见").fill(ANSWER);
    await dialog.getByRole("radio", { name: "异议不成立，继续公布程序" }).check();
    await dialog.getByRole("button", { name: zh("处理异议") }).click();
    await expectClosed(dialog);
    // The list shows open objections only: this one has left it.
    await eventually(() => row.count()).toBe(0);
    expect((await c.bureau.get(`/api/v1/base-applications/${appId}`)).body.status).toBe("in_notice");

    const lookup = objectorPage;
    await lookup.reload();
    await eventually(() => describedValue(lookup, "状态")).toBe("已处理");
    expect(await describedValue(lookup, "处理结论")).toBe("异议不成立");
    expect(await describedValue(lookup, "处理意见")).toBe(ANSWER);
  });

  it("publishes after the notice, and the public registry and verification page show the base", async () => {
    await c.bureau.put("/api/v1/test/clock", { now: AFTER_NOTICE });
    const page = bureauPage;
    await openApplication(page, "基地认定", NAME);
    expect(await statusInTitle(page, NAME)).toBe("公示中");
    await confirmStep(page, "发文公布");
    await eventually(() => statusInTitle(page, NAME)).toBe("已公布");
    const baseLink = page.getByRole("link", { name: "查看基地名录" });
    await baseLink.waitFor();
    const href = (await baseLink.getAttribute("href")) ?? "";
    expect(href).toMatch(/^\/bases\/[^/]+$/);
    baseId = href.split("/").pop()!;
    const base = (await c.bureau.get(`/api/v1/bases/${baseId}`)).body;
    expect(base).toMatchObject({ name: NAME, hostOrgName: HOST_ORG, status: "active", decisionDate: "2026-12-08" });
    expect(base.decisionNo).toMatch(DECISION_NO);
    decisionNo = base.decisionNo;

    const anyone = track(await publicPage(j));
    await anyone.goto(`${j.server.baseUrl}/public/bases`);
    await anyone.getByRole("heading", { level: 1, name: "基地名录" }).waitFor();
    await field(anyone, "基地名称").fill("海洋装备");
    await anyone.getByRole("button", { name: zh("查询") }).click();
    const rows = anyone.getByRole("row").filter({ has: anyone.getByRole("link") });
    await eventually(() => rows.allInnerTexts()).toEqual([expect.stringContaining(NAME)]);
    const table = anyone.locator(".ant-table");
    expect(await cellUnder(table, NAME, "认定文号")).toBe(decisionNo);
    expect(await cellUnder(table, NAME, "状态")).toBe("正常");
    await anyone.getByRole("link", { name: NAME, exact: true }).click();

    await anyone.getByRole("heading", { level: 1, name: "核验通过" }).waitFor();
    expect(new URL(anyone.url()).pathname).toBe(`/public/bases/${baseId}`);
    expect(await anyone.getByText(`“${NAME}”经市人力资源和社会保障局发文公布为市级专业技术人员继续教育基地`).count()).toBe(1);
    expect(await describedValue(anyone, "基地名称")).toBe(NAME);
    expect(await describedValue(anyone, "建设单位")).toBe(HOST_ORG);
    expect(await describedValue(anyone, "认定文号")).toBe(decisionNo);
    expect(await describedValue(anyone, "认定日期")).toBe("2026年12月8日");
    expect(await describedValue(anyone, "状态")).toBe("正常");
  });

  it("gives the base its plaque: a one-page PDF with the embedded font, the QR code, the name and the decision number", async () => {
    const page = basePage;
    await openFromMenu(page, "基地名录");
    await page.getByRole("link", { name: NAME, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: NAME }).waitFor();
    expect(await describedValue(page, "认定文号")).toBe(decisionNo);

    const download = page.getByRole("link", { name: /下载匾牌证书/ });
    expect(await download.getAttribute("href")).toBe(`/api/v1/bases/${baseId}/plaque.pdf`);
    // The link opens the PDF (served inline) in a new tab, signed in with the page's session.
    const [popup, response] = await Promise.all([
      page.waitForEvent("popup"),
      page.context().waitForEvent("response", (r) => new URL(r.url()).pathname === `/api/v1/bases/${baseId}/plaque.pdf`),
      download.click(),
    ]);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toBe("application/pdf");
    expect(decodeURIComponent(response.headers()["content-disposition"] ?? "")).toContain(`匾牌-${NAME}.pdf`);
    await popup.close();
    // The tab's body is Chromium's PDF viewer: the bytes are fetched again with the page's cookies.
    const fetched = await page.context().request.get(`${j.server.baseUrl}/api/v1/bases/${baseId}/plaque.pdf`);
    expect(fetched.status()).toBe(200);
    const bytes = await fetched.body();
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");

    const pdf = await inspectPdf(bytes);
    expect(pdf.pageCount).toBe(1);
    expect(pdf.fontPrograms).toBeGreaterThan(0);
    expect(pdf.images).toBe(1);
    const text = pdf.pages[0].replace(/\s+/g, ""); // one line per drawn string: a long name may be wrapped
    expect(text).toContain(NAME);
    expect(text).toContain(decisionNo);

    // Nobody signed in gets none.
    const anonymous = await j.server.client().get(`/api/v1/bases/${baseId}/plaque.pdf`);
    expect(anonymous.status).toBe(401);
  });
});
