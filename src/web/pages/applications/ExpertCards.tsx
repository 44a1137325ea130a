// The expert's part (第五条（三）): first a declaration of no conflict of interest (回避), before which
// the file stays hidden; then the score sheet with the live weighted total; then the review given.
import { useState } from "react";
import { App, Alert, Button, Card, Checkbox, Col, Descriptions, Form, Input, InputNumber, Radio, Row, Statistic, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { applicationApi } from "../../api/endpoints";
import type { ApplicationView, ReviewView } from "../../api/types";
import { useShowError } from "../../components/useShowError";
import { formatInstant, formatScore } from "../../format";
import { RecommendationTag } from "../../components/accreditationTags";

type Criterion = NonNullable<ApplicationView["reviewSheet"]>[number];

/** Σ weight × score / max, on a 0–100 scale (the same figure the server stores). */
export function weightedTotal(sheet: Criterion[], scores: Record<string, number | null | undefined>): number {
  return sheet.reduce((sum, c) => sum + (c.max > 0 ? (c.weight * (scores[c.key] ?? 0)) / c.max : 0), 0);
}

export function ConflictDeclarationCard({ view, onDone }: { view: ApplicationView; onDone(v: ApplicationView): void }) {
  const { t } = useTranslation();
  const showError = useShowError();
  const [agreed, setAgreed] = useState(false);
  const [busy, setBusy] = useState(false);
  const declare = async () => {
    setBusy(true);
    try {
      onDone(await applicationApi.declareNoConflict(view.id));
    } catch (err) {
      showError(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card title={t("application.declaration.title")} style={{ marginBottom: 16 }}>
      <Typography.Paragraph>{t("application.declaration.intro", { org: view.applicantOrgName })}</Typography.Paragraph>
      <ul>
        {(["sameOrg", "relation", "interest", "other"] as const).map((k) => (
          <li key={k}>{t(`application.declaration.rules.${k}`)}</li>
        ))}
      </ul>
      <Typography.Paragraph type="secondary">{t("application.declaration.after")}</Typography.Paragraph>
      <Checkbox checked={agreed} onChange={(e) => setAgreed(e.target.checked)}>
        {t("application.declaration.checkbox", { org: view.applicantOrgName })}
      </Checkbox>
      <div style={{ marginTop: 16 }}>
        <Button type="primary" disabled={!agreed} loading={busy} onClick={() => void declare()}>
          {t("application.declaration.submit")}
        </Button>
      </div>
    </Card>
  );
}

interface ScoreForm {
  scores: Record<string, number | null>;
  recommendation: "approve" | "reject";
  comment: string;
}

export function ScoringCard({ view, onDone }: { view: ApplicationView; onDone(v: ApplicationView): void }) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const showError = useShowError();
  const [form] = Form.useForm<ScoreForm>();
  const sheet = view.reviewSheet ?? [];
  const scores = (Form.useWatch("scores", form) ?? {}) as Record<string, number | null>;
  const total = weightedTotal(sheet, scores);

  const send = async () => {
    const v = await form.validateFields();
    const body = {
      noConflictDeclared: true as const,
      scores: Object.fromEntries(sheet.map((c) => [c.key, v.scores[c.key] ?? 0])),
      recommendation: v.recommendation,
      comment: v.comment.trim(),
    };
    modal.confirm({
      title: t("application.scoring.confirmTitle"),
      content: t("application.scoring.confirm", { total: formatScore(weightedTotal(sheet, body.scores)), recommendation: t(`application.recommendation.${v.recommendation}`) }),
      okText: t("application.scoring.submit"),
      cancelText: t("common.cancel"),
      onOk: async () => {
        try {
          onDone(await applicationApi.review(view.id, body));
          void message.success(t("application.scoring.done"));
        } catch (err) {
          showError(err);
        }
      },
    });
  };

  return (
    <Card title={t("application.scoring.title")} style={{ marginBottom: 16 }} extra={<Statistic title={t("application.scoring.total")} value={formatScore(total)} />}>
      <Form<ScoreForm> form={form} name="review" layout="vertical">
        <Row gutter={16}>
          {sheet.map((c) => (
            <Col xs={24} md={12} key={c.key}>
              <Form.Item
                label={t("application.scoring.criterion", { label: c.label, weight: c.weight, max: c.max })}
                name={["scores", c.key]}
                rules={[{ required: true, message: t("application.scoring.scoreRequired") }]}
              >
                <InputNumber min={0} max={c.max} precision={1} step={1} style={{ width: "100%" }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item label={t("application.scoring.recommendation")} name="recommendation" rules={[{ required: true, message: t("application.scoring.recommendationRequired") }]}>
          <Radio.Group
            options={(["approve", "reject"] as const).map((r) => ({ value: r, label: t(`application.recommendation.${r}`) }))}
          />
        </Form.Item>
        <Form.Item label={t("application.scoring.comment")} name="comment" rules={[{ required: true, whitespace: true, message: t("application.scoring.commentRequired") }, { max: 2000 }]}>
          <Input.TextArea rows={4} maxLength={2000} showCount />
        </Form.Item>
        <Button type="primary" onClick={() => void send().catch(() => undefined)}>
          {t("application.scoring.submit")}
        </Button>
      </Form>
    </Card>
  );
}

export function MyReviewCard({ review, sheet }: { review: ReviewView; sheet: Criterion[] }) {
  const { t } = useTranslation();
  return (
    <Card title={t("application.scoring.mine")} style={{ marginBottom: 16 }}>
      <Alert type="success" showIcon title={t("application.scoring.submittedAt", { at: formatInstant(review.createdAt) })} style={{ marginBottom: 16 }} />
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={sheet}
        columns={[
          { title: t("application.scoring.criterionName"), dataIndex: "label" },
          { title: t("policy.criterion.weight"), dataIndex: "weight" },
          { title: t("policy.criterion.max"), dataIndex: "max" },
          { title: t("application.scoring.score"), key: "score", render: (_, c) => formatScore(review.scores[c.key]) },
        ]}
      />
      <Descriptions
        style={{ marginTop: 16 }}
        column={1}
        items={[
          { key: "total", label: t("application.scoring.total"), children: formatScore(review.weightedScore) },
          {
            key: "rec",
            label: t("application.scoring.recommendation"),
            children: <RecommendationTag value={review.recommendation} />,
          },
          { key: "comment", label: t("application.scoring.comment"), children: <span style={{ whiteSpace: "pre-wrap" }}>{review.comment}</span> },
        ]}
      />
    </Card>
  );
}
