// The table of a delivery list page (报名名单, 结业, 证书, 学时申报, 专技人员): a paged list of records by id,
// small, scrolling sideways on a narrow screen, with what to say when there are none.
import type { ReactNode } from "react";
import { Table, type TableColumnsType, type TablePaginationConfig } from "antd";
import { listColumns } from "../../components/listColumns";
import { EmptyRows } from "../filing/filingTags";

interface Props<T> {
  /** the list's state (usePagedList, or useKeysetList with its pager past the numbered pages) */
  list: { items: T[]; loading: boolean; pagination: TablePaginationConfig | false; pager?: ReactNode };
  columns: TableColumnsType<T>;
  /** shown when the list is empty */
  none: string;
}

export function PagedTable<T extends { id: string }>({ list, columns, none }: Props<T>) {
  return (
    <>
      <Table<T>
        rowKey="id"
        size="small"
        columns={listColumns(columns)}
        dataSource={list.items}
        loading={list.loading}
        pagination={list.pagination}
        scroll={{ x: "max-content" }}
        locale={{ emptyText: <EmptyRows>{none}</EmptyRows> }}
      />
      {list.pager}
    </>
  );
}
