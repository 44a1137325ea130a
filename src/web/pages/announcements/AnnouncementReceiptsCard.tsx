// 阅读情况: for the sender, each base of the audience and whether its staff have confirmed reading.
import { Card, Segmented, Table, Typography, type TableColumnsType } from "antd";
import { useCallback, useState } from "react";
import { useTranslation } from "react-i18next";
import type { AnnouncementReceipt, AnnouncementReceipts } from "../../../shared/announcements.js";
import { announcementApi } from "../../api/announcements";
import type { Query } from "../../api/client";
import { ExportButton } from "../../components/ExportButton";
import { usePagedList } from "../../components/usePagedList";
import { formatInstant } from "../../format";
import { ReadTag } from "./announcementTags";

type Show = "all" | "read" | "unread";

export function AnnouncementReceiptsCard({ id }: { id: string }) {
  const { t } = useTranslation();
  const [summary, setSummary] = useState<Pick<AnnouncementReceipts, "bases" | "read"> | null>(null);
  const [show, setShow] = useState<Show>("all");
  const load = useCallback(
    async (query: Query) => {
      const r = await announcementApi.receipts(id, query);
      setSummary({ bases: r.bases, read: r.read });
      return r;
    },
    [id],
  );
  const list = usePagedList<AnnouncementReceipt>(load);
  const columns: TableColumnsType<AnnouncementReceipt> = [
    { title: t("announcements.base"), dataIndex: "baseName" },
    { title: t("announcements.supervisor"), dataIndex: "supervisorOrgName" },
    { title: t("announcements.district"), dataIndex: "district" },
    { title: t("announcements.field.readAt"), key: "readAt", render: (_, r) => (r.readAt ? formatInstant(r.readAt) : <ReadTag readAt={null} />) },
    { title: t("announcements.reader"), dataIndex: "readerName", render: (v: string | null) => v ?? "—" },
  ];
  return (
    <Card
      title={<Typography.Title level={2} style={{ fontSize: 16, margin: 0 }}>{t("announcements.receipts")}</Typography.Title>}
      extra={<ExportButton href={announcementApi.receiptsExportUrl(id, list.filters)} />}
      style={{ marginTop: 16 }}
    >
      {summary && (
        <Typography.Paragraph data-testid="receipts-summary">
          {t("announcements.receiptsSummary", { bases: summary.bases, read: summary.read, unread: summary.bases - summary.read })}
        </Typography.Paragraph>
      )}
      <Segmented<Show>
        style={{ marginBottom: 12 }}
        value={show}
        onChange={(v) => {
          setShow(v);
          list.setFilters(v === "all" ? {} : { read: v === "read" });
        }}
        options={(["all", "read", "unread"] as const).map((v) => ({ value: v, label: t(`announcements.receiptFilter.${v}`) }))}
      />
      <Table<AnnouncementReceipt> rowKey="baseId" size="small" columns={columns} dataSource={list.items} loading={list.loading} pagination={list.pagination} scroll={{ x: "max-content" }} />
    </Card>
  );
}
