// Paged lists: `?page=&pageSize=` → `{ items, total, page, pageSize }` (DESIGN.md "API conventions").
import type { SelectQueryBuilder } from "kysely";
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

/** The most rows one Excel export carries. */
export const EXPORT_LIMIT = 10000;
