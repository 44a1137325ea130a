// Helpers of the filing journey: the inputs of the editable tables (labelled "<column>（第 n 行）"),
// antd time pickers, the workflow status shown after a record's title, and a planned-projects workbook
// made from the platform's own Excel template.
import ExcelJS from "exceljs";
import type { Locator, Page } from "playwright-core";
import { eventually, expectClosed, zh } from "./ui.js";

/** The input in column `column` of row `row` (1-based) of an editable table. */
export function cellInput(scope: Page | Locator, column: string, row: number): Locator {
  return scope.getByLabel(`${column}（第 ${row} 行）`, { exact: true });
}

/** Types a time (HH:mm) into an antd TimePicker and commits it. */
export async function typeTime(input: Locator, time: string): Promise<void> {
  await input.click();
  await input.fill(time);
  await input.press("Enter");
}

/** The page's <h1> text, without the status tags that follow the name. */
export async function headingText(page: Page): Promise<string> {
  return (await page.getByRole("heading", { level: 1 }).innerText()).replace(/\s+/g, " ").trim();
}

/** Waits until the page's <h1> ends with the status tag `status` (as "… 待审核" or "… 已备案"). */
export async function expectStatus(page: Page, status: string): Promise<void> {
  await eventually(async () => (await headingText(page)).endsWith(` ${status}`) || (await headingText(page))).toBe(true);
}

/**
 * A planned-projects workbook: the platform's template (header row kept) with `rows` written below it,
 * in the template's column order (项目名称, 科目类型, 专业方向, 计划开始日期, 计划结束日期, 学时, 计划人数, 收费标准, 项目类别).
 */
export async function planWorkbook(template: Buffer, rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  rows.forEach((values, i) => {
    const row = sheet.getRow(i + 2);
    values.forEach((v, c) => (row.getCell(c + 1).value = v));
    row.commit();
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Clicks the step's button on a plan or project page and confirms in its dialog "确认<step>？" (whose OK
 * button carries the step's name), filling in `comment` when given. Waits for the dialog to close; while
 * it stays open the polled value says what the dialog shows (a refusal, a form error), so a timeout
 * names the reason rather than just "1 ≠ 0".
 */
export async function confirmFilingStep(page: Page, step: string, comment?: string): Promise<void> {
  await page.getByRole("button", { name: zh(step) }).first().click();
  const dialog = page.getByRole("dialog", { name: `确认${step}？` });
  await dialog.waitFor();
  if (comment !== undefined) await dialog.getByRole("textbox").fill(comment);
  await dialog.getByRole("button", { name: zh(step) }).click();
  await expectClosed(dialog);
}
