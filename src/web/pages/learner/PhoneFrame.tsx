// A minimal frame for pages opened on a phone from a QR code (the check-in page): the service's name,
// the language switch and the page, without the side menu of the signed-in app.
import type { ReactNode } from "react";
import { Flex, Typography, theme } from "antd";
import { useTranslation } from "react-i18next";
import { LanguageSwitch } from "../../components/LanguageSwitch";

export function PhoneFrame({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div style={{ minHeight: "100vh", background: token.colorBgLayout }}>
      <header style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}`, padding: "12px 16px" }}>
        <Flex justify="space-between" align="center" gap={8} wrap>
          <Typography.Text strong style={{ fontSize: 16, color: token.colorPrimary }}>
            {t("app.shortTitle")}
          </Typography.Text>
          <LanguageSwitch />
        </Flex>
      </header>
      <main style={{ maxWidth: 560, margin: "0 auto", padding: 12 }}>{children}</main>
    </div>
  );
}
