// 会话管理 (security administrator, issue 10 items 9 and 10): another account's open sessions, each
// ended on its own or all at once, after a confirmation. Every ending is audited by the server.
import { useCallback, useEffect, useState } from "react";
import { App, Button, Modal, Popconfirm, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { userApi, type AccountSession } from "../../api/endpoints";
import type { UserView } from "../../api/types";
import { SessionsTable } from "../../components/SessionsTable";
import { useShowError } from "../../components/useShowError";

export function AccountSessionsModal({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const [items, setItems] = useState<AccountSession[] | null>(null);
  const [ending, setEnding] = useState(false);

  const load = useCallback(() => {
    if (!user) return;
    setItems(null);
    userApi
      .sessions(user.id)
      .then((res) => setItems(res.items))
      .catch((err) => {
        setItems([]);
        showError(err);
      });
  }, [user, showError]);
  useEffect(load, [load]);

  const revoke = async (sessionId: string) => {
    if (!user) return;
    try {
      await userApi.revokeSession(user.id, sessionId);
      void message.success(t("sessions.revoked"));
    } catch (err) {
      showError(err);
    }
    load();
  };

  const revokeAll = async () => {
    if (!user || !items) return;
    setEnding(true);
    try {
      // the administrator's own current session stays: ending it would sign them out half way through
      for (const s of items.filter((i) => !i.isCurrent)) await userApi.revokeSession(user.id, s.id);
      void message.success(t("sessions.allRevoked"));
    } catch (err) {
      showError(err);
    } finally {
      setEnding(false);
      load();
    }
  };

  return (
    <Modal
      open={!!user}
      title={t("sessions.ofAccount", { name: user?.displayName ?? "", username: user?.username ?? "" })}
      onCancel={onClose}
      footer={<Button onClick={onClose}>{t("common.close")}</Button>}
      width={900}
      destroyOnHidden
    >
      <Space direction="vertical" style={{ width: "100%" }}>
        <Typography.Paragraph type="secondary" style={{ marginBottom: 0 }}>
          {t("sessions.adminIntro")}
        </Typography.Paragraph>
        <Popconfirm
          title={t("sessions.revokeAllConfirm", { name: user?.displayName ?? "" })}
          okText={t("common.confirm")}
          cancelText={t("common.cancel")}
          onConfirm={revokeAll}
          disabled={!items?.some((i) => !i.isCurrent)}
        >
          <Button danger loading={ending} disabled={!items?.some((i) => !i.isCurrent)}>
            {t("sessions.revokeAll")}
          </Button>
        </Popconfirm>
        <SessionsTable items={items} onRevoke={revoke} />
      </Space>
    </Modal>
  );
}
