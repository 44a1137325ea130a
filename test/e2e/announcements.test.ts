// Journey: 通知公告 (issue 12 item 6). The bureau publishes an announcement to all bases; the base's
// staff see it unread on their home page, open it and confirm reading; the bureau sees the base has read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startJourney, type Journey } from "./browser.js";
import { closePage, eventually, field, freshPage, menu, openFromMenu, zh } from "./ui.js";

describe("announcements", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney({ accreditationDemo: true });
  });
  afterAll(() => j?.close());

  it("lets the bureau publish to all bases, a base confirm reading from its home page, and the bureau see it read", async () => {
    const title = "关于开展继续教育基地年度自查工作的通知";
    const bureau = await freshPage(j);
    await signIn(bureau, j.server.baseUrl, "bureau");
    await menu(bureau).waitFor();
    await openFromMenu(bureau, "通知公告");
    await bureau.getByRole("button", { name: zh("发布通知公告") }).click();
    const dialog = bureau.getByRole("dialog", { name: "发布通知公告" });
    await field(dialog, "标题").fill(title);
    await dialog.getByRole("radio", { name: "全部基地" }).check();
    await field(dialog, "正文").fill("请各基地于本月底前完成年度自查，并通过平台报送自查报告。");
    await dialog.getByRole("button", { name: zh("发布通知公告") }).click();
    await bureau.getByRole("heading", { level: 1, name: title }).waitFor();
    const summary = bureau.getByTestId("receipts-summary");
    await eventually(() => summary.innerText()).toMatch(/已读 0 个/);

    const base = await freshPage(j);
    await signIn(base, j.server.baseUrl, "base");
    const unread = base.getByTestId("unread-announcements");
    await unread.getByRole("link", { name: title }).click();
    await base.getByRole("heading", { level: 1, name: title }).waitFor();
    await base.getByRole("button", { name: zh("确认已阅读") }).click();
    await base.getByText(/已于 .+ 确认阅读/).waitFor();
    expect(await base.getByRole("button", { name: zh("确认已阅读") }).count()).toBe(0);
    await base.goto(`${j.server.baseUrl}/`);
    await base.getByRole("heading", { level: 1 }).waitFor();
    await eventually(() => base.getByRole("link", { name: title }).count()).toBe(0);

    await bureau.reload();
    await eventually(() => bureau.getByTestId("receipts-summary").innerText()).toMatch(/已读 1 个/);
    await bureau.getByText("已读", { exact: true }).click();
    await eventually(() => bureau.locator(".ant-table-row").count()).toBe(1);
    await closePage(base);
    await closePage(bureau);
  });
});
