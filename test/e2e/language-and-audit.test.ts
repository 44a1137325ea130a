// Journey: the interface language (menus and the server's own messages follow the choice) and the
// bureau's audit log (sign-ins are recorded; the hash chain check reports intact, and a tampered row).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startJourney, type Journey } from "./browser.js";
import { closePage, eventually, freshPage, menu, menuItems, openFromMenu } from "./ui.js";
import { dropAuditTriggers } from "../support/audit-tamper.js";

// issue 10 item 9: the system administrator's menu (the audit log is the auditor's)
const ENGLISH_MENU = ["Home", "Organizations", "Users", "Policy", "Calendar", "Change password", "Two-factor sign-in"];
const CHINESE_MENU = ["工作台", "单位管理", "用户管理", "政策参数", "工作日历", "修改密码", "双因素认证"];

async function chooseLanguage(page: Page, groupName: string, language: "中文" | "English"): Promise<void> {
  await page.getByRole("radiogroup", { name: groupName }).getByText(language, { exact: true }).click();
}

describe("interface language and the audit log", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(() => j?.close());

  it("switches the menu to English, and the server's wrong-password message comes back in English", async () => {
    const page = await freshPage(j);
    await signIn(page, j.server.baseUrl, "sysadmin");
    await menu(page).waitFor();
    expect(await menuItems(page)).toEqual(expect.arrayContaining(CHINESE_MENU));

    await chooseLanguage(page, "界面语言", "English");
    await eventually(() => menuItems(page)).toEqual(expect.arrayContaining(ENGLISH_MENU));
    for (const item of await menuItems(page)) expect(item).not.toMatch(/[\u4e00-\u9fff]/);
    expect(await page.getByRole("button", { name: /Sign out/ }).count()).toBe(1);
    await openFromMenu(page, "Organizations");

    // The choice outlives the session: the login page is in English, and so is the server's refusal.
    await page.getByRole("button", { name: /Sign out/ }).click();
    await page.getByLabel("Username").fill("bureau");
    await page.getByLabel("Password").fill("Wrong#2026");
    await page.getByRole("button", { name: "Sign in" }).click();
    await eventually(() => page.getByRole("alert").filter({ hasText: "Wrong username or password" }).count()).toBe(1);
    expect(await page.getByText("用户名或密码错误").count()).toBe(0);

    // And back: Chinese labels and the Chinese message.
    await chooseLanguage(page, "Language", "中文");
    await page.getByLabel("用户名").fill("bureau");
    await page.getByLabel("密码").fill("Wrong#2026");
    await page.getByRole("button", { name: /登\s*录/ }).click();
    await eventually(() => page.getByRole("alert").filter({ hasText: "用户名或密码错误" }).count()).toBe(1);
    await closePage(page);
  });

  it("lists sign-ins on the auditor's audit page in words, not codes, and reports the hash chain intact (issue 10 item 9, issue 11 item 4)", async () => {
    expect((await j.server.client().login("supervisor", "Wrong#2026")).status).toBe(401);
    const page = await freshPage(j);
    await signIn(page, j.server.baseUrl, "auditor");
    await menu(page).waitFor();
    await openFromMenu(page, "审计日志");
    await eventually(() => page.getByRole("row", { name: /\bauditor 登录系统 登录会话 / }).count()).toBeGreaterThan(0);
    expect(await page.getByRole("row", { name: /\bsupervisor 登录失败 登录会话 / }).count()).toBeGreaterThan(0);
    expect(await page.getByRole("cell", { name: /^auth\./ }).count()).toBe(0);

    await page.getByRole("button", { name: /校验完整性/ }).click();
    const verdict = page.getByRole("alert").filter({ hasText: /^审计日志完整，已校验 \d+ 条记录$/ });
    await eventually(() => verdict.count()).toBe(1);
    const checked = Number(/已校验 (\d+) 条/.exec(await verdict.innerText())![1]);
    const total = Number(/共 (\d+) 条/.exec(await page.getByText(/^共 \d+ 条$/).innerText())![1]);
    expect(checked).toBeGreaterThanOrEqual(total);
    expect(total).toBeGreaterThan(0);
    await closePage(page);
  });

  it("shows an expert no menu entries it cannot use (issue 11 item 4)", async () => {
    const page = await freshPage(j);
    await signIn(page, j.server.baseUrl, "expert1");
    await menu(page).waitFor();
    const items = await menuItems(page);
    expect(items).toEqual(expect.arrayContaining(["工作台", "修改密码"]));
    expect(items).not.toContain("政策参数");
    expect(items).not.toContain("工作日历");
    await closePage(page);
  });

  it("reports the first tampered audit record when the chain is checked", async () => {
    // Someone with database access rewrites the detail of an early audit record.
    await dropAuditTriggers(j.server.app.platform.db, j.server.app.platform.dialect); // the database refuses the edit otherwise
    await j.server.app.platform.db.updateTable("auditEvents").set({ detail: JSON.stringify({ forged: true }) }).where("seq", "=", 2).execute();
    const page = await freshPage(j);
    await signIn(page, j.server.baseUrl, "auditor");
    await menu(page).waitFor();
    await openFromMenu(page, "审计日志");
    await page.getByRole("button", { name: /校验完整性/ }).click();
    await eventually(() => page.getByRole("alert").filter({ hasText: /^审计日志已被篡改：第 2 条记录起校验未通过/ }).count()).toBe(1);
    // and says what was found: an entry edited in place, the rest of the chain intact
    expect(await page.getByRole("alert").filter({ hasText: "记录被修改：该条记录与其带密钥的哈希不符" }).count()).toBe(1);
    expect(await page.getByText(/^审计日志完整/).count()).toBe(0);
    await closePage(page);
  });
});
