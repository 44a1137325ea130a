// Paged lists: `?page=&pageSize=` → `{ items, total, page, pageSize }` (DESIGN.md "API conventions").
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

/** The most rows one Excel export carries. */
export const EXPORT_LIMIT = 10000;
