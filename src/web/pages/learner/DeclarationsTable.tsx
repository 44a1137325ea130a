// My declarations of other forms of learning (人社部令第25号 第十条) and what the bureau decided.
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DeclarationView } from "../../../shared/delivery.js";
import { myRecordApi } from "../../api/endpoints";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { formatDate, formatInstant } from "../../format";
import { EmptyRows, SubjectTypeTag } from "../filing/filingTags";
import { DeclarationStatusTag } from "./learnerTags";

export function DeclarationsTable({ items, loading }: { items: DeclarationView[]; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <ResponsiveTable<DeclarationView>
      cardTitle="title"
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={items}
      pagination={items.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
      scroll={{ x: 820 }}
      locale={{ emptyText: <EmptyRows>{t("learner.declaration.none")}</EmptyRows> }}
      columns={[
        { title: t("learner.declaration.form"), dataIndex: "form", width: 100, render: (v: string) => t(`learner.source.${v}`, { defaultValue: v }) },
        {
          title: t("learner.declaration.itemTitle"),
          dataIndex: "title",
          render: (v: string, r) => (
            <>
              {v}
              {r.evidenceFileId && (
                <div>
                  <a href={myRecordApi.evidenceUrl(r.id)} target="_blank" rel="noreferrer">
                    {r.evidenceFileName ?? t("learner.declaration.evidence")}
                  </a>
                </div>
              )}
            </>
          ),
        },
        { title: t("project.subjectType"), dataIndex: "subjectType", width: 100, render: (v: DeclarationView["subjectType"]) => <SubjectTypeTag type={v} /> },
        { title: t("learner.record.hours"), dataIndex: "hours", width: 70, align: "right" },
        { title: t("learner.declaration.earnedOn"), dataIndex: "earnedOn", width: 140, render: (v: string) => formatDate(v) },
        { title: t("common.status"), dataIndex: "status", width: 90, render: (v: DeclarationView["status"]) => <DeclarationStatusTag status={v} /> },
        {
          title: t("learner.declaration.decision"),
          key: "decision",
          render: (_, r) =>
            r.decidedAt ? (
              <Typography.Text>
                {formatInstant(r.decidedAt)}
                {r.decisionComment ? `：${r.decisionComment}` : ""}
              </Typography.Text>
            ) : (
              "—"
            ),
        },
      ]}
    />
  );
}
