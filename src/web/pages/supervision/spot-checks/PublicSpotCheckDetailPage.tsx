// One published draw (public, 一公开): the candidate lists in the order the draw works on, the conflicts
// excluded, the seed and algorithm with an online check, the drawn bases and inspectors, and the results.
import { useMemo } from "react";
import { useParams } from "react-router-dom";
import { Card, Collapse, Descriptions, Skeleton, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { publicSpotCheckApi, type PublicSpotCheckView } from "../../../api/supervision/spot-checks";
import { NotFound } from "../../../components/NotFound";
import { PageTitle } from "../../../components/PageTitle";
import { formatInstant } from "../../../format";
import { useRecord } from "../../filing/useFilingData";
import { AlgorithmCard } from "./AlgorithmCard";
import { DrawnTable } from "./DrawnTable";
import { PublicResults } from "./PublicResults";
import { KindTag, SpotCheckStatusTag } from "./spotCheckTags";

function Candidates({ view }: { view: PublicSpotCheckView }) {
  const { t } = useTranslation();
  const names = (indexes: number[]) => indexes.map((i) => `${i + 1}. ${view.inspectorCandidates[i]?.name ?? ""}`).join("、") || t("supervision.spotChecks.noExclusions");
  const baseName = (id: string) => view.bases.find((b) => b.id === id)?.name ?? id;
  const items = [
    {
      key: "bases",
      label: t("supervision.spotChecks.baseCandidates", { count: view.baseCandidates.length }),
      children: (
        <Table size="small" rowKey="id" pagination={false} dataSource={view.baseCandidates.map((b, i) => ({ ...b, n: i + 1 }))}
          columns={[{ title: t("supervision.spotChecks.position"), dataIndex: "n", width: 56 }, { title: t("supervision.spotChecks.drawnBases"), dataIndex: "name" }, { title: "id", dataIndex: "id", responsive: ["md"], render: (v: string) => <Typography.Text code>{v}</Typography.Text> }]} />
      ),
    },
    {
      key: "inspectors",
      label: t("supervision.spotChecks.inspectorCandidates", { count: view.inspectorCandidates.length }),
      children: (
        <Table size="small" rowKey="n" pagination={false} dataSource={view.inspectorCandidates.map((x, i) => ({ ...x, n: i + 1 }))}
          columns={[{ title: t("supervision.spotChecks.position"), dataIndex: "n", width: 56 }, { title: t("supervision.spotChecks.drawnInspectors"), dataIndex: "name" }]} />
      ),
    },
    {
      key: "exclusions",
      label: t("supervision.spotChecks.exclusions"),
      children: (
        <Table size="small" rowKey="baseId" pagination={false} dataSource={view.exclusions}
          columns={[{ title: t("supervision.spotChecks.drawnBases"), dataIndex: "baseId", render: (v: string) => baseName(v) }, { title: t("supervision.spotChecks.drawnInspectors"), dataIndex: "inspectorIndexes", render: (v: number[]) => names(v) }]} />
      ),
    },
  ];
  return <Collapse items={items} style={{ marginTop: 16 }} />;
}

export default function PublicSpotCheckDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { view, notFound } = useRecord(publicSpotCheckApi.get, id);
  const verify = useMemo(() => () => publicSpotCheckApi.verify(id), [id]);
  if (notFound) return <NotFound />;
  if (!view) return <Skeleton active />;
  return (
    <>
      <PageTitle>
        {view.title} <SpotCheckStatusTag status={view.status} />
      </PageTitle>
      <Card title={t("supervision.spotChecks.drawInfo")} style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: "kind", label: t("supervision.spotChecks.kind"), children: <KindTag kind={view.kind} /> },
            { key: "year", label: t("supervision.spotChecks.year"), children: view.year },
            { key: "pub", label: t("supervision.spotChecks.publishedAt"), children: formatInstant(view.publishedAt) },
            { key: "end", label: t("supervision.spotChecks.concludedAt"), children: formatInstant(view.concludedAt) || "—" },
          ]}
        />
        <div style={{ marginTop: 16 }}>
          <DrawnTable bases={view.bases} inspectors={view.inspectors} />
        </div>
        <Candidates view={view} />
      </Card>
      <AlgorithmCard seed={view.seed} algorithm={view.algorithm} description={view.algorithmDescription} verify={verify} />
      <Card title={t("supervision.spotChecks.results")}>
        {view.results ? <PublicResults results={view.results} /> : <Typography.Text type="secondary">{t("supervision.spotChecks.resultsPending")}</Typography.Text>}
      </Card>
    </>
  );
}
