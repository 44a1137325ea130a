// Journey (issue 9, 第十八条, 第十九条): one supervisory cycle in the browser, by the demo accounts. The
// bureau draws a 双随机 spot check with a seed it chose and publishes it (the public sees the draw); the
// supervising unit inspects its drawn base, scoring every criterion beside the platform's facts; the base
// answers (申辩) and the unit finalizes; on the review board the bureau orders rectification for that base
// and concludes; the base reports item by item with evidence, the unit gives its opinion, and the bureau
// accepts: the base is 正常 again and the public sees the results. SCREENSHOTS=<dir> keeps screenshots at
// 1280 and 375 px.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { minimalPdf } from "../support/files.js";
import { startJourney, type Journey } from "./browser.js";
import { phoneSignedInAs } from "./delivery-ui.js";
import { confirmStep, describedValue, publicPage, signedInAs, title } from "./accreditation-ui.js";
import { chooseOption, closePage, eventually, expectClosed, field, openFromMenu, shanghaiDate, typeDate, zh } from "./ui.js";

const SHOTS = process.env.SCREENSHOTS;
const SEED = "weihai-2026-lottery-07";

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.waitForTimeout(300); // the frame's breakpoints settle
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Nothing on the page is wider than the viewport (a phone must never scroll sideways). */
async function fitsWidth(page: Page): Promise<boolean> {
  return page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);
}

describe("a supervisory cycle: spot check, inspection, rectification, acceptance", () => {
  let j: Journey;
  let year = 0;
  let baseName = "";
  let otherName = "";
  let spotCheckUrl = "";
  let orderUrl = "";

  beforeAll(async () => {
    j = await startJourney({ accreditationDemo: true });
    year = Number(j.server.clock.today().slice(0, 4)) - 1;
    // The base `supervisor` inspects, and the other active demo base (under `supervisor2`).
    const mine = (await (await j.server.as("supervisor")).get(`/api/v1/inspections/candidates?year=${year}`)).body.items as { name: string }[];
    baseName = mine[0].name;
    const all = ((await (await j.server.as("bureau")).get("/api/v1/bases")).body.items as { name: string; status: string }[]).filter((b) => b.status === "active");
    otherName = all.map((b) => b.name).find((n) => n !== baseName)!;
    expect(all.length).toBe(2);
  });
  afterAll(() => j?.close());

  it("draws a spot check with the bureau's seed, shows the draw and publishes it to the public", async () => {
    const page = await signedInAs(j, "bureau");
    await openFromMenu(page, "综合评估与抽查", "综合评估与双随机抽查");
    await page.getByRole("button", { name: zh("抽取") }).click();
    const dialog = page.getByRole("dialog", { name: "发起综合评估或双随机抽查" });
    // The year under review is the last complete one, as for the inspections.
    expect(await field(dialog, "年度").inputValue()).toBe(String(year));
    await field(dialog, "抽取基地数").fill("2");
    await field(dialog, "每个基地检查人员数").fill("1");
    await field(dialog, "随机种子").fill(SEED);
    await dialog.getByRole("button", { name: zh("抽取") }).click();
    await dialog.getByText("已抽取，请核对后发布").waitFor();
    await dialog.getByText(SEED).first().waitFor();
    await dialog.getByText(baseName).first().waitFor();
    await shoot(page, "spot-check-drawn");
    await dialog.getByRole("button", { name: "打开评估表" }).click();
    await eventually(() => title(page).innerText()).toContain("已抽取");
    spotCheckUrl = page.url();
    // Anyone may redraw from the stored candidates and seed.
    await page.getByRole("button", { name: "验证抽取结果" }).click();
    await page.getByText("验证通过", { exact: false }).waitFor();
    await confirmStep(page, "发布");
    await eventually(() => title(page).innerText()).toContain("已公示");
    await closePage(page);

    const visitor = await publicPage(j);
    await visitor.goto(`${j.server.baseUrl}/public/spot-checks`);
    await visitor.getByRole("link", { name: "详情" }).first().click();
    await visitor.getByText(SEED).first().waitFor();
    await visitor.getByText(baseName).first().waitFor();
    await visitor.getByText("结果尚未公布").waitFor();
    await closePage(visitor);
  });

  it("lets the supervising unit score its drawn base beside the platform's facts and submit the result", async () => {
    const page = await signedInAs(j, "supervisor");
    await openFromMenu(page, "检查考核");
    await page.getByRole("button", { name: "新建检查" }).click();
    const dialog = page.getByRole("dialog", { name: "新建检查考核" });
    expect(await field(dialog, "考核年度").inputValue()).toBe(String(year));
    await chooseOption(page, field(dialog, "基地"), baseName);
    await dialog.getByRole("button", { name: "新建检查" }).click();
    await expectClosed(dialog);
    await eventually(() => title(page).innerText()).toContain("草稿");
    // The six dimensions of 第十八条, each with the platform's facts beside its criteria.
    for (const d of ["师资队伍建设", "经费使用", "设施配套", "制度执行", "继续教育任务完成", "培训效果"]) await page.getByText(d, { exact: true }).first().waitFor();
    await page.getByText("授课教师").first().waitFor();
    await page.getByText("出勤率").first().waitFor();
    // Every criterion scored at 70 % of its maximum: 70 points, 基本合格.
    const scores = page.getByRole("spinbutton", { name: / 得分$/ });
    const n = await scores.count();
    expect(n).toBeGreaterThan(5);
    for (let i = 0; i < n; i++) {
      const input = scores.nth(i);
      const max = Number(await input.getAttribute("aria-valuemax"));
      await input.fill(String(Math.round(max * 0.7 * 2) / 2));
    }
    await page.getByRole("textbox", { name: "总体评价" }).fill("师资稳定，但培训档案不完整，结业考核流于形式。");
    await shoot(page, "inspection-scoring");
    await confirmStep(page, "报送结果");
    await eventually(() => title(page).innerText()).toContain("已报送");
    await page.getByText("基本合格").first().waitFor();
    await closePage(page);
  });

  it("lets the base answer the result, and the unit then finalize it", async () => {
    const base = await signedInAs(j, "base");
    await openFromMenu(base, "检查考核");
    await base.getByRole("link", { name: baseName }).first().click();
    await eventually(() => title(base).innerText()).toContain("已报送");
    await base.getByRole("button", { name: "提出申辩" }).click();
    const dialog = base.getByRole("dialog", { name: "确认提出申辩？" });
    await field(dialog, "申辩意见").fill("培训档案已于年底补齐，请予复核。");
    await dialog.getByRole("button", { name: "提出申辩" }).click();
    await expectClosed(dialog);
    await eventually(() => title(base).innerText()).toContain("已申辩");
    await closePage(base);

    const unit = await signedInAs(j, "supervisor");
    await openFromMenu(unit, "检查考核");
    await unit.getByRole("link", { name: baseName }).first().click();
    await unit.getByText("培训档案已于年底补齐", { exact: false }).first().waitFor();
    await confirmStep(unit, "确定结果");
    await eventually(() => title(unit).innerText()).toContain("已确定");
    await closePage(unit);
  });

  it("orders rectification on the review board beside the inspection result, and concludes", async () => {
    const page = await signedInAs(j, "bureau");
    await page.goto(spotCheckUrl);
    // One small card a base on the board.
    const rowOf = (name: string) => page.locator(".ant-card-small").filter({ has: page.locator(".ant-card-head", { hasText: name }) });
    const row = rowOf(baseName);
    await row.getByText("基本合格", { exact: false }).waitFor();
    await chooseOption(page, field(row, "结果"), "限期整改");
    await field(row, "整改事项").fill("补齐 2025 年度全部培训项目档案\n建立结业考核制度并落实");
    await typeDate(field(row, "整改期限"), shanghaiDate(40, j.server.clock.now().getTime()));
    await row.getByRole("button", { name: zh("保存") }).click();
    await page.getByText(`已保存“${baseName}”的结果`).waitFor();
    const other = rowOf(otherName);
    await chooseOption(page, field(other, "结果"), "合格");
    await other.getByRole("button", { name: zh("保存") }).click();
    await page.getByText(`已保存“${otherName}”的结果`).waitFor();
    await shoot(page, "review-board");
    // 办结 says what it will do before it does it.
    await page.getByRole("button", { name: zh("办结") }).click();
    const confirm = page.getByRole("dialog", { name: "确认办结？" });
    await confirm.getByText(`对 1 个基地下达限期整改通知`, { exact: false }).waitFor();
    await confirm.getByRole("button", { name: zh("办结") }).click();
    await expectClosed(confirm);
    await eventually(() => title(page).innerText()).toContain("已办结");

    await openFromMenu(page, "限期整改");
    const order = page.getByRole("row").filter({ hasText: baseName });
    await order.getByText("整改中").first().waitFor();
    await order.getByRole("link", { name: baseName }).click();
    await page.getByText("补齐 2025 年度全部培训项目档案").waitFor();
    orderUrl = page.url();
    expect(await fitsWidth(page)).toBe(true);
    await closePage(page);
  });

  it("takes the base's report item by item with evidence, the unit's opinion and the bureau's acceptance", async () => {
    const base = await signedInAs(j, "base");
    await base.goto(orderUrl);
    await base.getByText("基地整改期间不能备案新的培训项目", { exact: false }).waitFor();
    const items = base.locator(".ant-card-type-inner");
    await eventually(() => items.count()).toBe(2);
    await field(items.nth(0), "整改情况").fill("已逐一补齐 2025 年度 6 个项目的签到表、课件和结业名单。");
    await items.nth(0).locator("input[type=file]").setInputFiles({ name: "档案清单.pdf", mimeType: "application/pdf", buffer: await minimalPdf("档案清单") });
    await items.nth(0).getByText("档案清单.pdf").waitFor();
    await field(items.nth(1), "整改情况").fill("制定《结业考核办法》，自 2027 年起所有项目实行结业考核。");
    await shoot(base, "rectification-report");
    await base.getByRole("button", { name: "提交整改报告" }).click();
    const sure = base.getByRole("dialog").filter({ hasText: "确认提交整改报告？" });
    await sure.getByRole("button", { name: "提交整改报告" }).click();
    await eventually(() => title(base).innerText()).toContain("已报告");
    await closePage(base);

    const unit = await signedInAs(j, "supervisor");
    await unit.goto(orderUrl);
    await unit.getByRole("button", { name: "出具意见" }).click();
    const opine = unit.getByRole("dialog", { name: "确认出具意见？" });
    await field(opine, "管理单位意见").fill("经现场核查，整改到位，建议验收。");
    await opine.getByRole("button", { name: "出具意见" }).click();
    await expectClosed(opine);
    await eventually(() => title(unit).innerText()).toContain("管理单位已出具意见");
    await closePage(unit);

    const bureau = await signedInAs(j, "bureau");
    await bureau.goto(orderUrl);
    await bureau.getByText("经现场核查，整改到位", { exact: false }).first().waitFor();
    await bureau.getByRole("link", { name: "档案清单.pdf" }).waitFor();
    await confirmStep(bureau, "验收通过");
    await eventually(() => title(bureau).innerText()).toContain("已验收");
    // The base is 正常 again: it may file new projects.
    await bureau.getByRole("link", { name: baseName }).first().click();
    await eventually(() => describedValue(bureau, "状态")).toBe("正常");
    await closePage(bureau);
  });

  it("shows the public the results of the concluded spot check", async () => {
    const visitor = await publicPage(j);
    await visitor.goto(`${j.server.baseUrl}/public/spot-checks`);
    await visitor.getByRole("link", { name: "详情" }).first().click();
    const results = visitor.locator(".ant-card").filter({ hasText: "抽查结果" });
    await results.getByText("限期整改").first().waitFor();
    await results.getByText("合格").first().waitFor();
    await visitor.setViewportSize({ width: 375, height: 812 });
    expect(await fitsWidth(visitor)).toBe(true);
    await shoot(visitor, "public-spot-check");
    await closePage(visitor);
  });

  it("fits every page of the cycle on a phone without scrolling sideways", async () => {
    for (const [user, urls] of [
      ["bureau", ["/spot-checks", spotCheckUrl, "/rectification-orders", orderUrl, "/violations", "/dishonesty-records", "/change-reports"]],
      ["supervisor", ["/inspections", "/inspection-schemes"]],
      ["base", ["/inspections", orderUrl, "/change-reports", "/staff"]],
    ] as const) {
      const phone = await phoneSignedInAs(j, user);
      for (const url of urls) {
        await phone.goto(new URL(url, j.server.baseUrl).href);
        await title(phone).waitFor();
        expect({ url, fits: await fitsWidth(phone) }).toEqual({ url, fits: true });
      }
      await closePage(phone);
    }
  });
});
