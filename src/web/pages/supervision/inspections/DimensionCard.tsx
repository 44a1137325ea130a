// One dimension of 第十八条 on the scoring page: its criteria (score, comment, evidence — editable while
// the unit's draft) beside the platform's facts; side by side on a wide screen, stacked on a phone.
import { Card, Col, Input, InputNumber, List, Row, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { inspectionApi, type DimensionView } from "../../../api/supervision/inspections";
import { EvidenceFiles, type EvidenceFile } from "../../../components/EvidenceFiles";
import { formatScore } from "../../../format";
import { FactsView } from "./FactsView";

export interface ScoreDraft {
  score: number | null;
  comment: string;
  evidence: EvidenceFile[];
}

interface Props {
  inspectionId: string;
  dimension: DimensionView;
  editable: boolean;
  drafts: Record<string, ScoreDraft>;
  onChange(key: string, next: ScoreDraft): void;
}

export function DimensionCard({ inspectionId, dimension, editable, drafts, onChange }: Props) {
  const { t } = useTranslation();
  const tx = (k: string, o?: Record<string, unknown>) => t(`supervision.inspections.${k}`, o);
  const scores = dimension.criteria.map((c) => (editable ? drafts[c.key]?.score : c.score)).filter((s): s is number => typeof s === "number");
  const score = scores.length ? scores.reduce((a, b) => a + b, 0) : null;
  return (
    <Card
      title={t(`supervision.inspections.dimension.${dimension.key}`)}
      extra={<Typography.Text strong>{tx("points", { score: formatScore(score), max: formatScore(dimension.maxScore) })}</Typography.Text>}
      style={{ marginBottom: 16 }}
    >
      <Row gutter={[24, 16]}>
        <Col xs={24} lg={14}>
          <List
            itemLayout="vertical"
            dataSource={dimension.criteria}
            renderItem={(c) => {
              const d = drafts[c.key] ?? { score: c.score, comment: c.comment, evidence: c.evidenceFiles };
              return (
                <List.Item key={c.key}>
                  <Typography.Paragraph strong style={{ marginBottom: 8 }}>
                    {c.name}
                    <Typography.Text type="secondary">（{tx("maxScore")} {formatScore(c.maxScore)}）</Typography.Text>
                  </Typography.Paragraph>
                  {editable ? (
                    <Space direction="vertical" style={{ width: "100%" }}>
                      <Space wrap>
                        <Typography.Text>{tx("score")}</Typography.Text>
                        <InputNumber
                          aria-label={`${c.name} ${tx("score")}`}
                          min={0}
                          max={c.maxScore}
                          step={0.5}
                          value={d.score}
                          onChange={(v) => onChange(c.key, { ...d, score: typeof v === "number" ? v : null })}
                          style={{ width: 110 }}
                        />
                      </Space>
                      <Input.TextArea
                        aria-label={`${c.name} ${tx("comment")}`}
                        placeholder={tx("comment")}
                        autoSize={{ minRows: 1, maxRows: 6 }}
                        maxLength={2000}
                        value={d.comment}
                        onChange={(e) => onChange(c.key, { ...d, comment: e.target.value })}
                      />
                      <EvidenceFiles
                        uploadText={tx("upload")}
                        label={`${c.name} ${tx("evidence")}`}
                        size="small"
                        value={d.evidence}
                        onChange={(evidence) => onChange(c.key, { ...d, evidence })}
                      />
                    </Space>
                  ) : (
                    <Space direction="vertical" size={4}>
                      <Typography.Text>
                        {tx("score")}：{c.score === null ? tx("notScored") : formatScore(c.score)}
                      </Typography.Text>
                      {c.comment && <Typography.Text style={{ whiteSpace: "pre-wrap" }}>{c.comment}</Typography.Text>}
                      {c.evidenceFiles.length > 0 && (
                        <Space wrap>
                          {tx("evidence")}：
                          {c.evidenceFiles.map((f) => (
                            <a key={f.fileId} href={inspectionApi.fileUrl(inspectionId, f.fileId)} download>
                              {f.name}
                            </a>
                          ))}
                        </Space>
                      )}
                    </Space>
                  )}
                </List.Item>
              );
            }}
          />
        </Col>
        <Col xs={24} lg={10}>
          <Typography.Text type="secondary">{tx("facts")}</Typography.Text>
          <div style={{ marginTop: 8 }}>
            <FactsView dimension={dimension.key} facts={dimension.facts} />
          </div>
        </Col>
      </Row>
    </Card>
  );
}
