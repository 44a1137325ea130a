// Journey (issue 10 items 9 and 10): the security administrator opens an account's signed-in devices
// from 用户管理, signs one out after confirming, then all of them; the account's holder is signed out
// each time. Tried at 1280 px and at 375 px; the open dialog passes axe.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startJourney, type Journey } from "./browser.js";
import { axeProblems } from "./delivery-ui.js";
import { eventually, field, zh } from "./ui.js";

const SIZES = [
  { name: "desktop", width: 1280, height: 800, account: "base" },
  { name: "phone", width: 375, height: 740, account: "base2" },
] as const;

describe("the security administrator ends another account's sessions", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(() => j?.close());

  for (const size of SIZES) {
    it(`lists the account's devices and signs them out one by one and all at once (${size.name})`, async () => {
      const holder = [await j.server.as(size.account), await j.server.as(size.account), await j.server.as(size.account)];
      const context = await j.browser.newContext({ viewport: { width: size.width, height: size.height } });
      const page: Page = await context.newPage();
      await signIn(page, j.server.baseUrl, "secadmin");
      // signed in (on a phone the menu is a closed drawer, so wait for the page instead)
      await page.waitForURL((u) => !u.pathname.startsWith("/login"));
      await page.goto(`${j.server.baseUrl}/users`);
      await field(page, "关键词").fill(size.account);
      await page.getByRole("button", { name: zh("查询") }).click();
      const row = page.getByRole("row").filter({ has: page.getByRole("cell", { name: size.account, exact: true }) });
      await row.getByRole("button", { name: "登录设备" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText(/的登录设备$/).waitFor();
      const sessionRows = dialog.locator("tbody tr.ant-table-row");
      await eventually(() => sessionRows.count()).toBe(3);
      expect((await page.evaluate(() => document.documentElement.scrollWidth)) <= size.width + 1).toBe(true);
      expect(await axeProblems(page)).toEqual([]);

      await sessionRows.first().getByRole("button", { name: zh("下线") }).click();
      await page.getByText("确定让该设备下线吗？").waitFor();
      await page.locator(".ant-popconfirm").getByRole("button", { name: zh("确定") }).click();
      await eventually(() => sessionRows.count()).toBe(2);
      const stillIn = await Promise.all(holder.map(async (c) => (await c.get("/api/v1/auth/me")).status));
      expect(stillIn.filter((s) => s === 401)).toHaveLength(1);

      await dialog.getByRole("button", { name: "全部下线" }).click();
      await page.getByText(/确定让 .+ 的所有设备下线吗？/).waitFor();
      await page.locator(".ant-popconfirm").last().getByRole("button", { name: zh("确定") }).click();
      await dialog.getByText("当前没有登录的设备").waitFor();
      for (const c of holder) expect((await c.get("/api/v1/auth/me")).status).toBe(401);
      await context.close();
    });
  }
});
