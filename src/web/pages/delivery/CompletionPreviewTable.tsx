// 办理结业 cannot be undone (第十七条), so its confirmation shows first who will complete and who will
// not, with each one's attendance, read by the server with the same rule the step applies.
import { Alert, Descriptions, Spin, Table, Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { CompletionPreview } from "../../../shared/delivery.js";

type Person = CompletionPreview["notCompletingPeople"][number];

export function CompletionPreviewTable({ preview, error }: { preview: CompletionPreview | null; error: string | null }) {
  const { t } = useTranslation();
  if (error) return <Alert type="error" showIcon title={error} />;
  if (!preview) return <Spin />;
  const people = (rows: Person[], total: number) => (
    <>
      <Table<Person>
        size="small"
        rowKey={(r, i) => `${r.idNumber}-${i}`}
        pagination={false}
        scroll={{ y: 240 }}
        dataSource={rows}
        locale={{ emptyText: t("delivery.completion.preview.nobody") }}
        columns={[
          { title: t("delivery.person.name"), dataIndex: "name" },
          { title: t("delivery.person.idNumber"), dataIndex: "idNumber", render: (v: string) => <span style={{ fontFamily: "monospace" }}>{v}</span> },
          {
            title: t("delivery.enrollments.attendance"),
            dataIndex: "attendedSessions",
            render: (v: number) => t("delivery.attendanceOf", { attended: v, sessions: preview.sessions }),
          },
        ]}
      />
      {total > rows.length && <Typography.Text type="secondary">{t("delivery.completion.preview.more", { shown: rows.length, total })}</Typography.Text>}
    </>
  );
  return (
    <div data-testid="completion-preview">
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 3 }}
        items={[
          { key: "rule", label: t("delivery.completion.preview.rule"), children: t("delivery.completion.preview.ruleValue", { required: preview.sessionsRequired, sessions: preview.sessions }) },
          { key: "completing", label: t("delivery.completion.preview.completing"), children: preview.completing },
          { key: "not", label: t("delivery.completion.preview.notCompleting"), children: preview.notCompleting },
        ]}
      />
      <Tabs
        size="small"
        items={[
          { key: "not", label: t("delivery.completion.preview.notCompletingTab", { count: preview.notCompleting }), children: people(preview.notCompletingPeople, preview.notCompleting) },
          { key: "completing", label: t("delivery.completion.preview.completingTab", { count: preview.completing }), children: people(preview.completingPeople, preview.completing) },
        ]}
      />
    </div>
  );
}
