// A professional's learning record as the bureau sees it (/professionals/:id, 第二十四条): who they are,
// hours per year against the requirement, the chosen year's 公需/专业/total with what is missing, and
// every entry with its source, and the hours statements (学时证明) already issued to them. The bureau may
// issue a new statement of the year for them, confirmed first.
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router-dom";
import { App, Breadcrumb, Card, Descriptions, Select, Skeleton, Space } from "antd";
import { useTranslation } from "react-i18next";
import type { LearningRecordView, LearningYearSummary } from "../../../shared/delivery.js";
import type { Query } from "../../api/client";
import { professionalLookupApi } from "../../api/endpoints";
import { NotFound } from "../../components/NotFound";
import { PageTitle } from "../../components/PageTitle";
import { PrintButton } from "../../components/PrintButton";
import { usePagedList } from "../../components/usePagedList";
import { useShowError } from "../../components/useShowError";
import { useBusinessToday, useRecord } from "../filing/useFilingData";
import { EntriesTable } from "../learner/EntriesTable";
import { HoursChart } from "../learner/HoursChart";
import { RecordSummary } from "../learner/RecordSummary";
import { IssueStatementButton, StatementsTable } from "../learner/StatementsList";
import { IdNumberReveal } from "./IdNumberReveal";

export default function ProfessionalRecordPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const today = useBusinessToday();
  const { view: person, notFound } = useRecord(professionalLookupApi.get, id);
  const [year, setYear] = useState<number | null>(null);
  const [years, setYears] = useState<LearningYearSummary[]>([]);
  const [record, setRecord] = useState<LearningRecordView | null>(null);
  const [issuing, setIssuing] = useState(false);
  const shownYear = year ?? Number(today.slice(0, 4));
  const statements = usePagedList(useCallback((q: Query) => professionalLookupApi.statements(id, q), [id]));

  useEffect(() => {
    let live = true;
    professionalLookupApi
      .years(id)
      .then((ys) => live && setYears(ys))
      .catch((err: unknown) => live && showError(err));
    return () => {
      live = false;
    };
  }, [id, showError]);

  useEffect(() => {
    let live = true;
    setRecord(null);
    professionalLookupApi
      .record(id, shownYear)
      .then((r) => live && setRecord(r))
      .catch((err: unknown) => live && showError(err));
    return () => {
      live = false;
    };
  }, [id, shownYear, showError]);

  if (notFound) return <NotFound />;
  if (!person) return <Skeleton active />;

  const yearOptions = [...new Set([...years.map((y) => y.year), shownYear, Number(today.slice(0, 4))])].sort((a, b) => b - a);

  const issueStatement = async () => {
    setIssuing(true);
    try {
      const statement = await professionalLookupApi.issueStatement(id, shownYear);
      void message.success(t("delivery.professionals.statementIssued", { code: statement.code }));
      window.open(statement.pdfUrl, "_blank", "noopener");
      statements.reload();
    } catch (err) {
      showError(err);
    } finally {
      setIssuing(false);
    }
  };

  return (
    <>
      <Breadcrumb
        className="no-print"
        style={{ marginBottom: 8 }}
        items={[{ key: "list", title: <Link to="/professionals">{t("delivery.menu.professionals")}</Link> }, { key: "person", title: person.name }]}
      />
      <PageTitle
        extra={
          <Space wrap className="no-print">
            <PrintButton />
            <IssueStatementButton
              year={shownYear}
              issuing={issuing}
              primary={false}
              label={t("delivery.professionals.issueStatement", { year: shownYear })}
              onConfirm={() => void issueStatement()}
            />
          </Space>
        }
      >
        {t("delivery.professionals.recordTitle", { name: person.name })}
      </PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: "name", label: t("delivery.person.name"), children: person.name },
            { key: "id", label: t("delivery.person.idNumber"), children: <IdNumberReveal professionalId={person.id} masked={person.idNumber} canReveal={person.canReveal} /> },
            { key: "employer", label: t("delivery.person.employer"), children: person.employer },
            { key: "title", label: t("delivery.person.title"), children: person.title || "—" },
            { key: "specialty", label: t("delivery.person.specialty"), children: person.specialty || "—" },
            { key: "phone", label: t("delivery.person.phone"), children: person.phone ?? "—" },
          ]}
        />
      </Card>
      {years.length > 0 && (
        <Card title={t("delivery.professionals.yearsTitle")} style={{ marginBottom: 16 }}>
          <HoursChart years={years} selectedYear={shownYear} onSelectYear={setYear} />
        </Card>
      )}
      <Card
        title={t("delivery.professionals.yearTitle", { year: shownYear })}
        extra={
          <Space className="no-print">
            <label htmlFor="record-year">{t("delivery.professionals.year")}</label>
            <Select id="record-year" style={{ width: 110 }} value={shownYear} options={yearOptions.map((y) => ({ value: y, label: String(y) }))} onChange={setYear} />
          </Space>
        }
      >
        {!record ? (
          <Skeleton active />
        ) : (
          <>
            <RecordSummary record={record} />
            <div style={{ marginTop: 16 }}>
              <EntriesTable entries={record.entries} />
            </div>
          </>
        )}
      </Card>
      <Card title={t("learner.statements.title")} style={{ marginTop: 16 }}>
        <StatementsTable list={statements} />
      </Card>
    </>
  );
}
