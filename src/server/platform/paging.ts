// Paged lists: `?page=&pageSize=` → `{ items, total, page, pageSize }` (DESIGN.md "API conventions").
import type { SelectQueryBuilder } from "kysely";
import { DomainError } from "./errors.js";
export interface PageRequest {
  page?: number;
  pageSize?: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export function pageWindow(q: PageRequest): { page: number; pageSize: number; offset: number } {
  const page = q.page ?? 1;
  const pageSize = q.pageSize ?? 20;
  return { page, pageSize, offset: (page - 1) * pageSize };
}

/** A page of a list: the rows in its window and the count of all the list holds, read side by side. */
export async function pageOf<T>(req: PageRequest, rows: (limit: number, offset: number) => Promise<T[]>, count: () => Promise<number>): Promise<Page<T>> {
  const { page, pageSize, offset } = pageWindow(req);
  const [items, total] = await Promise.all([rows(pageSize, offset), count()]);
  return { items, total, page, pageSize };
}

/** How many rows a filtered query yields (PostgreSQL answers count(*) as a string, SQLite as a number). */
export async function countOf(q: SelectQueryBuilder<any, any, any>): Promise<number> {
  const r = await q.clearSelect().select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  return Number(r.n);
}

/**
 * The most rows an Excel export written in memory carries (lists that stay small: users, organizations,
 * plans, inspections, receipts). A larger one is refused with EXPORT_TOO_LARGE, never cut short (issue 13
 * item 5); lists that grow without bound stream instead (streamed-export.ts).
 */
export const EXPORT_LIMIT = 10000;

/** Rows an in-memory export reads: one past the limit, so an oversized list is seen and refused. */
export const EXPORT_READ = EXPORT_LIMIT + 1;

/** The rows, unless there are more than EXPORT_LIMIT (or the list's `total` says so): then 422, before anything is audited or sent. */
export function withinExportLimit<T>(rows: T[], total = rows.length): T[] {
  if (total > EXPORT_LIMIT || rows.length > EXPORT_LIMIT) throw new DomainError("EXPORT_TOO_LARGE", { limit: EXPORT_LIMIT });
  return rows;
}
