// Journey: every list page on a 1280 px desktop, as each role that sees it (issue 11 item 1). Without
// scrolling sideways each row shows its status (状态), its 备案编号 and its actions (操作), and no column
// header wraps into a tower of single characters (收费标准).
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signIn, startJourney, type Journey } from "./browser.js";
import { eventually, menu } from "./ui.js";

const VIEWPORT = { width: 1280, height: 800 };

/** The list pages each role opens from its menu (src/web/access.ts). */
const LISTS: Record<string, readonly string[]> = {
  bureau: [
    "/accreditation",
    "/objections",
    "/bases",
    "/fee-approvals",
    "/annual-plans",
    "/plan-filing-status",
    "/training-projects",
    "/hour-declarations",
    "/professionals",
    "/certificates",
    "/inspections",
    "/spot-checks",
    "/rectification-orders",
    "/violations",
    "/dishonesty-records",
    "/change-reports",
    "/announcements",
  ],
  supervisor: [
    "/recommendations",
    "/bases",
    "/annual-plans",
    "/plan-filing-status",
    "/training-projects",
    "/certificates",
    "/inspections",
    "/spot-checks",
    "/rectification-orders",
    "/violations",
    "/dishonesty-records",
    "/change-reports",
    "/announcements",
  ],
  base: ["/applications", "/bases", "/fee-standards", "/annual-plans", "/training-projects", "/certificates", "/inspections", "/rectification-orders", "/change-reports", "/staff", "/announcements"],
  expert1: ["/reviews"],
  sysadmin: ["/organizations", "/users"],
  auditor: ["/audit"],
};

/** Headers of the columns a row must show without scrolling. */
const KEY_HEADER = /(状态|备案编号|操作)$/;

interface TableLayout {
  rows: number;
  /** "header: right edge" of each key cell past the window's right edge */
  offScreen: string[];
  /** "header: height" of each header cell taller than two lines */
  tallHeaders: string[];
}

/** The visible tables of the page, measured where they stand (no scrolling). */
function measureTables(page: Page, keyHeader: RegExp): Promise<TableLayout[]> {
  return page.evaluate((pattern) => {
    const key = new RegExp(pattern);
    const tables = (Array.from(document.querySelectorAll(".ant-table")) as HTMLElement[]).filter((t) => t.getBoundingClientRect().width > 0);
    return tables.map((table) => {
      const headers = Array.from(table.querySelectorAll("thead > tr:last-child > th")) as HTMLElement[];
      const tallHeaders = headers.flatMap((th) => {
        const style = getComputedStyle(th);
        const lines = 2 * parseFloat(style.lineHeight) + parseFloat(style.paddingTop) + parseFloat(style.paddingBottom) + 2;
        const height = th.getBoundingClientRect().height;
        return height > lines ? [`${th.innerText.trim()}: ${Math.round(height)}px`] : [];
      });
      const keyColumns = headers.map((th, i) => [th.innerText.trim(), i] as const).filter(([text]) => key.test(text));
      const rows = Array.from(table.querySelectorAll("tbody > tr.ant-table-row")) as HTMLTableRowElement[];
      const offScreen = rows.flatMap((row) =>
        keyColumns.flatMap(([text, i]) => {
          const cell = row.cells[i];
          const right = cell ? cell.getBoundingClientRect().right : Infinity;
          return right > window.innerWidth ? [`${text}: ${Math.round(right)}`] : [];
        }),
      );
      return { rows: rows.length, offScreen, tallHeaders };
    });
  }, keyHeader.source);
}

/** Waits until the page's lists have loaded (rows or an empty state, no spinner). */
async function loaded(page: Page): Promise<void> {
  await page.getByRole("heading", { level: 1 }).first().waitFor();
  await eventually(() => page.locator(".ant-table").count()).toBeGreaterThan(0);
  await eventually(() => page.locator(".ant-table .ant-spin-spinning").count()).toBe(0);
  await eventually(() => page.locator(".ant-table-tbody > tr.ant-table-row, .ant-table-tbody .ant-empty, .ant-table-tbody .ant-table-placeholder").count()).toBeGreaterThan(0);
}

describe("list pages on a 1280 px desktop", () => {
  let j: Journey;
  beforeAll(async () => {
    j = await startJourney({ accreditationDemo: true, filingDemo: true });
  });
  afterAll(() => j?.close());

  /** Opens each path and measures its lists: the problems found and how many rows were measured. */
  async function check(page: Page, paths: readonly string[]): Promise<{ problems: string[]; rowsSeen: number }> {
    const problems: string[] = [];
    let rowsSeen = 0;
    for (const path of paths) {
      await page.goto(`${j.server.baseUrl}${path}`);
      await loaded(page);
      const tables = await measureTables(page, KEY_HEADER);
      for (const table of tables) {
        rowsSeen += table.rows;
        problems.push(...table.offScreen.map((p) => `${path} ${p}`), ...table.tallHeaders.map((p) => `${path} header ${p}`));
      }
    }
    return { problems: [...new Set(problems)], rowsSeen };
  }

  async function signedInAt1280(username: string): Promise<Page> {
    const context = await j.browser.newContext({ viewport: VIEWPORT });
    const page = await context.newPage();
    await signIn(page, j.server.baseUrl, username);
    await menu(page).waitFor();
    return page;
  }

  it.each(Object.entries(LISTS))("shows %s each row's status and actions without scrolling sideways, headers on at most two lines", async (username, paths) => {
    const page = await signedInAt1280(username);
    const { problems, rowsSeen } = await check(page, paths);
    // A role that sees no rows at all proves nothing (the demo accreditation and filing history fill most lists).
    expect(rowsSeen).toBeGreaterThan(0);
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
