// 学习档案 (第二十四条; 人社部令第25号): the professional's hours of a year — by subject, against the
// requirement, entry by entry — the chart of every year, declarations of other recognised forms, and
// the hours statements (学时证明) already issued, and issuing a new one (confirmed first).
import { useCallback, useEffect, useMemo, useState } from "react";
import { Button, Card, Flex, Select, Skeleton, Space, Typography } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { DeclarationView, HoursStatementView, LearningRecordView, LearningYearSummary } from "../../../shared/delivery.js";
import { myRecordApi } from "../../api/endpoints";
import { PageTitle } from "../../components/PageTitle";
import { usePagedList } from "../../components/usePagedList";
import { useShowError } from "../../components/useShowError";
import { useBusinessToday } from "../filing/useFilingData";
import { DeclarationModal } from "./DeclarationModal";
import { DeclarationsTable } from "./DeclarationsTable";
import { EntriesTable } from "./EntriesTable";
import { ForecastCard } from "./ForecastCard";
import { HoursChart } from "./HoursChart";
import { RecordSummary } from "./RecordSummary";
import { StatementModal } from "./StatementModal";
import { IssueStatementButton, StatementsTable } from "./StatementsList";

const heading = (text: string) => (
  <Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>
    {text}
  </Typography.Title>
);

export default function LearningRecordPage() {
  const { t } = useTranslation();
  const showError = useShowError();
  const today = useBusinessToday();
  const thisYear = Number(today.slice(0, 4));
  const [chosenYear, setChosenYear] = useState<number | null>(null);
  const year = chosenYear ?? thisYear;
  const [record, setRecord] = useState<LearningRecordView | null>(null);
  const [years, setYears] = useState<LearningYearSummary[]>([]);
  const [declarations, setDeclarations] = useState<DeclarationView[] | null>(null);
  const [declaring, setDeclaring] = useState(false);
  const [statement, setStatement] = useState<HoursStatementView | null>(null);
  const [issuing, setIssuing] = useState(false);
  const statements = usePagedList(myRecordApi.statements);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);

  useEffect(() => {
    let live = true;
    setRecord(null);
    myRecordApi
      .record(year)
      .then((r) => live && setRecord(r))
      .catch((err: unknown) => live && showError(err));
    return () => {
      live = false;
    };
  }, [year, tick, showError]);

  useEffect(() => {
    let live = true;
    myRecordApi
      .years()
      .then((y) => live && setYears(y))
      .catch((err: unknown) => live && showError(err));
    myRecordApi
      .declarations({ pageSize: 100 })
      .then((d) => live && setDeclarations(d))
      .catch((err: unknown) => {
        if (!live) return;
        setDeclarations([]);
        showError(err);
      });
    return () => {
      live = false;
    };
  }, [tick, showError]);

  // The years with a record, this year and the five before it, newest first.
  const yearOptions = useMemo(() => {
    const set = new Set<number>(years.map((y) => y.year));
    for (let y = thisYear; y > thisYear - 6; y--) set.add(y);
    set.add(year);
    return [...set].sort((a, b) => b - a).map((y) => ({ value: y, label: t("learner.record.yearOption", { year: y }) }));
  }, [years, thisYear, year, t]);

  const issueStatement = async () => {
    setIssuing(true);
    try {
      setStatement(await myRecordApi.statement(year));
      statements.reload();
    } catch (err) {
      showError(err);
    } finally {
      setIssuing(false);
    }
  };

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button icon={<PlusOutlined />} onClick={() => setDeclaring(true)}>
              {t("learner.declaration.open")}
            </Button>
            <IssueStatementButton year={year} issuing={issuing} onConfirm={() => void issueStatement()} />
          </Space>
        }
      >
        {t("learner.record.title")}
      </PageTitle>
      <Flex align="center" gap={8} style={{ marginBottom: 16 }}>
        <label htmlFor="record-year">{t("learner.record.year")}</label>
        <Select id="record-year" value={year} options={yearOptions} onChange={setChosenYear} style={{ width: 140 }} />
      </Flex>
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <Card title={heading(t("learner.record.yearTitle", { year }))}>{record ? <RecordSummary record={record} /> : <Skeleton active />}</Card>
        {year >= thisYear && <ForecastCard year={year} />}
        <Card title={heading(t("learner.record.chartTitle"))}>
          <HoursChart years={years} selectedYear={year} onSelectYear={setChosenYear} />
        </Card>
        <Card title={heading(t("learner.record.entriesTitle", { year }))}>{record ? <EntriesTable trainingsPath="/trainings" entries={record.entries} /> : <Skeleton active />}</Card>
        <Card title={heading(t("learner.statements.title"))}>
          <Typography.Paragraph type="secondary">{t("learner.statements.hint")}</Typography.Paragraph>
          <StatementsTable list={statements} />
        </Card>
        <Card title={heading(t("learner.declaration.listTitle"))}>
          <Typography.Paragraph type="secondary">{t("learner.declaration.listHint")}</Typography.Paragraph>
          <DeclarationsTable items={declarations ?? []} loading={declarations === null} />
        </Card>
      </Space>
      {declaring && (
        <DeclarationModal
          year={year}
          today={today}
          onClose={(saved) => {
            setDeclaring(false);
            if (saved) reload();
          }}
        />
      )}
      {statement && (
        <StatementModal
          statement={statement}
          onClose={() => setStatement(null)}
        />
      )}
    </>
  );
}
