// The plan editor's form: the planned projects of the year (typed in or imported from Excel), the
// execution summary of the year before, and a note. Saving never clears what was typed; a refusal
// (PLAN_EMPTY, PLAN_ITEM_INVALID, a stale version) is shown above the form.
import { useMemo } from "react";
import { useNavigate } from "react-router-dom";
import { Alert, App, Button, Card, Form, Input, Space } from "antd";
import { useTranslation } from "react-i18next";
import { annualPlanApi } from "../../api/endpoints";
import type { AnnualPlanView, PlanPrefill } from "../../api/types";
import { PageTitle } from "../../components/PageTitle";
import { formatDate } from "../../format";
import { refusalOf } from "../../components/refusals";
import { LateTag, PlanStatusTag } from "./filingTags";
import { PlanImport } from "./PlanImport";
import { PlanItemsTable } from "./PlanItemsTable";
import { PlanSummaryFields } from "./PlanSummaryFields";
import { fromPlanValues, itemsToRows, toPlanValues, type PlanValues } from "./planValues";
import { RefusalAlert } from "../../components/RefusalAlert";
import { useDraftSave } from "./useDraftSave";
import { useBusinessToday } from "./useFilingData";

interface Props {
  baseId: string;
  baseName: string;
  supervisorName: string;
  year: number;
  /** the saved plan; null: a new plan, not saved yet */
  initial: AnnualPlanView | null;
  prefill?: PlanPrefill;
  reload?(): void;
}

export function PlanEditor({ baseId, baseName, supervisorName, year, initial, prefill, reload }: Props) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const today = useBusinessToday();
  const [form] = Form.useForm<PlanValues>();
  const summaryYear = year - 1;
  const { view, setView, setDirty, saving, refusal, setRefusal, allowLeave, saveDraft, ensureSaved } = useDraftSave<AnnualPlanView>({
    initial,
    dirtyAtStart: initial === null,
    validate: () => form.validateFields(),
    persist: (current) => {
      const input = fromPlanValues(form.getFieldsValue(true) as PlanValues, { baseId, year, summaryYear });
      return current ? annualPlanApi.update(current.id, input, current.version) : annualPlanApi.create(input);
    },
    editPath: (id) => `/annual-plans/${id}/edit`,
  });
  const dueDate = view?.dueDate ?? `${year - 1}-12-31`;
  const initialValues = useMemo(
    () =>
      initial
        ? toPlanValues(initial.items, initial.summary, initial.note)
        : toPlanValues(prefill?.items ?? [], prefill?.summary ?? { year: summaryYear, entries: [], adHocProjects: 0, narrative: "" }),
    [initial, prefill, summaryYear],
  );
  const canSubmit = !view || view.availableActions.includes("submit");

  const submit = () =>
    modal.confirm({
      title: t("plan.confirm.submitTitle"),
      content: (
        <>
          <p>{t("plan.confirm.submit", { supervisor: supervisorName || t("filing.supervisor") })}</p>
          {today > dueDate && <p style={{ color: "#cf1322" }}>{t("plan.confirm.late", { dueDate: formatDate(dueDate) })}</p>}
        </>
      ),
      okText: t("planAction.submit"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        const saved = await ensureSaved();
        if (!saved) return;
        try {
          await annualPlanApi.act(saved.id, "submit", { version: saved.version });
          allowLeave();
          setDirty(false);
          void message.success(t("plan.submitted"));
          navigate(`/annual-plans/${saved.id}`);
        } catch (err) {
          setRefusal(refusalOf(t, err));
        }
      },
    });

  const returned = view?.status === "returned" ? [...view.history].reverse().find((h) => h.toStatus === "returned") : undefined;

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Button onClick={() => navigate(view ? `/annual-plans/${view.id}` : "/annual-plans")}>{t(view ? "plan.backToDetail" : "plan.backToList")}</Button>
            <Button onClick={() => void saveDraft()} loading={saving}>
              {t("filing.saveDraft")}
            </Button>
            {canSubmit && (
              <Button type="primary" onClick={submit} disabled={saving}>
                {t("planAction.submit")}
              </Button>
            )}
          </Space>
        }
      >
        {t("plan.editorTitle", { base: baseName, year })} {view ? <PlanStatusTag status={view.status} /> : null} {view && <LateTag late={view.late} />}
      </PageTitle>
      {returned && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t("plan.returnedNotice")}
          description={returned.comment ? t("filing.commentBy", { name: returned.actorName ?? "—", comment: returned.comment }) : undefined}
        />
      )}
      <Alert type={today > dueDate ? "warning" : "info"} showIcon style={{ marginBottom: 16 }} title={t(today > dueDate ? "plan.dueHintLate" : "plan.dueHint", { dueDate: formatDate(dueDate), year })} />
      <RefusalAlert refusal={refusal} onClose={() => setRefusal(null)} />
      {refusal?.code === "VERSION_CONFLICT" && reload && (
        <Button danger style={{ marginBottom: 16 }} onClick={() => modal.confirm({ title: t("filing.reloadConfirm"), okText: t("filing.reload"), cancelText: t("common.cancel"), onOk: reload })}>
          {t("filing.reload")}
        </Button>
      )}
      <Form<PlanValues> form={form} name="annualPlan" layout="vertical" initialValues={initialValues} onValuesChange={() => setDirty(true)}>
        <Card title={t("plan.itemsTitle", { year })} style={{ marginBottom: 16 }}>
          <PlanImport
            year={year}
            ensureSaved={ensureSaved}
            onImported={(next) => {
              setView(next);
              form.setFieldsValue({ items: itemsToRows(next.items) });
              void message.success(t("plan.import.done", { count: next.items.length }));
            }}
          />
          <PlanItemsTable year={year} />
        </Card>
        <Card title={t("plan.summaryTitle", { year: summaryYear })} style={{ marginBottom: 16 }}>
          <PlanSummaryFields summaryYear={summaryYear} />
        </Card>
        <Card title={t("plan.note")}>
          <Form.Item name="note" rules={[{ max: 2000 }]} style={{ marginBottom: 0 }}>
            <Input.TextArea rows={3} maxLength={2000} showCount aria-label={t("plan.note")} />
          </Form.Item>
        </Card>
      </Form>
    </>
  );
}
