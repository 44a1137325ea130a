// 登录设备: the account's open sessions (等保: the owner sees where they are signed in and signs out
// what they do not recognise). The list is short (a handful per account), so it is not paged.
import { useCallback, useEffect, useState } from "react";
import { Alert, App, Button, Card, Popconfirm, Table, Tag, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { authApi, type AccountSession } from "../../api/endpoints";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { formatInstant } from "../../format";

export default function SessionsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [items, setItems] = useState<AccountSession[] | null>(null);

  const load = useCallback(() => {
    authApi
      .sessions()
      .then((res) => setItems(res.items))
      .catch(showError);
  }, [showError]);
  useEffect(load, [load]);

  const revoke = async (id: string) => {
    try {
      await authApi.revokeSession(id);
      void message.success(t("sessions.revoked"));
      load();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<AccountSession> = [
    {
      title: t("sessions.device"),
      dataIndex: "userAgent",
      render: (ua: string | null, row) => (
        <>
          {ua ?? t("sessions.unknownDevice")} {row.isCurrent && <Tag color="blue">{t("sessions.current")}</Tag>}
        </>
      ),
    },
    { title: t("sessions.address"), dataIndex: "address", width: 140 },
    { title: t("sessions.createdAt"), dataIndex: "createdAt", width: 190, render: (v: string) => formatInstant(v) },
    { title: t("sessions.lastSeenAt"), dataIndex: "lastSeenAt", width: 190, render: (v: string) => formatInstant(v) },
    {
      title: "",
      key: "actions",
      width: 100,
      render: (_, row) =>
        row.isCurrent ? null : (
          <Popconfirm title={t("sessions.revokeConfirm")} onConfirm={() => revoke(row.id)}>
            <Button danger size="small">
              {t("sessions.revoke")}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageTitle>{t("sessions.title")}</PageTitle>
      <Card>
        <Alert type="info" showIcon title={t("sessions.intro")} style={{ marginBottom: 16 }} />
        <Table<AccountSession> rowKey="id" columns={columns} dataSource={items ?? []} loading={items === null} pagination={false} />
      </Card>
    </>
  );
}
