// 失信信息公示 (/public/dishonesty-records, 第二十条): the records whose 公示截止期 has not passed, each in
// the double-publicity standard's columns and nothing more (the persons responsible are not published),
// searchable by organization name or credit code. One card per record, so a phone reads it whole.
import { useCallback, useState } from "react";
import { Card, Empty, Input, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { PublicDishonestyRecordView } from "../../../../shared/supervision/violations.js";
import type { Query } from "../../../api/client";
import { dishonestyApi } from "../../../api/supervision/violations";
import { PageTitle } from "../../../components/PageTitle";
import { usePagedList } from "../../../components/usePagedList";
import { RecordDescriptions } from "./RecordDescriptions";

export default function PublicDishonestyRecordsPage() {
  const { t } = useTranslation();
  const load = useCallback((q: Query) => dishonestyApi.publicList(q), []);
  const list = usePagedList<PublicDishonestyRecordView>(load);
  const [q, setQ] = useState("");

  return (
    <>
      <PageTitle>{t("supervision.violations.public.title")}</PageTitle>
      <Typography.Paragraph type="secondary">{t("supervision.violations.public.intro")}</Typography.Paragraph>
      <Input.Search
        allowClear
        value={q}
        onChange={(e) => setQ(e.target.value)}
        onSearch={(v) => list.setFilters(v.trim() ? { q: v.trim() } : {})}
        placeholder={t("supervision.violations.records.search")}
        aria-label={t("supervision.violations.records.search")}
        enterButton={t("common.search")}
        maxLength={50}
        style={{ maxWidth: 480, marginBottom: 16 }}
      />
      <List<PublicDishonestyRecordView>
        loading={list.loading}
        dataSource={list.items}
        pagination={{ current: list.pagination.current, pageSize: list.pagination.pageSize, total: list.total, onChange: list.pagination.onChange, hideOnSinglePage: true }}
        locale={{ emptyText: <Empty description={t("supervision.violations.public.empty")} /> }}
        renderItem={(r) => (
          <List.Item style={{ display: "block", paddingInline: 0 }}>
            <Card title={<span style={{ whiteSpace: "normal" }}>{r.orgName}</span>} extra={r.violationType} size="small">
              <RecordDescriptions record={r} size="small" />
            </Card>
          </List.Item>
        )}
      />
    </>
  );
}
