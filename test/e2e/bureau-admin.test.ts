// Journey: the bureau registers an organization (GB 32100 credit code checked in the form), edits it,
// gives it an expert account whose holder must change the temporary password before anything else,
// disables an account after confirming, and exports the lists to Excel.
import fs from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startJourney, type Journey } from "./browser.js";
import { chooseOption, closePage, eventually, expectClosed, field, freshPage, menu, menuItems, openFromMenu, zh } from "./ui.js";

const ORG = {
  name: "威海海韵职业技能培训中心",
  region: "环翠区",
  creditCode: "91110000802100433B",
  wrongCheckChar: "91110000802100433A",
  contactName: "李明",
  contactPhone: "0631-5230099",
};
const NEW_USER = { username: "haiyun.li", displayName: "李海韵", temporary: "Temp#2026ab", chosen: "Haiyun#2027cd" };
const GB32100_ERROR = "统一社会信用代码校验未通过（GB 32100）";

async function signedInAsBureau(j: Journey): Promise<Page> {
  const page = await freshPage(j);
  // issue 10 item 9: organizations and accounts are the system administrator's
  await signIn(page, j.server.baseUrl, "sysadmin");
  await menu(page).waitFor();
  return page;
}

async function sheetText(path: string): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(path);
  const cells: string[] = [];
  wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell((c) => void cells.push(String(c.text)))));
  return cells.join("\n");
}

describe("the system administrator administers organizations and accounts", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
  });
  afterAll(() => j?.close());

  it("refuses a credit code with a wrong check character, then registers and edits the organization", async () => {
    const bureau = await j.server.as("sysadmin");
    const page = await signedInAsBureau(j);
    await openFromMenu(page, "单位管理");
    const creates: string[] = [];
    page.on("request", (req) => {
      if (req.method() === "POST" && new URL(req.url()).pathname === "/api/v1/organizations") creates.push(req.postData() ?? "");
    });
    await page.getByRole("button", { name: "新建" }).click();
    const dialog = page.getByRole("dialog", { name: "新建单位" });
    await field(dialog, "单位名称").fill(ORG.name);
    await chooseOption(page, field(dialog, "单位类型"), "培训机构");
    await field(dialog, "所在区域").fill(ORG.region);
    await field(dialog, "联系人").fill(ORG.contactName);
    await field(dialog, "联系电话").fill(ORG.contactPhone);

    // Before submitting: the check character is wrong, the form says so as soon as the code is typed.
    await field(dialog, "统一社会信用代码").fill(ORG.wrongCheckChar);
    await eventually(() => dialog.getByText(GB32100_ERROR).count()).toBe(1);
    // Submitting anyway keeps the dialog open with the error; nothing is sent (checked below).
    await dialog.getByRole("button", { name: zh("保存") }).click();
    await eventually(() => dialog.getByText(GB32100_ERROR).count()).toBe(1);
    expect(await dialog.isVisible()).toBe(true);

    await field(dialog, "统一社会信用代码").fill(ORG.creditCode);
    await eventually(() => dialog.getByText(GB32100_ERROR).count()).toBe(0);
    await dialog.getByRole("button", { name: zh("保存") }).click();
    await expectClosed(dialog);
    // The one request that reached the server carried the valid code.
    expect(creates.map((body) => JSON.parse(body).creditCode)).toEqual([ORG.creditCode]);

    const row = page.getByRole("row", { name: new RegExp(ORG.name) });
    await eventually(() => row.count()).toBe(1);
    expect(await row.getByRole("cell", { name: ORG.creditCode }).count()).toBe(1);
    expect(await row.getByRole("cell", { name: `${ORG.contactName} ${ORG.contactPhone}` }).count()).toBe(1);
    expect(await row.getByRole("cell", { name: "启用", exact: true }).count()).toBe(1);

    // Editing: the form opens with the saved values; a new contact name is saved and shown.
    await row.getByRole("button", { name: "编辑" }).click();
    const edit = page.getByRole("dialog", { name: "编辑单位" });
    await eventually(() => field(edit, "联系人").inputValue()).toBe(ORG.contactName);
    expect(await field(edit, "统一社会信用代码").inputValue()).toBe(ORG.creditCode);
    await field(edit, "联系人").fill("王芳");
    await edit.getByRole("button", { name: zh("保存") }).click();
    await expectClosed(edit);
    await eventually(() => row.getByRole("cell", { name: `王芳 ${ORG.contactPhone}` }).count()).toBe(1);

    const saved = (await bureau.get(`/api/v1/organizations?q=${encodeURIComponent(ORG.name)}`)).body.items;
    expect(saved).toMatchObject([{ name: ORG.name, type: "training_institution", creditCode: ORG.creditCode, contactName: "王芳", creditCodeOverride: false }]);
    await closePage(page);
  });

  it("creates an expert account that must change its temporary password before seeing anything else", async () => {
    const page = await signedInAsBureau(j);
    await openFromMenu(page, "用户管理");
    await page.getByRole("button", { name: "新建" }).click();
    const dialog = page.getByRole("dialog", { name: "新建用户" });
    await field(dialog, "用户名").fill(NEW_USER.username);
    await field(dialog, "姓名").fill(NEW_USER.displayName);
    await chooseOption(page, field(dialog, "所属单位"), ORG.name, "海韵");
    await chooseOption(page, field(dialog, "角色"), "评审专家");
    await field(dialog, "初始密码").fill(NEW_USER.temporary);
    await dialog.getByRole("button", { name: zh("保存") }).click();
    await expectClosed(dialog);

    const row = page.getByRole("row", { name: new RegExp(NEW_USER.username) });
    await eventually(() => row.count()).toBe(1);
    expect(await row.getByRole("cell", { name: ORG.name }).count()).toBe(1);
    expect(await row.getByRole("cell", { name: "评审专家" }).count()).toBe(1);
    expect(await row.getByText("待改密码").count()).toBe(1);

    await page.getByRole("button", { name: /退出登录/ }).click();
    await page.getByLabel("用户名").waitFor();

    // The new user's first sign-in lands on the change-password page, and nowhere else is reachable.
    await signIn(page, j.server.baseUrl, NEW_USER.username, NEW_USER.temporary);
    await page.getByRole("heading", { level: 1, name: "修改密码" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/password");
    expect(await page.getByText("首次登录或密码被重置后，须先修改密码才能继续使用").count()).toBe(1);
    expect(await menuItems(page)).toEqual(["修改密码"]);
    await page.goto(`${j.server.baseUrl}/policy`);
    await page.getByRole("heading", { level: 1, name: "修改密码" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/password");

    await field(page, "当前密码").fill(NEW_USER.temporary);
    await field(page, "新密码").fill(NEW_USER.chosen);
    await field(page, "确认新密码").fill(NEW_USER.chosen);
    await page.getByRole("button", { name: zh("保存") }).click();

    await page.getByRole("heading", { level: 1, name: `您好，${NEW_USER.displayName}` }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/");
    const items = await menuItems(page);
    expect(items).toEqual(expect.arrayContaining(["工作台", "修改密码"]));
    // issue 11 item 4: nothing an expert cannot use (政策参数, 工作日历), nor what is the bureau's
    for (const notTheirs of ["单位管理", "用户管理", "审计日志", "政策参数", "工作日历"]) expect(items).not.toContain(notTheirs);
    expect(await page.getByText("首次登录或密码被重置后，须先修改密码才能继续使用").count()).toBe(0);

    // The chosen password is now the one that works; the temporary one no longer does.
    expect((await j.server.client().login(NEW_USER.username, NEW_USER.temporary)).status).toBe(401);
    const again = await j.server.client().login(NEW_USER.username, NEW_USER.chosen);
    expect(again.status).toBe(200);
    expect(again.body.user.mustChangePassword).toBe(false);
    await closePage(page);
  });

  it("disables an account only after the confirmation, and shows it as 停用", async () => {
    const page = await signedInAsBureau(j);
    await openFromMenu(page, "用户管理");
    const row = page.getByRole("row", { name: /expert2/ });
    await eventually(() => row.count()).toBe(1);
    expect(await row.getByRole("cell", { name: "启用", exact: true }).count()).toBe(1);

    await row.getByRole("button", { name: "停用" }).click();
    const question = page.getByText("确定停用用户“孙丽研究员”？停用后该用户不能登录。");
    await question.waitFor();
    // Asking is not doing: until confirmed, the account still signs in.
    expect((await j.server.client().login("expert2")).status).toBe(200);
    await page.getByRole("button", { name: zh("确定") }).click();

    await eventually(() => row.getByRole("cell", { name: "停用", exact: true }).count()).toBe(1);
    expect(await row.getByRole("cell", { name: "启用", exact: true }).count()).toBe(0);
    expect(await row.getByRole("button", { name: "启用" }).count()).toBe(1);
    expect((await j.server.client().login("expert2")).status).not.toBe(200);
    await closePage(page);
  });

  it("downloads the filtered organization list as an Excel workbook", async () => {
    const page = await signedInAsBureau(j);
    await openFromMenu(page, "单位管理");
    await eventually(() => page.getByRole("row", { name: /山东大学/ }).count()).toBe(1);
    await field(page, "关键词").fill("威高");
    await page.getByRole("button", { name: zh("查询") }).click();
    await eventually(() => page.getByRole("row", { name: /山东大学/ }).count()).toBe(0);
    expect(await page.getByRole("row", { name: /威高集团有限公司/ }).count()).toBe(1);

    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const file = await download.path();
    expect(fs.readFileSync(file).subarray(0, 2).toString()).toBe("PK");
    const text = await sheetText(file);
    expect(text).toContain("威高集团有限公司");
    expect(text).not.toContain("山东大学（威海）");
    await closePage(page);
  });

  it("downloads the user list as an Excel workbook", async () => {
    const page = await signedInAsBureau(j);
    await openFromMenu(page, "用户管理");
    await eventually(() => page.getByRole("cell", { name: "expert1", exact: true }).count()).toBe(1);
    const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /导出 Excel/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    const text = await sheetText(await download.path());
    expect(text).toContain("expert1");
    expect(text).toContain("赵明教授");
    await closePage(page);
  });
});
