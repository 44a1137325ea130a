// 双随机抽查公示 (public, 第十九条 一公开): every published draw with its seed and algorithm, the bases and
// inspectors drawn, and the results once concluded.
import { Link } from "react-router-dom";
import { Card, Empty, Form, InputNumber, Pagination, Skeleton, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { publicSpotCheckApi, type PublicSpotCheckItem } from "../../../api/supervision/spot-checks";
import { FilterButtons } from "../../../components/FilterButtons";
import { PageTitle } from "../../../components/PageTitle";
import { cleanFilters, usePagedList } from "../../../components/usePagedList";
import { formatInstant } from "../../../format";
import { DrawnTable } from "./DrawnTable";
import { PublicResults } from "./PublicResults";
import { KindTag, SpotCheckStatusTag } from "./spotCheckTags";

function DrawCard({ item }: { item: PublicSpotCheckItem }) {
  const { t } = useTranslation();
  return (
    <Card
      style={{ marginBottom: 16 }}
      title={
        <Link to={`/public/spot-checks/${item.id}`} style={{ whiteSpace: "normal" }}>
          {item.title}
        </Link>
      }
      extra={<SpotCheckStatusTag status={item.status} />}
    >
      <Space wrap size={[16, 4]} style={{ marginBottom: 12 }}>
        <KindTag kind={item.kind} />
        <span>
          {t("supervision.spotChecks.publishedAt")}：{formatInstant(item.publishedAt)}
        </span>
        <span>
          {t("supervision.spotChecks.seed")}：<Typography.Text code style={{ wordBreak: "break-all" }}>{item.seed}</Typography.Text>
        </span>
        <span>
          {t("supervision.spotChecks.algorithm")}：<Typography.Text code>{item.algorithm}</Typography.Text>
        </span>
      </Space>
      {item.results ? <PublicResults results={item.results} /> : <DrawnTable bases={item.bases} inspectors={item.inspectors} />}
      <div style={{ marginTop: 8 }}>
        <Link to={`/public/spot-checks/${item.id}`}>{t("supervision.spotChecks.detail")}</Link>
      </div>
    </Card>
  );
}

export default function PublicSpotChecksPage() {
  const { t } = useTranslation();
  const list = usePagedList(publicSpotCheckApi.list);
  const [form] = Form.useForm();
  return (
    <>
      <PageTitle>{t("supervision.spotChecks.publicTitle")}</PageTitle>
      <Typography.Paragraph>{t("supervision.spotChecks.publicIntro")}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">{t("supervision.spotChecks.howToVerify")}</Typography.Paragraph>
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} name="publicSpotCheckFilter" layout="inline" onFinish={(v: Record<string, unknown>) => list.setFilters(cleanFilters(v))}>
          <Form.Item label={t("supervision.spotChecks.year")} name="year">
            <InputNumber min={2019} max={2100} precision={0} style={{ width: 110 }} />
          </Form.Item>
          <FilterButtons
            onReset={() => {
              form.resetFields();
              list.setFilters({});
            }}
          />
        </Form>
      </Card>
      {list.loading && list.items.length === 0 ? (
        <Skeleton active />
      ) : list.items.length === 0 ? (
        <Empty description={t("supervision.spotChecks.none")} />
      ) : (
        <>
          {list.items.map((item) => (
            <DrawCard key={item.id} item={item} />
          ))}
          <Pagination {...list.pagination} style={{ textAlign: "center" }} />
        </>
      )}
    </>
  );
}
