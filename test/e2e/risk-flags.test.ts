// Journey (issue 12 item 4): the bureau opens 风险提示 from the menu, finds the demo base whose one phone
// checked in a whole class, reads the flag's evidence (the people, the device, the article), then
// dismisses another flag with a reason after confirming; the list shows it dismissed. The page also
// works on a phone (375 px) without scrolling sideways. SCREENSHOTS=<dir> keeps screenshots at 1280 and 375 px.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoRisk } from "../../src/server/demo/risk.js";
import { startJourney, type Journey } from "./browser.js";
import { signedInAs } from "./accreditation-ui.js";
import { closePage, eventually, expectClosed, openFromMenu, zh } from "./ui.js";

const PROXY_BASE = "威海启航智能制造继续教育基地";
const CERT_BASE = "威海仁和健康管理继续教育基地";

const SHOTS = process.env.SCREENSHOTS;

async function shoot(page: Page, name: string): Promise<void> {
  if (!SHOTS) return;
  fs.mkdirSync(SHOTS, { recursive: true });
  for (const width of [1280, 375]) {
    await page.setViewportSize({ width, height: width === 375 ? 812 : 900 });
    await page.screenshot({ path: path.join(SHOTS, `${name}-${width}.png`), fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });
}

const noSidewaysScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth + 1);

describe("the bureau reviews risk flags", () => {
  let j: Journey;

  beforeAll(async () => {
    j = await startJourney({ accreditationDemo: true });
    await loadDemoRisk(j.server.app.platform);
  }, 300_000);
  afterAll(() => j?.close());

  it("shows the proxy check-in flag with its evidence", async () => {
    const page = await signedInAs(j, "bureau");
    await openFromMenu(page, "风险提示");
    await page.getByRole("row").filter({ hasText: PROXY_BASE }).waitFor();
    await shoot(page, "risk-flags-list");
    const row = page.getByRole("row").filter({ hasText: PROXY_BASE });
    await row.getByText("疑似代签").waitFor();
    await row.getByRole("link", { name: PROXY_BASE, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `风险提示：${PROXY_BASE}` }).waitFor();
    await page.getByText("第十七条", { exact: true }).waitFor();
    await page.getByText("证据记录（共 12 条）").waitFor();
    expect(await page.getByRole("listitem").filter({ hasText: "工业机器人编程与运维实务（第1天上午）" }).count()).toBe(12);
    await page.getByText("涉及人数").waitFor();
    await shoot(page, "risk-flag-detail");
    for (const width of [375, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      await eventually(() => noSidewaysScroll(page)).toBe(true);
    }
    await closePage(page);
  });

  it("dismisses another flag with a reason, after confirming", async () => {
    const page = await signedInAs(j, "bureau");
    await page.goto(`${j.server.baseUrl}/risk-flags`);
    await page.getByRole("row").filter({ hasText: CERT_BASE }).getByRole("link", { name: CERT_BASE, exact: true }).click();
    await page.getByRole("heading", { level: 1, name: `风险提示：${CERT_BASE}` }).waitFor();
    await page.getByText("出勤 2/4 次", { exact: false }).first().waitFor();
    await page.getByRole("button", { name: zh("排除") }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("确认排除", { exact: false }).waitFor();
    // the reason is required
    await dialog.getByRole("button", { name: zh("排除") }).click();
    await dialog.getByText("请填写理由").waitFor();
    await dialog.getByLabel("排除理由").fill("经现场核查，六人第二天参加了同期补课，签到表已补充归档");
    await dialog.getByRole("button", { name: zh("排除") }).click();
    await expectClosed(dialog);
    await eventually(() => page.getByRole("heading", { level: 1 }).innerText()).toContain("已排除");
    await page.getByText("经现场核查，六人第二天参加了同期补课", { exact: false }).waitFor();
    expect(await page.getByRole("button", { name: zh("排除") }).count()).toBe(0);
    await page.goto(`${j.server.baseUrl}/risk-flags?status=dismissed`);
    await page.getByRole("row").filter({ hasText: CERT_BASE }).getByText("已排除").waitFor();
    await closePage(page);
  });
});
