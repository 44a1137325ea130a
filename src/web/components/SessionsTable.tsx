// The open sessions of one account: the owner's 登录设备 page and the security administrator's view of
// another account (issue 10 item 10). Revoking asks first; the current session cannot be revoked here.
import { Button, Popconfirm, Table, type TableColumnsType } from "antd";
import { ToneTag } from "./ToneTag";
import { useTranslation } from "react-i18next";
import type { AccountSession } from "../api/endpoints";
import { formatInstant } from "../format";

export function SessionsTable({ items, onRevoke }: { items: AccountSession[] | null; onRevoke: (id: string) => Promise<void> }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<AccountSession> = [
    {
      title: t("sessions.device"),
      dataIndex: "userAgent",
      render: (ua: string | null, row) => (
        <>
          {ua ?? t("sessions.unknownDevice")} {row.isCurrent && <ToneTag tone="blue">{t("sessions.current")}</ToneTag>}
        </>
      ),
    },
    { title: t("sessions.address"), dataIndex: "address", width: 140 },
    { title: t("sessions.createdAt"), dataIndex: "createdAt", width: 190, render: (v: string) => formatInstant(v) },
    { title: t("sessions.lastSeenAt"), dataIndex: "lastSeenAt", width: 190, render: (v: string) => formatInstant(v) },
    {
      title: t("common.actions"),
      key: "actions",
      width: 100,
      fixed: "right",
      render: (_, row) =>
        row.isCurrent ? null : (
          <Popconfirm title={t("sessions.revokeConfirm")} okText={t("common.confirm")} cancelText={t("common.cancel")} onConfirm={() => onRevoke(row.id)}>
            <Button danger size="small">
              {t("sessions.revoke")}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Table<AccountSession>
      rowKey="id"
      columns={columns}
      dataSource={items ?? []}
      loading={items === null}
      pagination={false}
      scroll={{ x: "max-content" }}
      locale={{ emptyText: t("sessions.none") }}
    />
  );
}
