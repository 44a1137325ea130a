// 学时申报审核 (/hour-declarations, the bureau): hours a professional earned in other forms that 人社部令
// 第25号 第十条 recognises (degree study, conferences, research, publications, online training) count in
// their learning record only once accepted here. Each with its evidence file; 通过 or 不予认可 (with a
// reason), confirmed first. Starts with the pending ones.
import { useMemo, useState } from "react";
import { App, Button, Card, Form, InputNumber, Select, Space, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import { DECLARATION_STATUSES, type DeclarationView } from "../../../shared/delivery.js";
import { declarationReviewApi } from "../../api/endpoints";
import { FilterButtons } from "../../components/FilterButtons";
import { PageTitle } from "../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../components/usePagedList";
import { formatDate, formatInstant } from "../../format";
import { SubjectTypeTag } from "../filing/filingTags";
import { StepModal, type StepSpec } from "../../components/StepModal";
import { PagedTable } from "./PagedTable";
import { DeclarationStatusTag } from "./deliveryTags";

type Decision = "accept" | "reject";
interface Filter {
  status?: string;
  year?: number;
}

const INITIAL: Filter = { status: "pending" };

export default function DeclarationsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const list = usePagedList(declarationReviewApi.list, cleanFilters({ ...INITIAL }));
  const [filterForm] = Form.useForm<Filter>();
  const [deciding, setDeciding] = useState<{ row: DeclarationView; decision: Decision } | null>(null);

  const steps: Record<Decision, StepSpec> = useMemo(
    () => ({
      accept: { label: t("delivery.declarations.accept"), explain: t("delivery.declarations.acceptExplain"), comment: "optional" },
      reject: {
        label: t("delivery.declarations.reject"),
        explain: t("delivery.declarations.rejectExplain"),
        comment: "required",
        commentLabel: t("delivery.declarations.rejectReason"),
        danger: true,
      },
    }),
    [t],
  );

  const columns: TableColumnsType<DeclarationView> = [
    { title: t("delivery.person.name"), dataIndex: "name" },
    { title: t("delivery.person.idNumber"), dataIndex: "idNumber", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
    { title: t("delivery.declarations.form"), dataIndex: "form", render: (v: DeclarationView["form"]) => t(`delivery.declarationForm.${v}`) },
    { title: t("project.subjectType"), dataIndex: "subjectType", render: (v: DeclarationView["subjectType"]) => <SubjectTypeTag type={v} /> },
    { title: t("delivery.declarations.title"), dataIndex: "title" },
    { title: t("delivery.declarations.hours"), dataIndex: "hours", align: "right" },
    { title: t("delivery.declarations.earnedOn"), dataIndex: "earnedOn", render: (v: string) => formatDate(v) },
    {
      title: t("delivery.declarations.evidence"),
      key: "evidence",
      render: (_, r) =>
        r.evidenceFileId ? (
          <a href={declarationReviewApi.evidenceUrl(r.id)} target="_blank" rel="noopener noreferrer">
            {r.evidenceFileName ?? t("delivery.declarations.evidenceFile")}
          </a>
        ) : (
          "—"
        ),
    },
    { title: t("delivery.declarations.createdAt"), dataIndex: "createdAt", render: (v: string) => formatInstant(v) },
    {
      title: t("common.status"),
      dataIndex: "status",
      render: (v: DeclarationView["status"], r) => (
        <Space direction="vertical" size={0}>
          <DeclarationStatusTag status={v} />
          {r.decisionComment && <span>{r.decisionComment}</span>}
        </Space>
      ),
    },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, r) => (
        <Space>
          {(["accept", "reject"] as const)
            .filter((d) => r.availableActions.includes(d))
            .map((d) => (
              <Button
                key={d}
                size="small"
                type={d === "accept" ? "primary" : "default"}
                danger={d === "reject"}
                onClick={() => setDeciding({ row: r, decision: d })}
                aria-label={t(`delivery.declarations.${d}Of`, { name: r.name, title: r.title })}
              >
                {steps[d].label}
              </Button>
            ))}
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle>{t("delivery.menu.declarations")}</PageTitle>
      <Card style={{ marginBottom: 16 }}>
        <Form<Filter> form={filterForm} name="declarationFilter" layout="inline" initialValues={INITIAL} onFinish={(v) => list.setFilters(cleanFilters({ ...v }))}>
          <Form.Item label={t("common.status")} name="status">
            <Select allowClear style={{ width: 120 }} options={DECLARATION_STATUSES.map((s) => ({ value: s, label: t(`delivery.declarationStatus.${s}`) }))} />
          </Form.Item>
          <Form.Item label={t("delivery.declarations.year")} name="year">
            <InputNumber min={1990} max={2099} precision={0} style={{ width: 100 }} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              filterForm.setFieldsValue({ status: undefined, year: undefined });
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      <Card>
        <PagedTable<DeclarationView> list={list} columns={columns} none={t("delivery.declarations.none")} />
      </Card>
      <StepModal
        step={deciding ? steps[deciding.decision] : null}
        onClose={() => setDeciding(null)}
        run={async (comment) => {
          if (!deciding) return;
          await declarationReviewApi.decide(deciding.row.id, deciding.decision, { version: deciding.row.version, ...(comment ? { comment } : {}) });
          void message.success(t("filing.actionDone", { action: steps[deciding.decision].label }));
          setDeciding(null);
          list.reload();
        }}
      />
    </>
  );
}
