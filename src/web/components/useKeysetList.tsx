// State of a list the server pages by keyset (issue 13 item 3: `?page=` within the first 10,000 rows,
// `?cursor=` beyond; `total` counted up to 10,000 with `totalCapped`). Within the first 10,000 rows it
// is a numbered antd pagination, showing 共 10,000+ 条 when there are more; on the last numbered page
// of a capped list a 下一页 goes on by cursor, and from there the pager is 上一页 / 下一页 / 回到第一页.
// The one pager of every converted list (专技人员, 培训项目, 报名名单, 证书, 培训日历).
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { Button, Space, Typography, type TablePaginationConfig } from "antd";
import { useTranslation } from "react-i18next";
import type { Query } from "../api/client";
import type { KeysetPaged } from "../api/types";
import { useShowError } from "./useShowError";

export interface KeysetListState<T> {
  items: T[];
  total: number;
  totalCapped: boolean;
  loading: boolean;
  filters: Query;
  setFilters: (f: Query) => void;
  reload: () => void;
  /** numbered pages for an antd Table or Pagination; false once reading beyond them by cursor */
  pagination: TablePaginationConfig | false;
  /** the 下一页 / 上一页 buttons past the numbered pages (null when there is nothing to show) */
  pager: ReactNode;
}

export function useKeysetList<T>(load: (query: Query) => Promise<KeysetPaged<T>>, initialFilters: Query = {}): KeysetListState<T> {
  const { t, i18n } = useTranslation();
  const showError = useShowError();
  const [filters, setFiltersState] = useState<Query>(initialFilters);
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  /** The cursors of the pages read beyond the numbered ones; the last is the page shown. Empty: numbered pages. */
  const [cursors, setCursors] = useState<string[]>([]);
  const [data, setData] = useState<KeysetPaged<T> | null>(null);
  const [loading, setLoading] = useState(false);
  const [tick, setTick] = useState(0);
  const cursor = cursors.length ? cursors[cursors.length - 1] : undefined;

  useEffect(() => {
    let live = true;
    setLoading(true);
    load(cursor ? { ...filters, pageSize, cursor } : { ...filters, page, pageSize })
      .then((d) => live && setData(d))
      .catch((err: unknown) => live && showError(err))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
    // `load` should be a stable function (an endpoint of api/endpoints.ts), not an inline lambda.
  }, [load, filters, page, pageSize, cursor, tick, showError]);

  const setFilters = useCallback((f: Query) => {
    setFiltersState(f);
    setPage(1);
    setCursors([]);
  }, []);
  const reload = useCallback(() => setTick((x) => x + 1), []);

  const total = data?.total ?? 0;
  const totalCapped = data?.totalCapped ?? false;
  const shownTotal = (n: number) => t(totalCapped ? "common.totalCapped" : "common.total", { total: n.toLocaleString(i18n.language) });
  const lastNumbered = Math.max(1, Math.ceil(total / pageSize));

  const pagination: TablePaginationConfig | false = cursors.length
    ? false
    : {
        current: page,
        pageSize,
        total,
        showSizeChanger: true,
        pageSizeOptions: [10, 20, 50, 100],
        showTotal: shownTotal,
        onChange: (p, size) => {
          setPage(size !== pageSize ? 1 : p);
          setPageSize(size);
        },
      };

  const nextCursor = data?.nextCursor ?? null;
  const beyond = cursors.length > 0;
  const atLastNumbered = !beyond && totalCapped && page >= lastNumbered && nextCursor !== null;
  const pager: ReactNode =
    beyond || atLastNumbered ? (
      <Space wrap style={{ marginTop: 12 }}>
        {beyond && <Typography.Text type="secondary">{t("common.beyondTotal", { total: total.toLocaleString(i18n.language) })}</Typography.Text>}
        {beyond && <Button onClick={() => setCursors([])}>{t("common.firstPage")}</Button>}
        {beyond && <Button onClick={() => setCursors((c) => c.slice(0, -1))}>{t("common.previousPage")}</Button>}
        <Button type="primary" disabled={!nextCursor || loading} onClick={() => nextCursor && setCursors((c) => [...c, nextCursor])}>
          {t("common.nextPage")}
        </Button>
      </Space>
    ) : null;

  return { items: data?.items ?? [], total, totalCapped, loading, filters, setFilters, reload, pagination, pager };
}
