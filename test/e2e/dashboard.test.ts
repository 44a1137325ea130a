// The bureau's 统计分析 (issue 12 item 2): the city's year in figures from the demo history, a number
// and a per-base figure opening the list behind them already filtered, the yearly report's links, and
// the page on a 375 px phone without sideways scrolling.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startJourney, type Journey } from "./browser.js";
import { PHONE } from "./delivery-ui.js";
import { closePage, eventually, freshPage, openFromMenu } from "./ui.js";

describe("the bureau's dashboard", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney({ accreditationDemo: true, filingDemo: true });
  });
  afterAll(() => j?.close());

  async function openDashboard(page: Page): Promise<void> {
    await signIn(page, j.server.baseUrl, "bureau");
    await page.waitForURL((u) => !u.pathname.startsWith("/login"));
    await page.goto(`${j.server.baseUrl}/statistics`);
    await page.getByRole("heading", { level: 1, name: "统计分析" }).waitFor();
    await page.getByRole("heading", { name: "各基地年度情况" }).or(page.getByText("各基地年度情况")).first().waitFor();
  }

  it("shows the city's figures, and a chart's bar or a number opens the filtered list behind it", async () => {
    const page = await freshPage(j);
    try {
      await signIn(page, j.server.baseUrl, "bureau");
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await openFromMenu(page, "统计分析");
      await page.getByText("各基地年度情况").waitFor();
      const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear();
      // the figures are the server's: the number of bases shown is the overview's
      const overview = await page.evaluate(async (y) => (await fetch(`/api/v1/statistics/overview?year=${y}`)).json(), year);
      expect(overview.totals.bases).toBeGreaterThan(0);
      const bases = page.getByRole("link", { name: `基地 ${overview.totals.bases}`, exact: true });
      await expect.poll(() => bases.count()).toBe(1);
      // the charts are drawn, each with its PNG and Excel buttons
      await eventually(() => page.getByRole("img", { name: "基地区市分布" }).count()).toBe(1);
      expect(await page.getByRole("button", { name: "将“基地区市分布”导出为图片" }).count()).toBe(1);
      // the yearly report's links
      expect(await page.getByRole("link", { name: /年度统计报告（PDF）/ }).getAttribute("href")).toBe(`/api/v1/reports/yearly?year=${year}&format=pdf`);
      // a click on the monthly chart, in March's band, opens March's projects
      const chart = page.getByRole("img", { name: "每月开班项目（与上年对比）" });
      await chart.scrollIntoViewIfNeeded();
      const box = (await chart.boundingBox())!;
      // the plot: 40 px on the left and 16 on the right of the card's width, twelve bands across
      const band = (box.width - 40 - 16) / 12;
      await page.mouse.click(box.x + 40 + 2.5 * band, box.y + box.height / 2);
      await page.getByRole("heading", { level: 1, name: "培训项目" }).waitFor();
      expect(new URL(page.url()).search).toBe(`?from=${year}-03-01&to=${year}-03-31`);
      await page.goBack();
      await page.getByText("各基地年度情况").waitFor();
      // 备案项目 opens the project list of the year
      await page.getByRole("link", { name: new RegExp(`^备案项目 ${overview.totals.projects}$`) }).click();
      await page.getByRole("heading", { level: 1, name: "培训项目" }).waitFor();
      expect(new URL(page.url()).search).toBe(`?from=${year}-01-01&to=${year}-12-31`);
      // a base's filed projects open the list of that base only
      await page.goBack();
      await page.getByText("各基地年度情况").waitFor();
      const first = overview.perBase.find((b: any) => b.filedProjects > 0) ?? overview.perBase[0];
      await page.getByRole("link", { name: `${first.baseName} 备案项目 ${first.filedProjects}`, exact: true }).click();
      await page.getByRole("heading", { level: 1, name: "培训项目" }).waitFor();
      expect(new URL(page.url()).searchParams.get("baseId")).toBe(first.baseId);
      await eventually(async () => {
        const names = await page.locator(".ant-table-tbody tr.ant-table-row td:nth-child(2)").allInnerTexts();
        return names.length > 0 && names.every((n) => n.trim() === first.baseName);
      }).toBe(true);
    } finally {
      await closePage(page);
    }
  });

  it("fits a 375 px phone without sideways scrolling", async () => {
    const context = await j.browser.newContext(PHONE);
    const page = await context.newPage();
    try {
      await openDashboard(page);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    } finally {
      await context.close();
    }
  });
});
