// The drawn bases, each with the inspectors drawn for it (双随机), in draw order.
import { Table, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";

interface Props {
  bases: ReadonlyArray<{ id: string; name: string }>;
  inspectors: ReadonlyArray<{ name: string; baseId: string }>;
}

interface Row {
  id: string;
  n: number;
  name: string;
  inspectors: string;
}

export function DrawnTable({ bases, inspectors }: Props) {
  const { t } = useTranslation();
  const rows: Row[] = bases.map((b, i) => ({
    id: b.id,
    n: i + 1,
    name: b.name,
    inspectors: inspectors
      .filter((x) => x.baseId === b.id)
      .map((x) => x.name)
      .join("、"),
  }));
  const showInspectors = inspectors.length > 0;
  const columns: TableColumnsType<Row> = [
    { title: t("supervision.spotChecks.position"), dataIndex: "n", width: 56 },
    { title: t("supervision.spotChecks.drawnBases"), dataIndex: "name" },
    ...(showInspectors ? [{ title: t("supervision.spotChecks.drawnInspectors"), dataIndex: "inspectors" }] : []),
  ];
  return <Table<Row> rowKey="id" size="small" columns={columns} dataSource={rows} pagination={false} />;
}
