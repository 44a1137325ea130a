// One base's row on the comprehensive review board (第十九条): the supervising unit's inspection result
// beside the bureau's own score and outcome, with what the outcome will act on when the review concludes
// (the good practice to publish, the items and deadline of a rectification order, the reason and basis
// of a revocation). Read-only for supervising units and once concluded.
import { useEffect, type ReactNode } from "react";
import { App, Button, Card, Col, DatePicker, Descriptions, Form, Input, InputNumber, Row, Select, Space, Typography } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useTranslation } from "react-i18next";
import { OUTCOMES } from "../../../../shared/supervision/spot-checks.js";
import type { Outcome, OutcomeInput, OutcomeView } from "../../../api/supervision/spot-checks";
import { ToneTag } from "../../../components/ToneTag";
import { useRefusal } from "../../../components/useRefusal";
import { formatDate, formatInstant } from "../../../format";
import { RefusalAlert } from "../../../components/RefusalAlert";
import { OutcomeTag } from "./spotCheckTags";

interface Props {
  row: OutcomeView;
  editable: boolean;
  today: string;
  save(baseId: string, body: OutcomeInput): Promise<void>;
}

interface Values {
  bureauScore?: number | null;
  outcome?: Outcome;
  comment?: string;
  goodPractice?: string;
  items?: string;
  deadline?: Dayjs;
  reason?: string;
  basis?: string;
}

const toValues = (r: OutcomeView): Values => ({
  bureauScore: r.bureauScore,
  outcome: r.outcome ?? undefined,
  comment: r.comment,
  goodPractice: r.goodPractice ?? undefined,
  items: r.rectification?.items.join("\n"),
  deadline: r.rectification ? dayjs(r.rectification.deadline) : undefined,
  reason: r.revocation?.reason,
  basis: r.revocation?.basis,
});

function toInput(v: Values): OutcomeInput {
  const outcome = v.outcome!;
  return {
    outcome,
    bureauScore: v.bureauScore ?? null,
    comment: v.comment?.trim() ?? "",
    ...(outcome === "commend" ? { goodPractice: v.goodPractice?.trim() ?? "" } : {}),
    ...(outcome === "rectify"
      ? { rectification: { items: (v.items ?? "").split("\n").map((s) => s.trim()).filter(Boolean), deadline: v.deadline!.format("YYYY-MM-DD") } }
      : {}),
    ...(outcome === "revoke" ? { revocation: { reason: v.reason?.trim() ?? "", basis: v.basis?.trim() ?? "" } } : {}),
  };
}

function InspectionText({ row }: { row: OutcomeView }) {
  const { t } = useTranslation();
  if (!row.inspection) return <Typography.Text type="secondary">{t("supervision.spotChecks.noInspection")}</Typography.Text>;
  return <Typography.Text>{t("supervision.spotChecks.inspectionScore", { score: row.inspection.totalScore ?? "—", grade: row.inspection.grade ? t(`supervision.inspections.gradeName.${row.inspection.grade}`) : "—" })}</Typography.Text>;
}

function Decided({ row }: { row: OutcomeView }) {
  const { t } = useTranslation();
  const d: Array<{ key: string; label: string; children: ReactNode }> = [
    { key: "score", label: t("supervision.spotChecks.bureauScore"), children: row.bureauScore ?? "—" },
    { key: "comment", label: t("supervision.spotChecks.comment"), children: row.comment || "—" },
  ];
  if (row.goodPractice) d.push({ key: "gp", label: t("supervision.spotChecks.goodPractice"), children: row.goodPractice });
  if (row.rectification) {
    d.push({ key: "items", label: t("supervision.spotChecks.rectificationItems"), children: <ol style={{ margin: 0, paddingInlineStart: 20 }}>{row.rectification.items.map((i, n) => <li key={n}>{i}</li>)}</ol> });
    d.push({ key: "deadline", label: t("supervision.spotChecks.deadline"), children: formatDate(row.rectification.deadline) });
  }
  if (row.revocation) {
    d.push({ key: "reason", label: t("supervision.spotChecks.revocationReason"), children: row.revocation.reason });
    d.push({ key: "basis", label: t("supervision.spotChecks.revocationBasis"), children: row.revocation.basis });
  }
  return <Descriptions size="small" column={{ xs: 1, md: 2 }} items={d} />;
}

export function OutcomeRowCard({ row, editable, today, save }: Props) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch("outcome", form);
  const { busy, refusal, attempt, clear } = useRefusal();
  useEffect(() => form.setFieldsValue(toValues(row)), [row, form]);

  const submit = async () => {
    const v = await form.validateFields();
    await attempt(async () => {
      await save(row.baseId, toInput(v));
      void message.success(t("supervision.spotChecks.saved", { baseName: row.baseName }));
    });
  };
  const need = [{ required: true, whitespace: true, message: t("supervision.spotChecks.required") }];

  return (
    <Card
      size="small"
      style={{ marginBottom: 12 }}
      styles={{ title: { whiteSpace: "normal" } }}
      title={
        <Space wrap size={6}>
          <span>{row.baseName}</span>
          {row.baseStatus !== "active" && <ToneTag tone={row.baseStatus === "revoked" ? "red" : "orange"}>{t(`supervision.spotChecks.baseStatus.${row.baseStatus}`)}</ToneTag>}
        </Space>
      }
      extra={<OutcomeTag outcome={row.outcome} />}
    >
      <Row gutter={[16, 8]} style={{ marginBottom: 8 }}>
        <Col xs={24} md={12}>
          <Typography.Text type="secondary">{t("supervision.spotChecks.supervisorOrg")}：</Typography.Text>
          {row.supervisorOrgName}
        </Col>
        <Col xs={24} md={12}>
          <Typography.Text type="secondary">{t("supervision.spotChecks.inspection")}：</Typography.Text>
          <InspectionText row={row} />
        </Col>
      </Row>
      {!editable ? (
        <Decided row={row} />
      ) : (
        <Form form={form} name={`outcome-${row.baseId}`} layout="vertical" onValuesChange={clear}>
          <RefusalAlert refusal={refusal} />
          <Row gutter={16}>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t("supervision.spotChecks.bureauScore")} name="bureauScore">
                <InputNumber min={0} max={100} step={0.5} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
            <Col xs={24} sm={12} md={6}>
              <Form.Item label={t("supervision.spotChecks.outcome")} name="outcome" rules={[{ required: true, message: t("supervision.spotChecks.chooseOutcome") }]}>
                <Select options={OUTCOMES.map((o) => ({ value: o, label: t(`supervision.spotChecks.outcomes.${o}`) }))} />
              </Form.Item>
            </Col>
            <Col xs={24} md={12}>
              <Form.Item label={t("supervision.spotChecks.comment")} name="comment" rules={[{ max: 2000 }]}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={2000} />
              </Form.Item>
            </Col>
          </Row>
          {outcome === "commend" && (
            <Form.Item label={t("supervision.spotChecks.goodPractice")} name="goodPractice" rules={[...need, { max: 2000 }]}>
              <Input.TextArea rows={3} maxLength={2000} showCount />
            </Form.Item>
          )}
          {outcome === "rectify" && (
            <Row gutter={16}>
              <Col xs={24} md={16}>
                <Form.Item label={t("supervision.spotChecks.rectificationItems")} name="items" extra={t("supervision.spotChecks.rectificationItemsHint")} rules={need}>
                  <Input.TextArea rows={3} />
                </Form.Item>
              </Col>
              <Col xs={24} md={8}>
                <Form.Item label={t("supervision.spotChecks.deadline")} name="deadline" rules={[{ required: true, message: t("supervision.spotChecks.required") }]}>
                  <DatePicker style={{ width: "100%" }} disabledDate={(d) => d.format("YYYY-MM-DD") <= today} />
                </Form.Item>
              </Col>
            </Row>
          )}
          {outcome === "revoke" && (
            <Row gutter={16}>
              <Col xs={24} md={12}>
                <Form.Item label={t("supervision.spotChecks.revocationReason")} name="reason" rules={[...need, { min: 2, max: 1000 }]}>
                  <Input.TextArea rows={2} maxLength={1000} />
                </Form.Item>
              </Col>
              <Col xs={24} md={12}>
                <Form.Item label={t("supervision.spotChecks.revocationBasis")} name="basis" rules={[...need, { min: 2, max: 500 }]}>
                  <Input.TextArea rows={2} maxLength={500} />
                </Form.Item>
              </Col>
            </Row>
          )}
          <Space wrap>
            <Button type="primary" loading={busy} onClick={() => void submit().catch(() => undefined)}>
              {t("supervision.spotChecks.save")}
            </Button>
            {row.decidedByName && row.decidedAt && (
              <Typography.Text type="secondary">{t("supervision.spotChecks.decidedBy", { name: row.decidedByName, at: formatInstant(row.decidedAt) })}</Typography.Text>
            )}
          </Space>
        </Form>
      )}
    </Card>
  );
}
