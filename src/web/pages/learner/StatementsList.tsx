// 学时证明 already issued (issue 11 item 11): the professional finds every statement they have — year,
// date, verification code, the PDF again — instead of a new one being issued each time they want one.
// Issuing a new statement is its own action, confirmed first.
import { Button, Popconfirm, Space, Table, Typography, type TableColumnsType } from "antd";
import { FileDoneOutlined, FilePdfOutlined } from "@ant-design/icons";
import { Link } from "react-router-dom";
import { useTranslation } from "react-i18next";
import type { HoursStatementView } from "../../../shared/delivery.js";
import { formatInstant } from "../../format";

export function StatementsTable({ list }: { list: { items: HoursStatementView[]; loading: boolean; pagination: object } }) {
  const { t } = useTranslation();
  const columns: TableColumnsType<HoursStatementView> = [
    { key: "year", title: t("learner.statements.year"), dataIndex: "year", width: 100, render: (y: number) => t("learner.record.yearOption", { year: y }) },
    { key: "issuedAt", title: t("learner.statements.issuedAt"), dataIndex: "issuedAt", render: (v: string) => formatInstant(v) },
    { key: "code", title: t("learner.statements.code"), dataIndex: "code", render: (code: string) => <Typography.Text copyable>{code}</Typography.Text> },
    {
      key: "actions",
      title: t("learner.statements.actions"),
      render: (_: unknown, s) => (
        <Space wrap>
          <Button size="small" icon={<FilePdfOutlined />} href={s.pdfUrl} target="_blank" rel="noreferrer">
            {t("learner.statements.download")}
          </Button>
          <Link to={`/verify/hours/${encodeURIComponent(s.code)}`}>{t("learner.statement.verifyLink")}</Link>
        </Space>
      ),
    },
  ];
  return (
    <Table<HoursStatementView>
      rowKey="id"
      size="small"
      data-testid="statements-table"
      columns={columns}
      dataSource={list.items}
      loading={list.loading}
      pagination={list.pagination}
      locale={{ emptyText: t("learner.statements.empty") }}
    />
  );
}

/** The explicit action: a new statement of the year from the record as it stands, after a confirmation. */
export function IssueStatementButton({ year, issuing, onConfirm, label, primary = true }: { year: number; issuing: boolean; onConfirm(): void; label?: string; primary?: boolean }) {
  const { t } = useTranslation();
  return (
    <Popconfirm
      title={t("learner.statements.confirmTitle", { year })}
      description={<div style={{ maxWidth: 320 }}>{t("learner.statements.confirmText", { year })}</div>}
      okText={t("learner.statements.confirmOk")}
      cancelText={t("common.cancel")}
      onConfirm={onConfirm}
    >
      <Button type={primary ? "primary" : "default"} icon={<FileDoneOutlined />} loading={issuing}>
        {label ?? t("learner.statement.issue")}
      </Button>
    </Popconfirm>
  );
}
