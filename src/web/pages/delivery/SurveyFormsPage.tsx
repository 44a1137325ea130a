// 评估问卷 (/survey-forms, the bureau): the versions of the training evaluation questionnaire, each in
// force from its date, newest first, with their questions; a new version starts from the latest one.
import { useCallback, useEffect, useState } from "react";
import { App, Button, Card, Table, Typography, type TableColumnsType } from "antd";
import { PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { SurveyFormView, SurveyQuestion } from "../../../shared/delivery.js";
import { surveyFormApi } from "../../api/endpoints";
import { PageTitle } from "../../components/PageTitle";
import { ToneTag } from "../../components/ToneTag";
import { useShowError } from "../../components/useShowError";
import { formatDate, formatInstant } from "../../format";
import { useSession } from "../../session/SessionContext";
import { useBusinessToday } from "../filing/useFilingData";
import { SurveyFormModal } from "./SurveyFormModal";

function QuestionsTable({ questions }: { questions: SurveyQuestion[] }) {
  const { t } = useTranslation();
  const q = (k: string) => t(`delivery.surveyForms.question.${k}`);
  return (
    <Table<SurveyQuestion>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={questions}
      columns={[
        { title: "#", key: "n", width: 48, render: (_, __, i) => i + 1 },
        { title: q("label"), dataIndex: "label" },
        { title: q("key"), dataIndex: "key", render: (v: string) => <code>{v}</code> },
        { title: q("kind"), dataIndex: "kind", render: (v: SurveyQuestion["kind"]) => q(v) },
        { title: q("required"), dataIndex: "required", render: (v: boolean) => t(v ? "common.yes" : "common.no") },
      ]}
    />
  );
}

export default function SurveyFormsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const showError = useShowError();
  const { can } = useSession();
  const today = useBusinessToday();
  const [forms, setForms] = useState<SurveyFormView[] | null>(null);
  const [creating, setCreating] = useState(false);

  const load = useCallback(() => {
    surveyFormApi
      .list()
      .then((r) => setForms([...r.items].sort((a, b) => b.effectiveFrom.localeCompare(a.effectiveFrom))))
      .catch(showError);
  }, [showError]);
  useEffect(load, [load]);

  // The version in force today: the latest effective on or before today.
  const current = forms?.find((f) => f.effectiveFrom <= today) ?? null;

  const columns: TableColumnsType<SurveyFormView> = [
    {
      title: t("delivery.surveyForms.effectiveFrom"),
      dataIndex: "effectiveFrom",
      render: (v: string, r) => (
        <>
          {formatDate(v)} {r.id === current?.id && <ToneTag tone="green">{t("delivery.surveyForms.inForce")}</ToneTag>}
          {v > today && <ToneTag tone="blue">{t("delivery.surveyForms.upcoming")}</ToneTag>}
        </>
      ),
    },
    { title: t("delivery.surveyForms.questionCount"), key: "count", align: "right", render: (_, r) => r.questions.length },
    { title: t("delivery.surveyForms.note"), dataIndex: "note", render: (v: string) => v || "—" },
    { title: t("delivery.surveyForms.createdAt"), dataIndex: "createdAt", render: (v: string) => formatInstant(v) },
  ];

  return (
    <>
      <PageTitle
        extra={
          can("surveyForm.manage") && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} disabled={!forms}>
              {t("delivery.surveyForms.create")}
            </Button>
          )
        }
      >
        {t("delivery.menu.surveyForms")}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t("delivery.surveyForms.intro")}</Typography.Paragraph>
      <Card>
        <Table<SurveyFormView>
          key={current?.id ?? "none"}
          rowKey="id"
          columns={columns}
          dataSource={forms ?? []}
          loading={!forms}
          pagination={false}
          expandable={{ expandedRowRender: (r) => <QuestionsTable questions={r.questions} />, defaultExpandedRowKeys: current ? [current.id] : [] }}
        />
      </Card>
      <SurveyFormModal
        open={creating}
        latest={forms?.[0] ?? null}
        onClose={() => setCreating(false)}
        onSaved={() => {
          setCreating(false);
          void message.success(t("delivery.surveyForms.published"));
          load();
        }}
      />
    </>
  );
}
