// 本单位人员 (第十五条 "配备专门人员"): a base's staff keep their own organization's base staff accounts —
// list, add, disable or enable (confirmed first), reset a password (a temporary one, changed at the next
// sign-in). The server shows and lets them touch nothing else. Status and actions stay visible at 375 px.
import { useState } from "react";
import { Alert, App, Button, Card, Popconfirm, Space, Table, Tag, type TableColumnsType } from "antd";
import { listColumns } from "../../../components/listColumns";
import { ToneTag } from "../../../components/ToneTag";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { userApi } from "../../../api/endpoints";
import type { UserView } from "../../../api/types";
import { PageTitle } from "../../../components/PageTitle";
import { StatusTag } from "../../../components/tags";
import { usePagedList } from "../../../components/usePagedList";
import { useShowError } from "../../../components/useShowError";
import { formatInstant } from "../../../format";
import { useSession } from "../../../session/SessionContext";
import { ResetPasswordModal } from "../../users/ResetPasswordModal";
import { NewStaffModal } from "./NewStaffModal";

const listStaff = (query: Record<string, string | number | boolean | null | undefined>) => userApi.list({ ...query, role: "base_staff" });

export default function StaffPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { session } = useSession();
  const list = usePagedList(listStaff);
  const [creating, setCreating] = useState(false);
  const [resetting, setResetting] = useState<UserView | null>(null);

  const setEnabled = async (u: UserView, enabled: boolean) => {
    try {
      await userApi.setEnabled(u.id, enabled, u.version);
      void message.success(t(enabled ? "supervision.staff.enabled" : "supervision.staff.disabled", { name: u.displayName }));
      list.reload();
    } catch (err) {
      showError(err);
    }
  };

  const columns: TableColumnsType<UserView> = [
    {
      title: t("user.displayName"),
      dataIndex: "displayName",
      render: (v: string, r) => (
        <Space size={4} wrap>
          {v}
          {r.id === session?.user.id && <Tag>{t("supervision.staff.self")}</Tag>}
        </Space>
      ),
    },
    { title: t("user.username"), dataIndex: "username", responsive: ["sm"] },
    { title: t("user.phone"), dataIndex: "phone", render: (v: string | null) => v ?? "—", responsive: ["md"] },
    { title: t("user.lastLogin"), dataIndex: "lastLoginAt", render: (v: string | null) => formatInstant(v) || "—", responsive: ["lg"] },
    {
      title: t("supervision.staff.status"),
      dataIndex: "status",
     
      render: (v: UserView["status"], r) => (
        <Space size={4} wrap>
          <StatusTag status={v} />
          {r.mustChangePassword && <ToneTag tone="gold">{t("user.mustChange")}</ToneTag>}
        </Space>
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
     
      render: (_, r) => {
        if (r.id === session?.user.id) return null;
        const active = r.status === "active";
        return (
          <Space size={0} wrap>
            <Popconfirm
              title={t(active ? "user.confirmDisable" : "user.confirmEnable", { name: r.displayName })}
              okText={t("common.confirm")}
              cancelText={t("common.cancel")}
              onConfirm={() => setEnabled(r, !active)}
            >
              <Button type="link" danger={active}>
                {t(active ? "supervision.staff.disable" : "supervision.staff.enable")}
              </Button>
            </Popconfirm>
            {active && (
              <Button type="link" onClick={() => setResetting(r)}>
                {t("user.resetPassword")}
              </Button>
            )}
          </Space>
        );
      },
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
            {t("supervision.staff.create")}
          </Button>
        }
      >
        {t("supervision.staff.title")}
      </PageTitle>
      <Alert type="info" showIcon style={{ marginBottom: 16 }} title={t("supervision.staff.hint")} />
      <Card>
        <Table<UserView> rowKey="id" columns={listColumns(columns)} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />
      </Card>
      {session && (
        <NewStaffModal
          open={creating}
          orgId={session.user.orgId}
          onClose={() => setCreating(false)}
          onDone={(u) => {
            setCreating(false);
            void message.success(t("supervision.staff.created", { name: u.displayName }));
            list.reload();
          }}
        />
      )}
      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={() => {
          setResetting(null);
          list.reload();
        }}
      />
    </>
  );
}
