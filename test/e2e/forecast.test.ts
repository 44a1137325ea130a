// The compliance forecast on a phone (issue 12 item 5; 第二十四条): pro2 signs in at 375 px and finds on
// the home page and on the learning record what the year still needs and the open courses that would
// close it, each linking to its page to enrol; nothing is wider than the screen. The bureau finds the
// people likely to miss the year and exports them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startJourney, type Journey } from "./browser.js";
import { phoneSignedInAs } from "./delivery-ui.js";
import { closePage, freshPage, openFromMenu } from "./ui.js";

describe("the compliance forecast", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney({ accreditationDemo: true, filingDemo: true });
  }, 240_000);
  afterAll(() => j?.close());

  it("shows pro2 on a phone what it still needs and names the courses that close the gap", async () => {
    const forecast = (await (await j.server.as("pro2")).get("/api/v1/me/forecast")).body;
    expect(forecast.met).toBe(false);
    expect(forecast.suggestions.length).toBeGreaterThan(0);
    const page = await phoneSignedInAs(j, "pro2");
    const need = `今年还需 ${forecast.shortfall.professionalHours} 学时专业科目、${forecast.shortfall.generalHours} 学时公需科目`;
    await page.getByText(need).waitFor();
    const suggested = page.getByRole("region", { name: "推荐报名的项目" });
    for (const c of forecast.suggestions) await suggested.getByRole("link", { name: c.title, exact: true }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);

    // the learning record shows it too, and a suggestion opens the course's page to enrol
    await page.goto(`${j.server.baseUrl}/my/record`);
    await page.getByText(need).waitFor();
    await page.waitForLoadState("networkidle");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    const first = forecast.suggestions[0];
    await page.getByRole("link", { name: `去报名：${first.title}` }).click();
    await page.waitForURL((u) => u.pathname === `/trainings/${first.projectId}`);
    await page.getByRole("heading", { name: first.title }).first().waitFor();
    await page.context().close();
  }, 120_000);

  it("lists for the bureau the people likely to miss the year, with the export", async () => {
    const page = await freshPage(j);
    await signIn(page, j.server.baseUrl, "bureau");
    await openFromMenu(page, "学时未达标风险", "学时未达标风险人员");
    await page.getByRole("link", { name: "吴婷婷" }).first().waitFor();
    const href = await page.getByRole("link", { name: /导出/ }).getAttribute("href");
    expect(href).toContain("/api/v1/statistics/at-risk-professionals/export.xlsx");
    await closePage(page);
  }, 120_000);
});
