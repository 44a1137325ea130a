// Table on desktop, cards on a phone (issue 11 item 8): below antd's `md` breakpoint each row becomes a
// small card whose lines are the table's own columns (title: rendered cell), so a page keeps one column
// definition for both and nothing is wider than a 375 px screen.
import type { ReactNode } from "react";
import { Card, Descriptions, Empty, Grid, Skeleton, Space, Table, type TableColumnType, type TableProps } from "antd";

/** True below the `md` breakpoint (phones), once the screen size is known. */
export function useIsPhone(): boolean {
  const screens = Grid.useBreakpoint();
  return screens.md === false;
}

type Row = object;

function cellOf<T extends Row>(col: TableColumnType<T>, row: T, index: number): ReactNode {
  const path = col.dataIndex;
  const value: unknown =
    path === undefined || path === null
      ? undefined
      : (Array.isArray(path) ? path : [path]).reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[String(k)] : undefined), row);
  if (col.render) return col.render(value, row, index) as ReactNode;
  return value === undefined || value === null ? "" : (value as ReactNode);
}

export interface ResponsiveTableProps<T extends Row> extends TableProps<T> {
  /** the column whose cell is the card's title (by key or dataIndex); the first column otherwise */
  cardTitle?: string;
  /** shown under the cards on a phone, in place of the table's summary row */
  cardFooter?: ReactNode;
}

export function ResponsiveTable<T extends Row>({ cardTitle, cardFooter, ...props }: ResponsiveTableProps<T>) {
  const isPhone = useIsPhone();
  if (!isPhone) return <Table<T> {...props} />;
  const rows = [...(props.dataSource ?? [])];
  const columns = (props.columns ?? []).filter((c): c is TableColumnType<T> => !("children" in c));
  const keyOf = (c: TableColumnType<T>) => String(c.key ?? (Array.isArray(c.dataIndex) ? c.dataIndex.join(".") : (c.dataIndex ?? "")));
  const titleCol = columns.find((c) => cardTitle !== undefined && keyOf(c) === cardTitle) ?? columns[0];
  const rowKey = (r: T, i: number): string =>
    typeof props.rowKey === "function" ? String(props.rowKey(r, i)) : String((r as Record<string, unknown>)[String(props.rowKey ?? "key")] ?? i);
  const empty = props.locale?.emptyText;
  if (rows.length === 0 && props.loading) return <Skeleton active />;
  if (rows.length === 0) return typeof empty === "function" ? <>{empty()}</> : empty ? <>{empty}</> : <Empty />;
  return (
    <Space orientation="vertical" size={8} style={{ width: "100%" }} role="list">
      {rows.map((r, i) => (
        <Card key={rowKey(r, i)} size="small" role="listitem" title={titleCol ? <span style={{ whiteSpace: "normal" }}>{cellOf(titleCol, r, i)}</span> : undefined}>
          <Descriptions
            size="small"
            column={1}
            items={columns
              .filter((c) => c !== titleCol)
              .map((c) => ({ key: keyOf(c), label: c.title as ReactNode, children: cellOf(c, r, i) }))}
          />
        </Card>
      ))}
      {cardFooter}
    </Space>
  );
}
