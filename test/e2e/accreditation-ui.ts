// Helpers of the accreditation journey: signing a user in on a fresh context, reading an application's
// status from its page, confirming a workflow step in its dialog, and reading antd Descriptions and
// Tables by their labels and column headers.
import type { Locator, Page } from "playwright-core";
import { signIn, type Journey } from "./browser.js";
import { expectClosed, freshPage, menu, zh } from "./ui.js";

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A fresh context signed in as `username`, waiting for the menu. */
export async function signedInAs(j: Journey, username: string): Promise<Page> {
  const page = await freshPage(j);
  await signIn(page, j.server.baseUrl, username);
  await menu(page).waitFor();
  return page;
}

/** A fresh context, nobody signed in (the public pages). */
export async function publicPage(j: Journey): Promise<Page> {
  return freshPage(j);
}

/** The page's one <h1>. */
export function title(page: Page): Locator {
  return page.getByRole("heading", { level: 1 });
}

/** The status tag the application page shows after the name in its title ("… 待推荐"). */
export async function statusInTitle(page: Page, name: string): Promise<string> {
  const text = await title(page).innerText();
  return text.startsWith(name) ? text.slice(name.length).trim() : `(title is "${text}")`;
}

/**
 * Clicks the step's button on the application page, and confirms in the dialog "确认<step>？", whose
 * OK button carries the step's name. Returns the dialog (closed by then).
 */
export async function confirmStep(page: Page, step: string): Promise<Locator> {
  await page.getByRole("button", { name: zh(step) }).first().click();
  const dialog = page.getByRole("dialog", { name: `确认${step}？` });
  await dialog.waitFor();
  await dialog.getByRole("button", { name: zh(step) }).click();
  await expectClosed(dialog);
  return dialog;
}

/**
 * Opens the application named `name` from the list page the menu item leads to, and waits for its
 * title — unless `titled` is false (an expert before the declaration sees no form, so no name).
 */
export async function openApplication(page: Page, menuItem: string, name: string, titled = true): Promise<void> {
  await menu(page).getByRole("link", { name: menuItem, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: menuItem }).waitFor();
  await page.getByRole("link", { name, exact: true }).click();
  await page.waitForURL(/\/applications\/[^/]+$/);
  if (titled) await page.getByRole("heading", { level: 1, name: new RegExp(`^${escape(name)}`) }).waitFor();
}

/** The page of a scope: a `has` filter's inner locator must start from the page (it is taken relative to the outer one). */
const pageOf = (scope: Page | Locator): Page => ("url" in scope ? scope : scope.page());

/** The antd Card titled exactly `heading`. */
export function card(page: Page, heading: string): Locator {
  return page.locator(".ant-card").filter({ has: page.locator(".ant-card-head-title").getByText(heading, { exact: true }) });
}

/** The value of a plain (non-bordered) antd Descriptions item labelled `label`, within `scope`. */
export function itemValue(scope: Page | Locator, label: string): Locator {
  const labelled = pageOf(scope).locator(".ant-descriptions-item-label").getByText(label, { exact: true });
  return scope.locator(".ant-descriptions-item").filter({ has: labelled }).locator(".ant-descriptions-item-content");
}

/** The value next to a row header in a bordered antd Descriptions (a row header and its cell). */
export async function describedValue(scope: Page | Locator, label: string): Promise<string> {
  const row = scope.getByRole("row").filter({ has: pageOf(scope).getByRole("rowheader", { name: label, exact: true }) }).first();
  const headers = await row.getByRole("rowheader").allInnerTexts();
  const values = await row.getByRole("cell").allInnerTexts();
  return (values[headers.map((h) => h.trim()).indexOf(label)] ?? "").trim();
}

/** The text of the cell under column `header` in the table row that contains `rowText`. */
export async function cellUnder(table: Locator, rowText: string, header: string): Promise<string> {
  const headers = (await table.getByRole("columnheader").allInnerTexts()).map((h) => h.trim());
  const index = headers.indexOf(header);
  if (index < 0) throw new Error(`no column "${header}" among ${JSON.stringify(headers)}`);
  const row = table.getByRole("row").filter({ hasText: rowText });
  if ((await row.count()) !== 1) return `(${await row.count()} rows with "${rowText}")`;
  return (await row.getByRole("cell").nth(index).innerText()).trim();
}
