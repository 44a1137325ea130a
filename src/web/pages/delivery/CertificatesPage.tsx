// 证书查询 (/certificates): every certificate the reader may see — the bureau the city's, a supervising unit
// its bases', a base its own — newest first, found by the holder's name, the whole ID number (matched by
// its keyed hash on the server, never searched in plaintext) or the serial printed on the paper; with the
// PDF, the public verification page and 撤销 where the reader may revoke (第十七条, 第二十条).
import { Card, Form, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { CertificateView } from "../../../shared/delivery.js";
import { completionApi } from "../../api/endpoints";
import { FilterButtons } from "../../components/FilterButtons";
import { IdNumberFilterItem } from "../../components/IdNumberFilterItem";
import { PageTitle } from "../../components/PageTitle";
import { cleanFilters } from "../../components/usePagedList";
import { useKeysetList } from "../../components/useKeysetList";
import { CertificatesTable } from "./CertificatesCard";

interface Filter {
  keyword?: string;
  idNumber?: string;
  status?: CertificateView["status"];
}

export default function CertificatesPage() {
  const { t } = useTranslation();
  const list = useKeysetList(completionApi.searchCertificates);
  const [filterForm] = Form.useForm<Filter>();

  return (
    <>
      <PageTitle>{t("delivery.menu.certificates")}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filter>
          form={filterForm}
          name="certificateFilter"
          layout="inline"
          onFinish={(v) => list.setFilters(cleanFilters({ keyword: v.keyword?.trim(), idNumber: v.idNumber?.trim().toUpperCase(), status: v.status }))}
        >
          <Form.Item label={t("delivery.certificateSearch.keyword")} name="keyword">
            <Input allowClear maxLength={50} placeholder={t("delivery.certificateSearch.keywordHint")} />
          </Form.Item>
          <IdNumberFilterItem />
          <Form.Item label={t("common.status")} name="status">
            <Select
              allowClear
              style={{ width: 120 }}
              options={(["valid", "revoked"] as const).map((s) => ({ value: s, label: t(`delivery.certificateStatus.${s}`) }))}
            />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <CertificatesTable list={list} none={t("delivery.certificateSearch.none")} withProject />
      </Card>
    </>
  );
}
