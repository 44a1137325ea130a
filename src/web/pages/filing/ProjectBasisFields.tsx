// 备案依据 (第十六条): the base, and either the planned project of its filed annual plan this project
// carries out, or an ad-hoc filing (一事一报) with the reason it is outside the plan. Choosing a planned
// project fills in what the plan already says (title, subject, specialty, hours, places, fee, dates).
// issue 11 item 2: a new project defaults to 年度计划内 when the base has a filed plan for the year of
// its start date (this year before one is chosen), until the user picks the basis themself.
import { useEffect, useState } from "react";
import { Col, Form, Input, Radio, Row, Select } from "antd";
import dayjs from "dayjs";
import { useTranslation } from "react-i18next";
import { annualPlanApi } from "../../api/endpoints";
import type { AnnualPlanListItem, AnnualPlanView, BaseView } from "../../api/types";
import { fenToYuan, formatDate } from "../../format";
import type { ProjectValues } from "./projectValues";

export function ProjectBasisFields({ bases, fixedBase, isNew = false }: { bases: BaseView[]; fixedBase: boolean; isNew?: boolean }) {
  const { t } = useTranslation();
  const form = Form.useFormInstance<ProjectValues>();
  const baseId = Form.useWatch("baseId", form);
  const kind = Form.useWatch("filingKind", form);
  const planId = Form.useWatch("annualPlanId", form);
  const start = Form.useWatch("startDate", form);
  const year = (start ?? dayjs()).year();
  const [plans, setPlans] = useState<AnnualPlanListItem[] | null>(null);
  const [plan, setPlan] = useState<AnnualPlanView | null>(null);

  useEffect(() => {
    setPlans(null);
    if (!baseId || (kind !== "plan" && !isNew)) return;
    let live = true;
    annualPlanApi
      .list({ baseId, status: "filed", pageSize: 50 })
      .then((r) => live && setPlans(r.items))
      .catch(() => live && setPlans([]));
    return () => {
      live = false;
    };
  }, [baseId, kind, isNew]);

  useEffect(() => {
    if (!isNew || !plans || form.isFieldTouched("filingKind")) return;
    const filed = plans.find((p) => p.year === year);
    const current = form.getFieldsValue(["filingKind", "annualPlanId"]) as Pick<ProjectValues, "filingKind" | "annualPlanId">;
    if (filed && (current.filingKind !== "plan" || !current.annualPlanId)) form.setFieldsValue({ filingKind: "plan", annualPlanId: filed.id, planItemKey: null });
    else if (!filed && current.filingKind === "plan" && !form.isFieldTouched("annualPlanId")) form.setFieldsValue({ filingKind: "adHoc", annualPlanId: null, planItemKey: null });
  }, [isNew, plans, year, form]);

  useEffect(() => {
    setPlan(null);
    if (!planId || kind !== "plan") return;
    let live = true;
    annualPlanApi
      .get(planId)
      .then((p) => live && setPlan(p))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [planId, kind]);

  const chooseItem = (key: string) => {
    const item = plan?.items.find((i) => i.key === key);
    if (!item) return;
    const v = form.getFieldsValue(true) as ProjectValues;
    form.setFieldsValue({
      title: v.title || item.title,
      subjectType: item.subjectType,
      // 第十条: the plan item's category, unless one was chosen already
      category: item.category,
      specialty: v.specialty || item.specialty,
      hours: v.hours ?? item.hours,
      capacity: v.capacity ?? item.places,
      feeYuan: fenToYuan(item.feeFen),
      startDate: v.startDate ?? dayjs(item.plannedStart),
      endDate: v.endDate ?? dayjs(item.plannedEnd),
    });
  };

  return (
    <Row gutter={16}>
      <Col xs={24} md={12}>
        <Form.Item label={t("filing.base")} name="baseId" rules={[{ required: true, message: t("filing.baseRequired") }]}>
          <Select disabled={fixedBase} options={bases.map((b) => ({ value: b.id, label: b.name }))} onChange={() => form.setFieldsValue({ annualPlanId: null, planItemKey: null })} />
        </Form.Item>
      </Col>
      <Col xs={24} md={12}>
        <Form.Item label={t("project.basis")} name="filingKind" rules={[{ required: true }]}>
          <Radio.Group
            optionType="button"
            options={[
              { value: "plan", label: t("project.basisPlan") },
              { value: "adHoc", label: t("project.basisAdHoc") },
            ]}
          />
        </Form.Item>
      </Col>
      {kind === "plan" ? (
        <>
          <Col xs={24} md={12}>
            <Form.Item label={t("project.plan")} name="annualPlanId" extra={t("project.planHint")} rules={[{ required: true, message: t("project.planRequired") }]}>
              <Select
                loading={!!baseId && plans === null}
                notFoundContent={t("project.noFiledPlan")}
                options={(plans ?? []).map((p) => ({ value: p.id, label: t("plan.titleOf", { base: p.baseName, year: p.year }) }))}
                onChange={() => form.setFieldValue("planItemKey", null)}
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item label={t("project.planItem")} name="planItemKey" rules={[{ required: true, message: t("project.planItemRequired") }]}>
              <Select
                disabled={!plan}
                onChange={chooseItem}
                options={(plan?.items ?? []).map((i) => ({ value: i.key, label: `${i.title}（${formatDate(i.plannedStart)}）` }))}
              />
            </Form.Item>
          </Col>
        </>
      ) : (
        <Col xs={24}>
          <Form.Item
            label={t("project.adHocReason")}
            name="adHocReason"
            extra={t("project.adHocReasonHint")}
            rules={[{ required: true, whitespace: true, message: t("project.adHocReasonRequired") }, { max: 500 }]}
          >
            <Input.TextArea rows={2} maxLength={500} showCount />
          </Form.Item>
        </Col>
      )}
    </Row>
  );
}
