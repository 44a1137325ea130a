// 公示 of the application (period, whether objections are still accepted, link to the public page) and,
// for the bureau, the objections filed against it with their handling.
import { useState } from "react";
import { Link } from "react-router-dom";
import { Button, Card, Descriptions, Table, type TableColumnsType } from "antd";
import { useTranslation } from "react-i18next";
import type { NoticeView, ObjectionView } from "../../api/types";
import { NoticeOpenTag, ObjectionStatusTag, UpheldTag } from "../../components/accreditationTags";
import { ResolveObjectionModal } from "../../components/ResolveObjectionModal";
import { formatDate, formatInstant } from "../../format";
import { ScrollRegion } from "../../components/ScrollRegion";

export function NoticeCard({ notice }: { notice: NoticeView }) {
  const { t } = useTranslation();
  return (
    <Card title={t("notice.title")} style={{ marginBottom: 16 }} extra={<Link to={`/public/notices/${notice.id}`}>{t("notice.publicPage")}</Link>}>
      <Descriptions
        column={{ xs: 1, md: 2 }}
        items={[
          { key: "title", label: t("notice.noticeTitle"), children: notice.title, span: 2 },
          { key: "period", label: t("notice.period"), children: t("notice.periodValue", { from: formatDate(notice.startsOn), to: formatDate(notice.endsOn) }) },
          {
            key: "open",
            label: t("common.status"),
            children: <NoticeOpenTag open={notice.isOpen} />,
          },
        ]}
      />
    </Card>
  );
}

export function ObjectionsCard({ objections, onResolved }: { objections: ObjectionView[]; onResolved(): void }) {
  const { t } = useTranslation();
  const [resolving, setResolving] = useState<ObjectionView | null>(null);
  const columns: TableColumnsType<ObjectionView> = [
    { title: t("objection.receiptNo"), dataIndex: "receiptNo" },
    { title: t("objection.name"), dataIndex: "name" },
    { title: t("objection.contact"), dataIndex: "contact" },
    { title: t("objection.content"), dataIndex: "content", render: (v: string) => <span style={{ whiteSpace: "pre-wrap" }}>{v}</span> },
    { title: t("objection.createdAt"), dataIndex: "createdAt", render: (v: string) => formatInstant(v) },
    { title: t("common.status"), dataIndex: "status", render: (v: ObjectionView["status"]) => <ObjectionStatusTag status={v} /> },
    { title: t("objection.upheld"), dataIndex: "upheld", render: (v: boolean | null) => <UpheldTag upheld={v} /> },
    { title: t("objection.answer"), dataIndex: "answer", render: (v: string | null) => v ?? "—" },
    {
      title: t("common.actions"),
      key: "actions",
      render: (_, r) =>
        r.status === "open" ? (
          <Button type="link" onClick={() => setResolving(r)}>
            {t("objection.resolve")}
          </Button>
        ) : null,
    },
  ];
  return (
    <Card title={t("objection.cardTitle", { count: objections.length })} style={{ marginBottom: 16 }}>
      <ScrollRegion label={t("objection.cardTitle", { count: objections.length })}>
        <Table<ObjectionView> size="small" rowKey="id" columns={columns} dataSource={objections} pagination={false} />
      </ScrollRegion>
      <ResolveObjectionModal
        objection={resolving}
        onClose={() => setResolving(null)}
        onDone={() => {
          setResolving(null);
          onResolved();
        }}
      />
    </Card>
  );
}
