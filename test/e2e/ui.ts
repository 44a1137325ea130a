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
 * Opens an antd Select, clicks the option showing `label` and makes sure the Select then shows it (as its
 * value, or as a tag of a multiple Select). The visible options carry the label as their title (the
 * listbox antd exposes to screen readers holds only the active option and its neighbours).
 *
 * Why the check and the second try: the dropdown hangs in <body>, under a dialog that is position: fixed.
 * On a busy machine Playwright finds the option still moving (its opening animation) and retries with
 * `scrollIntoView({ block: "start" | "center" | "end" })`, which scrolls the document behind the dialog;
 * the dropdown moves with the document until antd re-aligns it to its Select a few milliseconds later,
 * between mouse down and mouse up. The click then goes to <body> and nothing is chosen — seen on CI as a
 * dialog that never closed ("请选择单位类型"). Waiting for the animation to end makes this rare; checking
 * what the Select shows catches the rest, and the pick is tried again.
 */
export async function chooseOption(page: Page, combobox: Locator, label: string, search?: string): Promise<void> {
  // Only within the open dropdown: tags in the page behind may carry the same title.
  const dropdown = page.locator(".ant-select-dropdown:not(.ant-select-dropdown-hidden)").filter({ has: page.getByTitle(label, { exact: true }) }).first();
  const option = dropdown.getByTitle(label, { exact: true }).filter({ visible: true }).first();
  // The Select itself (the dropdown is elsewhere, in <body>): its value or tag carries the label as title.
  const select = combobox.locator("xpath=ancestor::*[contains(concat(' ', normalize-space(@class), ' '), ' ant-select ')][1]");
  const shown = select.getByTitle(label, { exact: true });
  const attempts = 3;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    if ((await combobox.getAttribute("aria-expanded")) !== "true") await combobox.click();
    if (search !== undefined) await combobox.fill(search);
    await option.waitFor();
    // The dropdown's opening animation (antd's slide-up-appear classes) is over before clicking.
    await eventually(async () => /-(appear|enter)(\s|$)/.test((await dropdown.getAttribute("class")) ?? "")).toBe(false);
    // A multiple Select toggles: an option already chosen (a click that did land) is not clicked again.
    if (!/-option-selected(\s|$)/.test((await option.getAttribute("class")) ?? "")) await option.click();
    if (await shown.first().waitFor({ timeout: 2_000 }).then(() => true, () => false)) return;
  }
  const showing = (await select.innerText()).trim() || "nothing";
  throw new Error(`chooseOption: after ${attempts} tries to pick "${label}", the Select shows ${showing}`);
}

/**
 * What a dialog or form says went wrong: its visible form errors and alerts, and any error toast on the
 * page. Meant for failure messages, so that "the dialog did not close" also says why.
 */
export async function visibleProblems(scope: Locator): Promise<string[]> {
  const errors = await scope.locator(".ant-form-item-explain-error, .ant-alert-error").filter({ visible: true }).allInnerTexts();
  const toasts = await scope.page().locator(".ant-message .ant-message-error").filter({ visible: true }).allInnerTexts();
  return [...errors.map((e) => `form: ${e.trim()}`), ...toasts.map((e) => `message: ${e.trim()}`)];
}

/**
 * Waits for a dialog to close (after 保存, say). While it stays open the polled value names the form
 * errors, alerts and error toasts on screen, so a timeout reads "open — form: 请选择单位类型" rather than
 * "true ≠ false".
 */
export async function expectClosed(dialog: Locator): Promise<void> {
  await eventually(async () => {
    if ((await dialog.filter({ visible: true }).count()) === 0) return "closed";
    const problems = await visibleProblems(dialog);
    return `open — ${problems.join("; ") || "no error on screen"}`;
  }).toBe("closed");
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
