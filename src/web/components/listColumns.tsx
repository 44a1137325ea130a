// The columns of a desktop list: at 1280 px and wider a list shows its status and its actions without
// scrolling sideways (issue 11 item 1). The status and action columns are pinned to the right edge (the
// other columns scroll under them) and headers never wrap.
import type { TableColumnsType } from "antd";

type Column<T> = TableColumnsType<T>[number];

/** The keys (or data indexes) of the columns kept on screen, in the order they end the row. */
const PINNED = ["status", "filingNo", "actions"] as const;

function pinnedRank<T>(c: Column<T>): number {
  const id = String(c.key ?? ("dataIndex" in c ? c.dataIndex : "") ?? "");
  return PINNED.indexOf(id as (typeof PINNED)[number]);
}

const noWrap = () => ({ style: { whiteSpace: "nowrap" as const } });

/**
 * The columns of a list table, ready for `scroll={{ x: "max-content" }}`: the status column (key or
 * dataIndex `status`), the 备案编号 and the action column (key `actions`) move to the end of the row and
 * stay fixed on the right; every header stays on one line.
 */
export function listColumns<T>(columns: TableColumnsType<T>): TableColumnsType<T> {
  const rest = columns.filter((c) => pinnedRank(c) < 0);
  const pinned = columns.filter((c) => pinnedRank(c) >= 0).sort((a, b) => pinnedRank(a) - pinnedRank(b));
  return [
    ...rest.map((c) => ({ onHeaderCell: noWrap, ...c })),
    ...pinned.map((c) => ({ onHeaderCell: noWrap, ...c, fixed: "right" as const })),
  ] as TableColumnsType<T>;
}
