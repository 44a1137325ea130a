// One policy version's parameters (DESIGN.md "Policy"), labelled in the user's language.
import { Descriptions, Table, Typography } from "antd";
import { ToneTag } from "../../components/ToneTag";
import { useTranslation } from "react-i18next";
import type { PolicyVersionView, ReviewCriterion } from "../../api/types";
import { formatDate, formatInstant, formatMonthDay, formatPercent } from "../../format";

export function CriteriaTable({ criteria }: { criteria: ReviewCriterion[] }) {
  const { t } = useTranslation();
  const total = criteria.reduce((s, c) => s + c.weight, 0);
  return (
    <Table<ReviewCriterion>
      size="small"
      rowKey="key"
      pagination={false}
      dataSource={criteria}
      columns={[
        { title: t("policy.criterion.key"), dataIndex: "key", render: (v: string) => <Typography.Text code>{v}</Typography.Text> },
        { title: t("policy.criterion.label"), dataIndex: "label" },
        { title: t("policy.criterion.weight"), dataIndex: "weight" },
        { title: t("policy.criterion.max"), dataIndex: "max" },
      ]}
      summary={() => (
        <Table.Summary.Row>
          <Table.Summary.Cell index={0} colSpan={2}>
            {t("policy.criterion.total")}
          </Table.Summary.Cell>
          <Table.Summary.Cell index={2}>{total}</Table.Summary.Cell>
          <Table.Summary.Cell index={3} />
        </Table.Summary.Row>
      )}
    />
  );
}

export function PolicyDescriptions({ version }: { version: PolicyVersionView }) {
  const { t } = useTranslation();
  const p = version.params;
  const hours = (n: number) => t("policy.hoursValue", { count: n });
  return (
    <>
      <Descriptions bordered size="small" column={{ xs: 1, md: 2, xl: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t("policy.effectiveFrom")}>{formatDate(version.effectiveFrom)}</Descriptions.Item>
        <Descriptions.Item label={t("supervision.policyTerm.validUntil")}>
          {p.validUntil ? formatDate(p.validUntil) : t("supervision.policyTerm.openEnded")}
          {version.expired && (
            <ToneTag tone="red" style={{ marginLeft: 8 }}>
              {t("supervision.policyTerm.expiredTag")}
            </ToneTag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t("policy.note")}>{version.note}</Descriptions.Item>
        <Descriptions.Item label={t("policy.createdAt")}>
          {formatInstant(version.createdAt)}
          {version.createdByName ? ` · ${version.createdByName}` : ""}
        </Descriptions.Item>
        <Descriptions.Item label={t("policy.params.cityName")}>{p.cityName}</Descriptions.Item>
        <Descriptions.Item label={t("policy.params.docPrefix")}>
          {p.docPrefix}
          <Typography.Text type="secondary"> （{t("policy.docNoExample", { prefix: p.docPrefix, year: new Date().getFullYear() })}）</Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t("policy.params.noticeDays")}>{t("policy.daysValue", { count: p.noticeDays })}</Descriptions.Item>
        <Descriptions.Item label={t("policy.params.filingLeadWorkdays")}>
          {t("policy.workdaysValue", { count: p.filingLeadWorkdays })}
        </Descriptions.Item>
        <Descriptions.Item label={t("policy.params.annualPlanDue")}>{formatMonthDay(p.annualPlanDue)}</Descriptions.Item>
        <Descriptions.Item label={t("policy.params.yearlyHours")}>{hours(p.yearlyHours)}</Descriptions.Item>
        <Descriptions.Item label={t("policy.params.professionalShare")}>{formatPercent(p.professionalShare)}</Descriptions.Item>
        <Descriptions.Item label={t("policy.params.generalMinHours")}>{hours(p.generalMinHours)}</Descriptions.Item>
        <Descriptions.Item label={t("policy.params.maxHoursPerDay")}>{hours(p.maxHoursPerDay)}</Descriptions.Item>
        <Descriptions.Item label={t("policy.params.completionAttendance")}>{formatPercent(p.completionAttendance)}</Descriptions.Item>
        <Descriptions.Item label={t("policy.params.checkInOpensMinutesBefore")}>{t("policy.minutesValue", { count: p.checkInOpensMinutesBefore })}</Descriptions.Item>
        <Descriptions.Item label={t("policy.params.checkInClosesMinutesAfter")}>{t("policy.minutesValue", { count: p.checkInClosesMinutesAfter })}</Descriptions.Item>
      </Descriptions>
      <Typography.Title level={3} style={{ fontSize: 15 }}>
        {t("policy.params.reviewCriteria")}
      </Typography.Title>
      <CriteriaTable criteria={p.reviewCriteria} />
    </>
  );
}
