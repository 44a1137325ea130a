// 专技人员 (/professionals): the bureau looks a professional up by name or by the whole ID number (matched
// through its keyed hash on the server, never searched in plaintext) and opens their learning record.
import { useState } from "react";
import { Link } from "react-router-dom";
import { App, Button, Card, Form, Input, Popconfirm, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { ProfessionalView } from "../../../shared/delivery.js";
import { professionalLookupApi } from "../../api/endpoints";
import { ExportButton } from "../../components/ExportButton";
import { FilterButtons } from "../../components/FilterButtons";
import { IdNumberFilterItem } from "../../components/IdNumberFilterItem";
import { PageTitle } from "../../components/PageTitle";
import { ToneTag } from "../../components/ToneTag";
import { cleanFilters } from "../../components/usePagedList";
import { useKeysetList } from "../../components/useKeysetList";
import { formatInstant } from "../../format";
import { ClaimCodeModal, type ClaimSlip } from "./ClaimCodeModal";
import { PagedTable } from "./PagedTable";

interface Filter {
  keyword?: string;
  idNumber?: string;
}

export default function ProfessionalsPage() {
  const { t } = useTranslation();
  const list = useKeysetList(professionalLookupApi.list);
  const [filterForm] = Form.useForm<Filter>();
  const { message } = App.useApp();
  // issue 10 item 2: the bureau's verification — after checking identity in person it issues the code
  const [slips, setSlips] = useState<ClaimSlip[]>([]);
  const issueClaimCode = async (r: ProfessionalView) => {
    try {
      setSlips([{ name: r.name, ...(await professionalLookupApi.issueClaimCode(r.id)) }]);
    } catch (err) {
      void message.error(err instanceof Error ? err.message : String(err));
    }
  };

  const columns: TableColumnsType<ProfessionalView> = [
    { title: t("delivery.person.name"), dataIndex: "name", render: (v: string, r) => <Link to={`/professionals/${r.id}`}>{v}</Link> },
    { title: t("delivery.person.idNumber"), dataIndex: "idNumber", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
    { title: t("delivery.person.phone"), dataIndex: "phone", render: (v: string | null) => v ?? "—" },
    { title: t("delivery.person.employer"), dataIndex: "employer" },
    { title: t("delivery.person.title"), dataIndex: "title", render: (v: string) => v || "—" },
    { title: t("delivery.person.specialty"), dataIndex: "specialty", render: (v: string) => v || "—" },
    { title: t("delivery.professionals.username"), dataIndex: "username" },
    {
      title: t("delivery.professionals.account"),
      dataIndex: "claimed",
      render: (v: boolean) => <ToneTag tone={v ? "green" : "gold"}>{t(v ? "delivery.professionals.claimed" : "delivery.professionals.unclaimed")}</ToneTag>,
    },
    { title: t("delivery.professionals.createdAt"), dataIndex: "createdAt", render: (v: string) => formatInstant(v) },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, r) =>
        r.claimed ? null : (
          <Popconfirm title={t("delivery.claimCode.issueConfirm")} onConfirm={() => issueClaimCode(r)} okText={t("common.confirm")} cancelText={t("common.cancel")}>
            <Button size="small" aria-label={t("delivery.claimCode.issueOf", { name: r.name })}>
              {t("delivery.claimCode.issue")}
            </Button>
          </Popconfirm>
        ),
    },
  ];

  return (
    <>
      <PageTitle extra={<ExportButton href={professionalLookupApi.exportUrl(list.filters)} />}>{t("delivery.menu.professionals")}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filter>
          form={filterForm}
          name="professionalFilter"
          layout="inline"
          onFinish={(v) => list.setFilters(cleanFilters({ keyword: v.keyword, idNumber: v.idNumber?.trim().toUpperCase() }))}
        >
          <Form.Item label={t("delivery.person.name")} name="keyword">
            <Input allowClear maxLength={50} placeholder={t("delivery.professionals.nameHint")} />
          </Form.Item>
          <IdNumberFilterItem />
          <FilterButtons
            onReset={() => {
              filterForm.resetFields();
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <PagedTable<ProfessionalView> list={list} columns={columns} none={t("delivery.professionals.none")} />
      </Card>
      <ClaimCodeModal slips={slips} onClose={() => setSlips([])} />
    </>
  );
}
