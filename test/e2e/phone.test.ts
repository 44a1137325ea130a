// A phone at 375 px (issue 11 item 8): for each role every page of the menu fits the screen (no sideways
// scrolling), the menu is a drawer opened from the header's button, the public calendar fits with its
// date pickers, a signed-in professional's 培训日历 stays inside the app, and enrolling there lowers the
// places left at once.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startJourney, type Journey } from "./browser.js";
import { PHONE } from "./delivery-ui.js";
import { eventually, zh } from "./ui.js";

const ROLES = ["bureau", "supervisor", "base", "pro1"] as const;

async function phonePage(j: Journey): Promise<Page> {
  const context = await j.browser.newContext(PHONE);
  return context.newPage();
}

async function signedInOnPhone(j: Journey, username: string): Promise<Page> {
  const page = await phonePage(j);
  await signIn(page, j.server.baseUrl, username);
  await page.waitForURL((u) => !u.pathname.startsWith("/login"));
  await page.getByRole("button", { name: "打开菜单" }).waitFor();
  return page;
}

const scrollWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** The drawer's menu, once opened from the header. */
async function openDrawer(page: Page) {
  await page.getByRole("button", { name: "打开菜单" }).click();
  const nav = page.getByRole("navigation", { name: "主菜单" });
  await nav.waitFor();
  return nav;
}

/** The page has drawn its title and settled (lists loaded, no spinner left). */
async function settled(page: Page): Promise<void> {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await page.waitForLoadState("networkidle");
  await page.waitForTimeout(200); // antd's breakpoints and layout settle
}

describe("the app on a 375 px phone", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney({ accreditationDemo: true, filingDemo: true });
  });
  afterAll(() => j?.close());

  for (const role of ROLES) {
    it(`keeps the menu in a drawer and fits every menu page on the screen (${role})`, async () => {
      const page = await signedInOnPhone(j, role);
      // the menu is hidden until the menu button is pressed
      expect(await page.getByRole("navigation", { name: "主菜单" }).count()).toBe(0);
      const nav = await openDrawer(page);
      const links = await nav.getByRole("link").evaluateAll((as) => as.map((a) => ({ href: a.getAttribute("href") ?? "", text: (a.textContent ?? "").trim() })));
      expect(links.length).toBeGreaterThan(2);
      // the header is one line
      const header = await page.locator(".ant-layout-header").boundingBox();
      expect(header!.height).toBeLessThanOrEqual(64);
      const tooWide: string[] = [];
      for (const { href, text } of links) {
        await page.goto(`${j.server.baseUrl}${href}`);
        await settled(page);
        const width = await scrollWidth(page);
        if (width > 375) tooWide.push(`${text} ${href}: ${width}px`);
      }
      expect(tooWide).toEqual([]);
      await page.context().close();
    }, 240_000);
  }

  it("fits the public calendar, its filter and its date picker", async () => {
    const page = await phonePage(j);
    await page.goto(`${j.server.baseUrl}/public/trainings`);
    await page.getByRole("heading", { level: 1, name: "培训日历" }).waitFor();
    await settled(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    // one month at a time: the picker's panel stays on the screen
    await page.getByRole("textbox", { name: "开始日期" }).click();
    const panel = page.locator(".ant-picker-dropdown:not(.ant-picker-dropdown-hidden)").first();
    await panel.waitFor();
    const box = (await panel.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(375);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await page.keyboard.press("Escape");
    await page.context().close();
  });

  it("keeps a professional's 培训日历 inside the app and lowers the places left as soon as he enrols", async () => {
    const pro = await j.server.as("pro1");
    const listed = (await pro.get("/api/v1/me/enrollments")).body as { items?: { projectId: string }[] } | { projectId: string }[];
    const mine = new Set((Array.isArray(listed) ? listed : (listed.items ?? [])).map((e) => e.projectId));
    const open = ((await pro.get("/api/v1/public/training-projects?pageSize=100")).body.items as { id: string; title: string; status: string; seatsLeft: number; capacity: number }[]).find(
      (p) => p.status === "filed" && p.seatsLeft > 0 && !mine.has(p.id),
    );
    expect(open).toBeTruthy();

    const page = await signedInOnPhone(j, "pro1");
    const nav = await openDrawer(page);
    await nav.getByRole("link", { name: "培训日历", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "培训日历" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/trainings");
    // the app's frame, not the public one: the menu button, and no 登录
    await page.getByRole("button", { name: "打开菜单" }).waitFor();
    expect(await page.getByRole("link", { name: zh("登录") }).count()).toBe(0);
    expect(await page.getByRole("button", { name: zh("登录") }).count()).toBe(0);
    // the public address brings him into the app as well
    await page.goto(`${j.server.baseUrl}/public/trainings/${open!.id}`);
    await page.waitForURL((u) => u.pathname === `/trainings/${open!.id}`);
    await page.getByRole("heading", { level: 1, name: open!.title }).waitFor();
    await settled(page);
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);

    const region = page.getByRole("region", { name: "报名" });
    await region.getByText(`剩余名额 ${open!.seatsLeft} / ${open!.capacity}`).waitFor();
    await region.getByRole("button", { name: zh("报名") }).click();
    await page.getByRole("dialog").getByRole("button", { name: zh("报名") }).click();
    await region.getByText("您已报名该培训项目。").waitFor();
    await eventually(() => region.getByText(`剩余名额 ${open!.seatsLeft - 1} / ${open!.capacity}`).count()).toBe(1);
    // 课程安排 as cards, not a table
    expect(await page.getByRole("region", { name: "课程安排" }).locator(".ant-table").count()).toBe(0);

    // 我的课程: the new course under the running and upcoming tab
    await (await openDrawer(page)).getByRole("link", { name: "我的课程", exact: true }).click();
    await page.getByRole("heading", { level: 1, name: "我的课程" }).waitFor();
    const upcoming = page.getByRole("tab", { name: /^进行中与待开课 \(\d+\)$/ });
    expect(await upcoming.getAttribute("aria-selected")).toBe("true");
    await page.getByRole("tab", { name: /^已结束 \(\d+\)$/ }).waitFor();
    await page.getByRole("tabpanel").getByRole("link", { name: open!.title }).waitFor();
    expect(await scrollWidth(page)).toBeLessThanOrEqual(375);
    await page.context().close();
  });
});
