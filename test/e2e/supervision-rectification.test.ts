// Journey (issue 9, 第十九条, 第二十条): the bureau finds the demo base's rectification report waiting,
// accepts it after confirming, then revokes another base from its page — the dialog lists what it will
// withdraw, asks for reason and basis and a second confirmation — and the public sees the base in the
// list of revoked bases with its decision number. SCREENSHOTS=<dir> keeps screenshots at 1280 and 375 px.
import fs from "node:fs";
import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadDemoRectification } from "../../src/server/demo/supervision-rectification.js";
import { startJourney, type Journey } from "./browser.js";
import { publicPage, signedInAs } from "./accreditation-ui.js";
import { closePage, eventually, expectClosed, field, zh } from "./ui.js";

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

describe("a rectification report accepted and a base revoked, seen by the public", () => {
  let j: Journey;
  let revokedName = "";
  let revokedId = "";

  beforeAll(async () => {
    j = await startJourney({ accreditationDemo: true });
    await loadDemoRectification(j.server.app.platform);
    const bases = (await (await j.server.as("base")).get("/api/v1/bases")).body.items as { id: string; name: string; status: string }[];
    const active = bases.find((b) => b.status === "active")!;
    revokedName = active.name;
    revokedId = active.id;
  });
  afterAll(() => j?.close());

  it("accepts the base's report from the list, after confirming", async () => {
    const page = await signedInAs(j, "bureau");
    await page.goto(`${j.server.baseUrl}/rectification-orders`);
    const row = page.getByRole("row").filter({ hasText: "威海海川职业培训学校继续教育基地" });
    await row.getByText("已报告").first().waitFor();
    await row.getByRole("link", { name: "威海海川职业培训学校继续教育基地" }).click();
    await page.getByText("已新聘专职教师 3 名", { exact: false }).waitFor();
    await shoot(page, "rectification-detail");
    await page.getByRole("button", { name: zh("验收通过") }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("button", { name: zh("验收通过") }).click();
    await expectClosed(dialog);
    await eventually(() => page.getByRole("heading", { level: 1 }).innerText()).toContain("已验收");
    await page.goto(`${j.server.baseUrl}/rectification-orders`);
    await page.getByRole("row").filter({ hasText: "已验收" }).first().waitFor();
    await shoot(page, "rectification-list");
    await closePage(page);
  });

  it("revokes a base from its page after listing what will be withdrawn and asking twice", async () => {
    const page = await signedInAs(j, "bureau");
    await page.goto(`${j.server.baseUrl}/bases/${revokedId}`);
    await page.getByRole("button", { name: "撤销基地资格" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("将撤回的培训项目", { exact: false }).waitFor();
    await field(dialog, "撤销理由").fill("年度综合评估不合格，逾期未完成整改");
    await shoot(page, "revoke-dialog");
    await dialog.getByRole("button", { name: zh("下一步") }).click();
    await dialog.getByText("此操作不能撤回", { exact: false }).waitFor();
    await dialog.getByRole("button", { name: zh("确认撤销") }).click();
    await expectClosed(dialog);
    await page.getByText("逾期未完成整改", { exact: false }).first().waitFor();
    expect(await page.getByRole("button", { name: "撤销基地资格" }).count()).toBe(0);
    await shoot(page, "base-revoked");
    await closePage(page);
  });

  it("shows the base in the public list of revoked bases with its decision number", async () => {
    const page = await publicPage(j);
    await page.goto(`${j.server.baseUrl}/public/bases`);
    await page.getByRole("link", { name: "撤销名单" }).click();
    const entry = page.locator(".ant-card").filter({ hasText: revokedName });
    await entry.waitFor();
    await eventually(() => entry.innerText()).toMatch(/〔\d{4}〕\d+号/);
    await shoot(page, "public-revoked");
    await closePage(page);
  });
});
