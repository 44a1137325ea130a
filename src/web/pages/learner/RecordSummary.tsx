// The year at a glance: 公需, 专业 and total hours against what the policy requires (第二十四条;
// 人社部令第25号 第八条: 90 a year, 专业科目 at least 2/3; 公需 at least 30), whether the year is met and
// what is still missing.
import { Alert, Card, Col, Flex, Progress, Row, Statistic, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { LearningRecordView } from "../../../shared/delivery.js";
import { ComplianceTag } from "./learnerTags";

function HoursCard({ title, hours, required, testId }: { title: string; hours: number; required: number; testId: string }) {
  const { t } = useTranslation();
  const percent = required > 0 ? Math.min(100, Math.round((hours / required) * 100)) : 100;
  return (
    <Card size="small" data-testid={testId}>
      <Statistic title={title} value={hours} suffix={t("learner.record.hoursUnit")} />
      <Progress percent={percent} status={hours >= required ? "success" : "normal"} showInfo={false} aria-label={t("learner.record.progressOf", { title })} />
      <Typography.Text type="secondary">{t("learner.record.atLeast", { hours: required })}</Typography.Text>
    </Card>
  );
}

export function RecordSummary({ record }: { record: LearningRecordView }) {
  const { t } = useTranslation();
  const shortfalls = record.shortfalls.map((s) => t(`learner.record.shortfall.${s.kind}`, { hours: s.hours })).join(t("learner.record.summarySeparator"));
  return (
    <>
      <Row gutter={[12, 12]}>
        <Col xs={24} sm={8}>
          <HoursCard testId="hours-general" title={t("subjectType.general")} hours={record.generalHours} required={record.requiredGeneralHours} />
        </Col>
        <Col xs={24} sm={8}>
          <HoursCard testId="hours-professional" title={t("subjectType.professional")} hours={record.professionalHours} required={record.requiredProfessionalHours} />
        </Col>
        <Col xs={24} sm={8}>
          <HoursCard testId="hours-total" title={t("learner.record.total")} hours={record.totalHours} required={record.requiredHours} />
        </Col>
      </Row>
      <Flex align="center" gap={8} wrap style={{ marginTop: 12 }} role="status">
        <Typography.Text strong>{t("learner.record.yearState", { year: record.year })}</Typography.Text>
        <ComplianceTag compliant={record.compliant} />
        {!record.compliant && shortfalls && <Typography.Text>{shortfalls}</Typography.Text>}
      </Flex>
      {record.pendingDeclarations > 0 && (
        <Alert type="info" showIcon style={{ marginTop: 12 }} title={t("learner.record.pendingDeclarations", { count: record.pendingDeclarations })} />
      )}
    </>
  );
}
