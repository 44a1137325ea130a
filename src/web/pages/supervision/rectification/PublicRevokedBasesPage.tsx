// 撤销名单 (public, 第二十条): every revoked base, newest revocation first, with the date, the decision
// number and the reason; searchable by name (a former name finds it too). Shown as cards so it reads at
// 375 px as well as at 1280 px.
import { Link } from "react-router-dom";
import { Card, Descriptions, Empty, Flex, Input, List, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { BaseView } from "../../../api/types";
import { revocationApi } from "../../../api/supervision/rectification";
import { PageTitle } from "../../../components/PageTitle";
import { usePagedList } from "../../../components/usePagedList";
import { formatDate } from "../../../format";

export default function PublicRevokedBasesPage() {
  const { t } = useTranslation();
  const list = usePagedList(revocationApi.revoked);
  return (
    <>
      <PageTitle>{t("supervision.rectification.public.title")}</PageTitle>
      <Typography.Paragraph type="secondary">{t("supervision.rectification.public.intro")}</Typography.Paragraph>
      <Flex style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          maxLength={50}
          style={{ maxWidth: 360 }}
          placeholder={t("supervision.rectification.public.search")}
          aria-label={t("supervision.rectification.public.search")}
          onSearch={(q) => list.setFilters(q.trim() ? { q: q.trim() } : {})}
        />
      </Flex>
      <List<BaseView>
        loading={list.loading}
        dataSource={list.items}
        locale={{ emptyText: <Empty description={t("supervision.rectification.public.empty")} /> }}
        pagination={
          list.total > (list.pagination.pageSize ?? 20)
            ? { current: list.pagination.current, pageSize: list.pagination.pageSize, total: list.total, onChange: list.pagination.onChange, align: "center" }
            : false
        }
        renderItem={(b) => (
          <List.Item key={b.id} style={{ display: "block", paddingInline: 0 }}>
            <Card
              size="small"
              title={<span style={{ whiteSpace: "normal" }}>{b.name}</span>}
              extra={<Link to={`/public/bases/${b.id}`}>{t("supervision.rectification.public.verify")}</Link>}
            >
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2 }}
                items={[
                  { key: "host", label: t("base.hostOrg"), children: b.hostOrgName },
                  { key: "date", label: t("supervision.rectification.public.revokedAt"), children: formatDate(b.revokedAt?.slice(0, 10)) },
                  { key: "decision", label: t("supervision.rectification.public.decisionNo"), children: b.revocationDecisionNo ?? "—" },
                  { key: "basis", label: t("supervision.rectification.public.basis"), children: b.revocationBasis ?? "—" },
                  { key: "reason", label: t("supervision.rectification.public.reason"), children: b.revocationReason ?? "—", span: 2 },
                ]}
              />
            </Card>
          </List.Item>
        )}
      />
    </>
  );
}
