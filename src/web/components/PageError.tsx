// What a page that fails while drawing shows instead of React Router's developer screen: a plain
// message, a way back, and nothing technical (the details go to the browser console only).
import { Button, Result } from "antd";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useRouteError } from "react-router-dom";

export function PageError() {
  const { t } = useTranslation();
  const error = useRouteError();
  useEffect(() => console.error(error), [error]);
  return (
    <Result
      status="error"
      title={t("common.pageErrorTitle")}
      subTitle={t("common.pageError")}
      extra={[
        <Button key="reload" onClick={() => window.location.reload()}>
          {t("common.reload")}
        </Button>,
        <Button key="home" type="primary" href="/">
          {t("common.backHome")}
        </Button>,
      ]}
    />
  );
}
