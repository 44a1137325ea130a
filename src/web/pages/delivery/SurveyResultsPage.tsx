// 培训效果评估 (/training-projects/:id/survey-results): the aggregates of the project's evaluation survey
// for its base, supervising unit and the bureau — the response rate, each 1–5 question's mean and how
// many gave each score, and the comments. Exported to Excel; printable. Nobody's answers are shown by name,
// and below the minimum number of answers the server gives no comments or score counts (样本不足).
import { Alert, Card, Col, Empty, List, Progress, Rate, Row, Space, Statistic, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { SurveyResultsView } from "../../../shared/delivery.js";
import { completionApi } from "../../api/endpoints";
import { ExportButton } from "../../components/ExportButton";
import { formatDate, formatPercent, formatScore } from "../../format";
import { DeliveryFrame, useDeliveryProject, useProjectData } from "./DeliveryFrame";

type Question = SurveyResultsView["questions"][number];

const SCORES = [5, 4, 3, 2, 1] as const;

/** What stands in for the score counts and comments the server withholds (issue 11: survey privacy). */
function TooFew({ min }: { min: number }) {
  const { t } = useTranslation();
  return <Typography.Text type="secondary">{t("delivery.survey.sampleTooSmall", { min })}</Typography.Text>;
}

function ScaleQuestion({ q, tooFew }: { q: Question; tooFew: number | null }) {
  const { t } = useTranslation();
  const answered = q.distribution.reduce((a, b) => a + b, 0);
  return (
    <Card size="small" title={q.label} style={{ height: "100%" }}>
      <Space align="center" style={{ marginBottom: 8 }} wrap>
        <Rate disabled allowHalf value={q.average ? Math.round(q.average * 2) / 2 : 0} aria-label={t("delivery.survey.averageOf", { label: q.label })} />
        <Typography.Text strong>{t("delivery.survey.average", { value: formatScore(q.average) })}</Typography.Text>
        {tooFew === null && <Typography.Text type="secondary">{t("delivery.survey.answered", { count: answered })}</Typography.Text>}
      </Space>
      {tooFew !== null ? (
        <div>
          <TooFew min={tooFew} />
        </div>
      ) : (
        <Table
          size="small"
          pagination={false}
          rowKey="score"
          dataSource={SCORES.map((score) => ({ score, count: q.distribution[score - 1] ?? 0 }))}
          columns={[
            { title: t("delivery.survey.score"), dataIndex: "score", width: 130, render: (v: number) => t(`delivery.survey.scoreLabel.${v}`) },
            {
              title: t("delivery.survey.share"),
              key: "bar",
              render: (_, r) => (
                <Progress
                  percent={answered ? Math.round((r.count / answered) * 100) : 0}
                  status="normal"
                  size="small"
                  format={(percent) => `${percent ?? 0}%`}
                  aria-label={t(`delivery.survey.scoreLabel.${r.score}`)}
                />
              ),
            },
            { title: t("delivery.survey.count"), dataIndex: "count", width: 64, align: "right" },
          ]}
        />
      )}
    </Card>
  );
}

function TextQuestion({ q, tooFew }: { q: Question; tooFew: number | null }) {
  const { t } = useTranslation();
  return (
    <Card size="small" title={q.label}>
      {tooFew !== null ? (
        <TooFew min={tooFew} />
      ) : (
        <List
          size="small"
          dataSource={q.comments}
          locale={{ emptyText: t("delivery.survey.noComments") }}
          renderItem={(c) => <List.Item style={{ whiteSpace: "pre-wrap" }}>{c}</List.Item>}
        />
      )}
    </Card>
  );
}

export default function SurveyResultsPage() {
  const { t } = useTranslation();
  const { id, project, notFound, today } = useDeliveryProject();
  const [results] = useProjectData(completionApi.surveyResults, id);

  return (
    <DeliveryFrame
      page="surveyResults"
      project={project}
      notFound={notFound}
      today={today}
      printable
      extra={<ExportButton href={completionApi.surveyResultsExportUrl(id)} />}
    >
      {() => {
        const tooFew = results?.sampleTooSmall ? results.minResponses : null;
        return !results ? (
          <Card loading />
        ) : (
          <>
            <Card style={{ marginBottom: 16 }}>
              <Row gutter={[24, 16]}>
                <Col xs={12} md={6}>
                  <Statistic title={t("delivery.survey.responses")} value={results.responses} suffix={`/ ${results.attendees}`} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t("delivery.survey.rate")} value={results.attendees ? formatPercent(results.responses / results.attendees) : "—"} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t("delivery.survey.overall")} value={formatScore(results.overall)} suffix={results.overall !== null ? "/ 5" : undefined} />
                </Col>
                <Col xs={12} md={6}>
                  <Statistic title={t("delivery.survey.formVersion")} value={formatDate(results.form.effectiveFrom)} />
                </Col>
              </Row>
            </Card>
            {results.responses === 0 ? (
              <Card>
                <Empty description={t("delivery.survey.none")} />
              </Card>
            ) : (
              <>
                {results.sampleTooSmall && (
                  <Alert
                    type="info"
                    showIcon
                    style={{ marginBottom: 16 }}
                    title={t("delivery.survey.sampleTooSmall", { min: results.minResponses })}
                    description={t("delivery.survey.sampleTooSmallHint", { min: results.minResponses })}
                  />
                )}
                <Row gutter={[16, 16]}>
                  {results.questions.map((q) => (
                    <Col key={q.key} xs={24} xl={q.kind === "scale" ? 12 : 24}>
                      {q.kind === "scale" ? <ScaleQuestion q={q} tooFew={tooFew} /> : <TextQuestion q={q} tooFew={tooFew} />}
                    </Col>
                  ))}
                </Row>
              </>
            )}
          </>
        );
      }}
    </DeliveryFrame>
  );
}
