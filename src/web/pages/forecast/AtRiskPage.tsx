// 学时未达标风险人员 (issue 12 item 5; 第二十四条): the bureau's list of professionals likely to miss the
// year — short even once the courses they enrolled in are credited — the largest gap first, filtered by
// year, district, employer and specialty, exported whole to Excel. ID numbers are masked. On a phone the
// rows become cards (ResponsiveTable).
import { useMemo, useState } from "react";
import { Link } from "react-router-dom";
import { Card, Form, Input, InputNumber, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { forecastApi, type AtRiskProfessionalView } from "../../api/forecast";
import { ExportButton } from "../../components/ExportButton";
import { listColumns } from "../../components/listColumns";
import { FilterButtons } from "../../components/FilterButtons";
import { PageTitle } from "../../components/PageTitle";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { useBusinessToday } from "../filing/useFilingData";

interface Filter {
  year?: number;
  district?: string;
  employer?: string;
  specialty?: string;
}

export default function AtRiskPage() {
  const { t } = useTranslation();
  const thisYear = Number(useBusinessToday().slice(0, 4));
  const [initial] = useState<Filter>(() => ({ year: thisYear }));
  const list = usePagedList(forecastApi.atRisk, cleanFilters({ ...initial }));
  const [form] = Form.useForm<Filter>();

  const columns: TableColumnsType<AtRiskProfessionalView> = useMemo(
    () => [
      {
        title: t("forecast.atRisk.name"),
        dataIndex: "name",
        key: "name",
        // the person's learning record, where the bureau sees the entries behind the figures
        render: (v: string, r) => <Link to={`/professionals/${r.professionalId}`}>{v}</Link>,
      },
      { title: t("forecast.atRisk.idNumber"), dataIndex: "idNumber", responsive: ["md"] },
      { title: t("forecast.atRisk.employer"), dataIndex: "employer" },
      { title: t("forecast.atRisk.specialty"), dataIndex: "specialty" },
      { title: t("forecast.atRisk.district"), dataIndex: "district", responsive: ["lg"] },
      { title: t("forecast.atRisk.earned"), dataIndex: ["earned", "totalHours"], align: "right" },
      { title: t("forecast.atRisk.enrolled"), dataIndex: "enrolledHours", align: "right" },
      { title: t("forecast.atRisk.shortGeneral"), dataIndex: ["shortfall", "generalHours"], align: "right" },
      { title: t("forecast.atRisk.shortProfessional"), dataIndex: ["shortfall", "professionalHours"], align: "right" },
      { title: t("forecast.atRisk.shortTotal"), dataIndex: ["shortfall", "totalHours"], align: "right" },
    ],
    [t],
  );

  return (
    <>
      <PageTitle extra={<ExportButton href={forecastApi.atRiskExportUrl(list.filters)} />}>{t("forecast.atRisk.title")}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filter> form={form} name="atRiskFilter" layout="inline" initialValues={initial} onFinish={(v) => list.setFilters(cleanFilters({ ...v }))}>
          <Form.Item label={t("forecast.atRisk.year")} name="year">
            <InputNumber min={1990} max={2099} style={{ width: 100 }} />
          </Form.Item>
          <Form.Item label={t("forecast.atRisk.district")} name="district">
            <Input allowClear maxLength={50} style={{ width: 140 }} />
          </Form.Item>
          <Form.Item label={t("forecast.atRisk.employer")} name="employer">
            <Input allowClear maxLength={100} style={{ width: 180 }} />
          </Form.Item>
          <Form.Item label={t("forecast.atRisk.specialty")} name="specialty">
            <Input allowClear maxLength={50} style={{ width: 140 }} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              form.setFieldsValue({ year: thisYear, district: undefined, employer: undefined, specialty: undefined });
              list.setFilters(cleanFilters({ year: thisYear }));
            }}
          />
        </Form>
      </Card>
      <Card>
        <ResponsiveTable<AtRiskProfessionalView>
          rowKey="professionalId"
          cardTitle="name"
          columns={listColumns(columns)}
          dataSource={list.items}
          loading={list.loading}
          pagination={list.pagination}
          scroll={{ x: "max-content" }}
        />
      </Card>
    </>
  );
}
