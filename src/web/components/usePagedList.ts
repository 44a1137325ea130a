// State of a paged, filtered list (`?page=&pageSize=` → `{ items, total, page, pageSize }`): changing
// the filters goes back to page 1; `pagination` plugs into an antd Table.
import { useCallback, useEffect, useState } from "react";
import type { TablePaginationConfig } from "antd";
import { useTranslation } from "react-i18next";
import type { Query } from "../api/client";
import type { Paged } from "../api/types";
import { useShowError } from "./useShowError";

export function usePagedList<T>(load: (query: Query) => Promise<Paged<T>>, initialFilters: Query = {}) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [filters, setFiltersState] = useState<Query>(initialFilters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [data, setData] = useState<Paged<T> | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    let live = true;
    setLoading(true);
    load({ ...filters, page, pageSize })
      .then((d) => live && setData(d))
      .catch((err: unknown) => live && showError(err))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // `load` should be a stable function (an endpoint of api/endpoints.ts), not an inline lambda.
  }, [load, filters, page, pageSize, tick, showError]);

  const setFilters = useCallback((f: Query) => {
    setFiltersState(f);
    setPage(1);
  }, []);
  const reload = useCallback(() => setTick((x) => x + 1), []);

  const pagination: TablePaginationConfig = {
    current: page,
    pageSize,
    total: data?.total ?? 0,
    showSizeChanger: true,
    pageSizeOptions: [10, 20, 50, 100],
    showTotal: (total) => t("common.total", { total }),
    onChange: (p, size) => {
      setPage(size !== pageSize ? 1 : p);
      setPageSize(size);
    },
  };

  return { items: data?.items ?? [], total: data?.total ?? 0, loading, filters, setFilters, reload, pagination };
}

/** Form values → query: empty strings and empty values dropped, strings trimmed. */
export function cleanFilters(values: Record<string, unknown>): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(values)) {
    if (v === undefined || v === null) continue;
    const s = typeof v === "string" ? v.trim() : v;
    if (s === "") continue;
    if (typeof s === "string" || typeof s === "number" || typeof s === "boolean") out[k] = s;
  }
  return out;
}
