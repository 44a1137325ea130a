// Journey: each demo role signs in (with its second factor where it needs one) and sees the menu of its
// roles; the login page passes axe.
import { AxeBuilder } from "@axe-core/playwright";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startJourney, type Journey } from "./browser.js";

const COMMON = ["工作台", "政策参数", "工作日历", "修改密码", "双因素认证"];
const EXPERT_COMMON = ["工作台", "修改密码", "双因素认证"];
// issue 10 item 9 (三员分立): accounts and organizations, the security steps and the audit trail are the administrators'
const ADMIN_MENUS = ["单位管理", "用户管理", "审计日志"];

const ROLES: Array<{ username: string; displayName: RegExp; admin: string[]; common?: string[] }> = [
  { username: "bureau", displayName: /陈静/, admin: [] },
  { username: "supervisor", displayName: /王建国/, admin: [] },
  { username: "supervisor2", displayName: /李晓梅/, admin: [] },
  { username: "base", displayName: /张海涛/, admin: [] },
  { username: "base2", displayName: /刘芳/, admin: [] },
  // issue 11 item 4: an expert scores applications and has no use for 政策参数 or 工作日历
  { username: "expert1", displayName: /赵明/, admin: [], common: EXPERT_COMMON },
  { username: "expert2", displayName: /孙丽/, admin: [], common: EXPERT_COMMON },
  { username: "expert3", displayName: /高志远/, admin: [], common: EXPERT_COMMON },
  { username: "pro1", displayName: /周晓东/, admin: [] },
  { username: "pro2", displayName: /吴婷婷/, admin: [] },
  { username: "sysadmin", displayName: /郑伟/, admin: ["单位管理", "用户管理"] },
  { username: "secadmin", displayName: /冯敏/, admin: ["用户管理"] },
  { username: "auditor", displayName: /韩雪/, admin: ["审计日志"], common: ["工作台", "修改密码", "双因素认证"] },
];

describe("signing in as each demo role", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(() => j?.close());

  it("has a login page without accessibility violations", async () => {
    const context = await j.browser.newContext();
    const page = await context.newPage();
    await page.goto(`${j.server.baseUrl}/login`);
    await page.getByLabel("用户名").waitFor();
    const result = await new AxeBuilder({ page }).analyze();
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
    await context.close();
  });

  it("shows the server's message for a wrong password", async () => {
    const page = await j.browser.newPage();
    await signIn(page, j.server.baseUrl, "bureau", "Wrong#2026");
    await expect.poll(() => page.getByText("用户名或密码错误").count()).toBeGreaterThan(0);
    await page.close();
  });

  for (const role of ROLES) {
    it(`shows ${role.username} the menu of its roles`, async () => {
      const page = await j.browser.newPage();
      await signIn(page, j.server.baseUrl, role.username);
      const menu = page.getByRole("menu").first();
      await menu.waitFor();
      await expect.poll(() => page.getByText(role.displayName).count()).toBeGreaterThan(0);
      for (const item of role.common ?? COMMON) expect(await menu.getByRole("menuitem", { name: item }).count(), item).toBe(1);
      for (const item of COMMON.filter((c) => !(role.common ?? COMMON).includes(c))) expect(await menu.getByRole("menuitem", { name: item }).count(), item).toBe(0);
      for (const item of ADMIN_MENUS) {
        expect(await menu.getByRole("menuitem", { name: item }).count(), item).toBe(role.admin.includes(item) ? 1 : 0);
      }
      await page.close();
    });
  }

  it("lets the system administrator open the users page, staff accounts and professionals apart (issue 11 item 6)", async () => {
    const page = await j.browser.newPage();
    await signIn(page, j.server.baseUrl, "sysadmin");
    await page.getByRole("menuitem", { name: "用户管理" }).click();
    await expect.poll(() => page.getByRole("cell", { name: "expert3" }).count()).toBe(1);
    expect(await page.getByRole("cell", { name: "pro1" }).count()).toBe(0);
    await page.getByRole("tab", { name: "专业技术人员账号" }).click();
    await expect.poll(() => page.getByRole("cell", { name: "pro1" }).count()).toBe(1);
    expect(await page.getByRole("cell", { name: "expert3" }).count()).toBe(0);
    await page.close();
  });

  it("shows the system administrator the pending calendar work item on the home page", async () => {
    const api = await j.server.as("bureau");
    await api.put("/api/v1/test/clock", { now: "2026-11-26T02:00:00.000Z" });
    const page = await j.browser.newPage();
    await signIn(page, j.server.baseUrl, "sysadmin");
    await expect.poll(() => page.getByRole("link", { name: /2027/ }).count()).toBe(1);
    await page.close();
  });
});
