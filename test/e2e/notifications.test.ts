// Journey: the notification centre (issue 11 item 9). The bell links to it; it lists every
// notification, filters by kind and read state, opens the thing concerned and marks all read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/server/platform/context.js";
import { notify } from "../../src/server/modules/notifications/service.js";
import { signIn, startJourney, type Journey } from "./browser.js";
import { chooseOption, closePage, eventually, freshPage, menu, zh } from "./ui.js";

describe("notification centre", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney();
    const me = await j.server.app.platform.db.selectFrom("users").select("id").where("username", "=", "base").executeTakeFirstOrThrow();
    const ctx = { ...j.server.app.platform, actor: null, ip: null };
    await inTransaction(ctx, async (trx) => {
      await notify(trx, ctx, [me.id], "feeStandard.approved", { baseName: "威海市环翠区职业技术培训学校" }, "/fee-standards");
      await notify(trx, ctx, [me.id], "plan.returned", { baseName: "威海市环翠区职业技术培训学校", year: 2027, comment: "请补充师资安排" }, "/annual-plans");
    });
  });
  afterAll(() => j?.close());

  it("opens from the bell, filters by kind and read state, opens the thing concerned and marks all read", async () => {
    const page = await freshPage(j);
    await signIn(page, j.server.baseUrl, "base");
    await menu(page).waitFor();
    await page.getByRole("button", { name: /通知（2 条未读）/ }).click();
    await page.getByRole("button", { name: "查看全部通知" }).click();
    await page.getByRole("heading", { level: 1, name: "消息中心" }).waitFor();
    const centre = page.locator(".ant-list");
    await eventually(() => centre.getByText("请补充师资安排").count()).toBe(1);
    expect(await centre.locator(".ant-list-item").count()).toBe(2);

    await chooseOption(page, page.getByRole("combobox", { name: "消息类别" }), "年度计划");
    await eventually(() => centre.locator(".ant-list-item").count()).toBe(1);

    await centre.getByRole("button", { name: zh("查看") }).click();
    await page.waitForURL(/\/annual-plans$/);
    await page.goto(`${j.server.baseUrl}/notifications`);
    await page.getByText("未读（1）").waitFor();
    await page.getByRole("button", { name: "全部标为已读" }).click();
    await page.getByText("未读（0）").waitFor();
    await page.getByText("已读", { exact: true }).click();
    await eventually(() => centre.locator(".ant-list-item").count()).toBe(2);
    await closePage(page);
  });
});
