// 证书核验 (public, no sign-in): anyone checks a completion certificate or an hours statement by its
// serial or code.
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { PageTitle } from "../../components/PageTitle";
import { VerifyForms } from "./VerifyForms";

export default function PublicVerifyPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t("verify.title")}</PageTitle>
      <Typography.Paragraph type="secondary">{t("verify.intro")}</Typography.Paragraph>
      <VerifyForms />
    </>
  );
}
