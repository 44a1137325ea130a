// 基地名录 (signed in; the server scopes it): published bases with their status.
import { useTranslation } from "react-i18next";
import { baseApi } from "../../api/endpoints";
import { BaseList } from "../../components/BaseList";
import { PageTitle } from "../../components/PageTitle";

const linkTo = (id: string) => `/bases/${id}`;

export default function BasesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t("menu.bases")}</PageTitle>
      <BaseList load={baseApi.list} linkTo={linkTo} />
    </>
  );
}
