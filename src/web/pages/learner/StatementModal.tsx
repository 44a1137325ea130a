// 学时证明: the statement just issued for a year — its PDF and the verification code printed on it.
import { Link } from "react-router-dom";
import { Button, Descriptions, Modal, Result, Typography } from "antd";
import { FilePdfOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import type { HoursStatementView } from "../../../shared/delivery.js";
import { formatInstant } from "../../format";

export function StatementModal({ statement, onClose }: { statement: HoursStatementView; onClose(): void }) {
  const { t } = useTranslation();
  return (
    <Modal open title={t("learner.statement.title", { year: statement.year })} onCancel={onClose} footer={<Button onClick={onClose}>{t("learner.survey.close")}</Button>}>
      <Result
        status="success"
        style={{ padding: "16px 0" }}
        title={t("learner.statement.issued")}
        extra={
          <Button type="primary" icon={<FilePdfOutlined />} href={statement.pdfUrl} target="_blank" rel="noreferrer">
            {t("learner.statement.open")}
          </Button>
        }
      />
      <Descriptions
        bordered
        size="small"
        column={1}
        items={[
          { key: "code", label: t("learner.statement.code"), children: <Typography.Text copyable strong data-testid="statement-code">{statement.code}</Typography.Text> },
          { key: "issuedAt", label: t("learner.statement.issuedAt"), children: formatInstant(statement.issuedAt) },
          { key: "verify", label: t("learner.statement.verify"), children: <Link to={`/verify/hours/${encodeURIComponent(statement.code)}`}>{t("learner.statement.verifyLink")}</Link> },
        ]}
      />
    </Modal>
  );
}
