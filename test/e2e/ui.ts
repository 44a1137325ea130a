// Small helpers the journeys share: finding antd form fields by their label, picking a Select option,
// and matching two-character Chinese button texts, which antd writes with a space ("确 定").
import type { Locator, Page } from "playwright-core";
import { expect } from "vitest";
import type { Journey } from "./browser.js";

/** A fresh context and page, so cookies and the stored language never leak from one test to the next. */
export async function freshPage(j: Journey): Promise<Page> {
  const context = await j.browser.newContext();
  return context.newPage();
}

export async function closePage(page: Page): Promise<void> {
  await page.context().close();
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * A button name ending in `text`, tolerating antd's space between two Chinese characters ("确 定") and
 * an icon's label in front ("loading 保存": antd leaves its loading icon's label behind after a save).
 */
export function zh(text: string): RegExp {
  return new RegExp(`(^|\\s)${[...text].map(escape).join("\\s*")}$`);
}

/** expect.poll with room for a server round trip and antd's animations (its default gives up after 1 s). */
export function eventually<T>(fn: () => T | Promise<T>) {
  return expect.poll(fn, { timeout: 15_000, interval: 100 });
}

/**
 * The form control labelled exactly `label`: antd puts the required mark ("*") into the label and the
 * inline filter forms add a colon, both ignored here; "新密码" does not match "确认新密码".
 */
export function field(scope: Page | Locator, label: string): Locator {
  return scope.getByLabel(new RegExp(`^\\*?\\s*${escape(label)}\\s*:?$`));
}

/**
 * Opens an antd Select and clicks the option showing `label`. The visible options carry the label as
 * their title (the listbox antd exposes to screen readers holds only the active option and its neighbours).
 */
export async function chooseOption(page: Page, combobox: Locator, label: string, search?: string): Promise<void> {
  await combobox.click();
  if (search !== undefined) await combobox.fill(search);
  // Only within the open dropdown: tags in the page behind may carry the same title.
  const option = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").getByTitle(label, { exact: true }).filter({ visible: true });
  await option.first().waitFor();
  await option.first().click();
}

/** Types a date into an antd DatePicker and commits it. */
export async function typeDate(input: Locator, date: string): Promise<void> {
  await input.click();
  await input.fill(date);
  await input.press("Enter");
}

/** The signed-in frame's menu. */
export function menu(page: Page): Locator {
  return page.getByRole("navigation").getByRole("menu");
}

/** Clicks a menu item and waits for the page's title (the item's name, unless told otherwise). */
export async function openFromMenu(page: Page, item: string, heading: string | RegExp = item): Promise<void> {
  await menu(page).getByRole("link", { name: item, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: heading }).waitFor();
}

/** The visible text of the menu items, in order. */
export async function menuItems(page: Page): Promise<string[]> {
  return (await menu(page).getByRole("link").allInnerTexts()).map((s) => s.trim());
}

/** Today in Asia/Shanghai (the web app's and the server's calendar), plus `days`, as YYYY-MM-DD. */
export function shanghaiDate(days = 0, now = Date.now()): string {
  return new Date(now + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** `2027-01-05` → `2027年1月5日`, as the web app shows dates. */
export function zhDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}
