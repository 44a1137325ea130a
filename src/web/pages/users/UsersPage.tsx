// 用户管理 (bureau): accounts with their organization and roles; create/edit, disable/enable,
// reset password (temporary, changed at next sign-in), unlock after failed sign-ins, export; the
// security administrator also sees and ends an account's sessions (AccountSessionsModal).
// issue 11 item 6: staff accounts and professionals are listed apart (two tabs, ?kind= on the server),
// professionals with their employer (工作单位) and the ID number masked.
import { useState } from "react";
import { App, Button, Card, Form, Input, Popconfirm, Select, Space, Table, Tabs, type TableColumnsType } from "antd";
import { listColumns } from "../../components/listColumns";
import { ToneTag } from "../../components/ToneTag";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { ROLES } from "../../../shared/roles.js";
import { userApi } from "../../api/endpoints";
import type { UserView } from "../../api/types";
import { ExportButton } from "../../components/ExportButton";
import { PageTitle } from "../../components/PageTitle";
import { RemoteSelect, searchOrganizations } from "../../components/RemoteSelect";
import { RoleTags, StatusTag } from "../../components/tags";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { useShowError } from "../../components/useShowError";
import { formatInstant, isFuture } from "../../format";
import { useSession } from "../../session/SessionContext";
import { AccountSessionsModal } from "./AccountSessionsModal";
import { ResetPasswordModal } from "./ResetPasswordModal";
import { UserFormModal } from "./UserFormModal";
import { FilterButtons } from "../../components/FilterButtons";

type UserKind = "staff" | "professional";
const KINDS: readonly UserKind[] = ["staff", "professional"];

export default function UsersPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { session, can } = useSession();
  // issue 10 item 9: the system administrator edits accounts; the security administrator unlocks and resets 2FA
  const canEdit = can("user.edit");
  const canSecure = can("user.secure");
  const [kind, setKind] = useState<UserKind>("staff");
  const list = usePagedList(userApi.list, { kind: "staff" });
  const [editing, setEditing] = useState<UserView | null | undefined>(undefined);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const [viewingSessions, setViewingSessions] = useState<UserView | null>(null);
  const [filterForm] = Form.useForm();

  const act = async (fn: () => Promise<unknown>, done: string) => {
    try {
      await fn();
      void message.success(done);
      list.reload();
    } catch (err) {
      showError(err);
    }
  };

  const confirmButton = (title: string, label: string, onConfirm: () => Promise<void>, danger = false) => (
    <Popconfirm title={title} okText={t("common.confirm")} cancelText={t("common.cancel")} onConfirm={onConfirm}>
      <Button type="link" danger={danger}>
        {label}
      </Button>
    </Popconfirm>
  );

  const columns: TableColumnsType<UserView> = [
    { title: t("user.username"), dataIndex: "username" },
    { title: t("user.displayName"), dataIndex: "displayName" },
    ...(kind === "professional"
      ? [
          { title: t("people.employer"), dataIndex: "employer", render: (v: string | null) => v || "—" },
          { title: t("user.idNumber"), dataIndex: "idNumber", render: (v: string | null) => <span style={{ fontFamily: "monospace" }}>{v ?? "—"}</span> },
        ]
      : [{ title: t("user.org"), dataIndex: "orgName" }]),
    { title: t("user.roles"), dataIndex: "roles", render: (roles: UserView["roles"]) => <RoleTags roles={roles} /> },
    {
      title: t("common.status"),
      dataIndex: "status",
      render: (v: UserView["status"], r) => (
        <Space size={4} wrap>
          <StatusTag status={v} />
          {r.mustChangePassword && <ToneTag tone="gold">{t("user.mustChange")}</ToneTag>}
        </Space>
      ),
    },
    {
      title: t("user.lockedUntil"),
      dataIndex: "lockedUntil",
      render: (v: string | null) => (isFuture(v) ? <ToneTag tone="red">{formatInstant(v)}</ToneTag> : "—"),
    },
    { title: t("user.lastLogin"), dataIndex: "lastLoginAt", render: (v: string | null) => formatInstant(v) || "—" },
    {
      title: t("common.actions"),
      key: "actions",
     
      render: (_, r) => {
        const active = r.status === "active";
        const isSelf = r.id === session?.user.id;
        return (
          <Space size={0} wrap>
            {canEdit && (
              <Button type="link" onClick={() => setEditing(r)}>
                {t("common.edit")}
              </Button>
            )}
            {canEdit && !isSelf &&
              confirmButton(
                active ? t("user.confirmDisable", { name: r.displayName }) : t("user.confirmEnable", { name: r.displayName }),
                active ? t("common.disable") : t("common.enable"),
                () => act(() => userApi.setEnabled(r.id, !active, r.version), active ? t("common.disabledDone") : t("common.enabledDone")),
                active,
              )}
            {canEdit && (
              <Button type="link" onClick={() => setResetting(r)}>
                {t("user.resetPassword")}
              </Button>
            )}
            {canSecure && (
              <Button type="link" onClick={() => setViewingSessions(r)}>
                {t("user.sessions")}
              </Button>
            )}
            {canSecure &&
              confirmButton(t("user.confirmResetTotp", { name: r.displayName }), t("user.resetTotp"), () =>
                act(() => userApi.resetTotp(r.id), t("user.resetTotpDone")),
              )}
            {canSecure && isFuture(r.lockedUntil) &&
              confirmButton(t("user.confirmUnlock", { name: r.displayName }), t("user.unlock"), () =>
                act(() => userApi.unlock(r.id, r.version), t("user.unlockDone")),
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
          <Space wrap>
            <ExportButton href={userApi.exportUrl(list.filters)} />
            {canEdit && (
              <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing(null)}>
                {t("common.create")}
              </Button>
            )}
          </Space>
        }
      >
        {t("menu.users")}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form form={filterForm} name="userFilter" layout="inline" onFinish={(v: Record<string, unknown>) => list.setFilters({ ...cleanFilters(v), kind })}>
          <Form.Item label={t("user.role")} name="role">
            <Select allowClear style={{ width: 150 }} options={ROLES.map((r) => ({ value: r, label: t(`roles.${r}`) }))} />
          </Form.Item>
          <Form.Item label={t("user.org")} name="orgId">
            <RemoteSelect allowClear style={{ width: 220 }} search={searchOrganizations} />
          </Form.Item>
          <Form.Item label={t("common.status")} name="status">
            <Select
              allowClear
              style={{ width: 120 }}
              options={(["active", "disabled"] as const).map((v) => ({ value: v, label: t(`status.${v}`) }))}
            />
          </Form.Item>
          <Form.Item label={t("common.keyword")} name="q">
            <Input allowClear maxLength={50} placeholder={t("user.keywordHint")} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              list.setFilters({ kind });
            }}
          />
        </Form>
      </Card>
      <Card>
        <Tabs
          activeKey={kind}
          onChange={(k) => {
            setKind(k as UserKind);
            list.setFilters({ ...list.filters, kind: k });
          }}
          items={KINDS.map((k) => ({ key: k, label: t(`people.kind.${k}`) }))}
        />
        <Table<UserView>
          rowKey="id"
          columns={listColumns(columns)}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: "max-content" }}
        />
      </Card>
      <UserFormModal
        open={editing !== undefined}
        user={editing ?? null}
        onClose={() => setEditing(undefined)}
        onSaved={() => {
          setEditing(undefined);
          list.reload();
        }}
      />
      <AccountSessionsModal user={viewingSessions} onClose={() => setViewingSessions(null)} />
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
