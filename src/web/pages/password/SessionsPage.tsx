// 登录设备: the account's open sessions (等保: the owner sees where they are signed in and signs out
// what they do not recognise). The list is short (a handful per account), so it is not paged.
import { useCallback, useEffect, useState } from "react";
import { Alert, App, Card } from "antd";
import { useTranslation } from "react-i18next";
import { authApi, type AccountSession } from "../../api/endpoints";
import { PageTitle } from "../../components/PageTitle";
import { useShowError } from "../../components/useShowError";
import { SessionsTable } from "../../components/SessionsTable";

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

  return (
    <>
      <PageTitle>{t("sessions.title")}</PageTitle>
      <Card>
        <Alert type="info" showIcon title={t("sessions.intro")} style={{ marginBottom: 16 }} />
        <SessionsTable items={items} onRevoke={revoke} />
      </Card>
    </>
  );
}
