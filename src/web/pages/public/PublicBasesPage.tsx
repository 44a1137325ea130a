// 基地名录 (public): every published base, searchable by name, district and specialty.
import { useTranslation } from "react-i18next";
import { publicApi } from "../../api/endpoints";
import { BaseList } from "../../components/BaseList";
import { PageTitle } from "../../components/PageTitle";

const linkTo = (id: string) => `/public/bases/${id}`;

export default function PublicBasesPage() {
  const { t } = useTranslation();
  return (
    <>
      <PageTitle>{t("public.nav.bases")}</PageTitle>
      <BaseList load={publicApi.bases} linkTo={linkTo} showSupervisor={false} />
    </>
  );
}
