// A review or spot check (/spot-checks/:id): the draw (seed, candidates, drawn bases and inspectors, with
// verification) and the comprehensive review board, one row per base. The bureau records outcomes and
// takes the steps of availableActions (发布, 办结), each confirmed — 办结 lists what it will do.
import { useMemo, useState } from "react";
import { useParams } from "react-router-dom";
import { Alert, App, Button, Card, Collapse, Descriptions, Skeleton, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { spotCheckApi, type OutcomeInput, type SpotCheckView } from "../../../api/supervision/spot-checks";
import { NotFound } from "../../../components/NotFound";
import { PageTitle } from "../../../components/PageTitle";
import { StepModal, type StepSpec } from "../../../components/StepModal";
import { formatInstant } from "../../../format";
import { HistoryTimeline } from "../../applications/HistoryTimeline";
import { useBusinessToday, useRecord } from "../../filing/useFilingData";
import { AlgorithmCard } from "./AlgorithmCard";
import { DrawnTable } from "./DrawnTable";
import { OutcomeRowCard } from "./OutcomeRowCard";
import { KindTag, SpotCheckStatusTag } from "./spotCheckTags";

const STEPS = ["publish", "conclude"] as const;

/** What concluding will do, outcome by outcome (第十九条). */
function ConcludeSummary({ view }: { view: SpotCheckView }) {
  const { t } = useTranslation();
  const names = (o: string) => view.outcomes.filter((r) => r.outcome === o).map((r) => r.baseName);
  const lines = (["commend", "rectify", "revoke", "pass"] as const)
    .map((o) => ({ o, list: names(o) }))
    .filter((x) => x.list.length > 0)
    .map(({ o, list }) => <li key={o}>{t(`supervision.spotChecks.confirm.${o}`, { count: list.length, names: list.join("、") })}</li>);
  return (
    <>
      <Typography.Paragraph>{t("supervision.spotChecks.confirm.conclude")}</Typography.Paragraph>
      <ul style={{ paddingInlineStart: 20 }}>{lines}</ul>
    </>
  );
}

function CandidateLists({ view }: { view: SpotCheckView }) {
  const { t } = useTranslation();
  const items = [
    {
      key: "bases",
      label: t("supervision.spotChecks.baseCandidates", { count: view.baseCandidates.length }),
      children: (
        <Table size="small" rowKey="id" pagination={false} dataSource={view.baseCandidates.map((b, i) => ({ ...b, n: i + 1 }))}
          columns={[{ title: t("supervision.spotChecks.position"), dataIndex: "n", width: 56 }, { title: t("supervision.spotChecks.drawnBases"), dataIndex: "name" }, { title: "", dataIndex: "hostOrgName", responsive: ["md"] }]} />
      ),
    },
    {
      key: "inspectors",
      label: t("supervision.spotChecks.inspectorCandidates", { count: view.inspectorCandidates.length }),
      children: (
        <Table size="small" rowKey="id" pagination={false} dataSource={view.inspectorCandidates.map((x, i) => ({ ...x, n: i + 1 }))}
          columns={[{ title: t("supervision.spotChecks.position"), dataIndex: "n", width: 56 }, { title: t("supervision.spotChecks.drawnInspectors"), dataIndex: "name" }, { title: "", dataIndex: "orgName" }]} />
      ),
    },
  ];
  return <Collapse items={items} style={{ marginTop: 16 }} />;
}

export default function SpotCheckDetailPage() {
  const { id = "" } = useParams();
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { view, setView, notFound } = useRecord(spotCheckApi.get, id);
  const [action, setAction] = useState<(typeof STEPS)[number] | null>(null);
  const today = useBusinessToday();
  const verify = useMemo(() => () => spotCheckApi.verify(id), [id]);
  const label = (a: string) => t(`supervision.spotChecks.actions.${a}`);
  const step = useMemo<StepSpec | null>(
    () =>
      action && view
        ? {
            label: t(`supervision.spotChecks.actions.${action}`),
            explain: action === "conclude" ? <ConcludeSummary view={view} /> : t("supervision.spotChecks.confirm.publish"),
            comment: "optional",
            commentLabel: t("supervision.spotChecks.commentOptional"),
          }
        : null,
    [action, view, t],
  );

  if (notFound) return <NotFound />;
  if (!view) return <Skeleton active />;
  const buttons = STEPS.filter((a) => view.availableActions.includes(a));
  const editable = view.availableActions.includes("decide");
  const save = async (baseId: string, body: OutcomeInput) => setView(await spotCheckApi.decide(view.id, baseId, body));

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            {buttons.map((a) => (
              <Button key={a} type="primary" onClick={() => setAction(a)}>
                {label(a)}
              </Button>
            ))}
          </Space>
        }
      >
        {view.title} <SpotCheckStatusTag status={view.status} />
      </PageTitle>
      <Card title={t("supervision.spotChecks.drawInfo")} style={{ marginBottom: 16 }}>
        <Descriptions
          column={{ xs: 1, md: 2 }}
          size="small"
          items={[
            { key: "kind", label: t("supervision.spotChecks.kind"), children: <KindTag kind={view.kind} /> },
            { key: "year", label: t("supervision.spotChecks.year"), children: view.year },
            { key: "count", label: t("supervision.spotChecks.baseCount"), children: `${view.bases.length} / ${view.baseCandidates.length}` },
            { key: "inspectors", label: t("supervision.spotChecks.inspectorCount"), children: view.inspectorCount },
            { key: "by", label: t("supervision.spotChecks.createdBy"), children: view.createdByName ?? "—" },
            { key: "at", label: t("supervision.spotChecks.createdAt"), children: formatInstant(view.createdAt) },
            { key: "pub", label: t("supervision.spotChecks.publishedAt"), children: formatInstant(view.publishedAt) || "—" },
            { key: "end", label: t("supervision.spotChecks.concludedAt"), children: formatInstant(view.concludedAt) || "—" },
          ]}
        />
        <div style={{ marginTop: 16 }}>
          <DrawnTable bases={view.bases} inspectors={view.inspectors} />
        </div>
        <CandidateLists view={view} />
      </Card>
      <AlgorithmCard seed={view.seed} algorithm={view.algorithm} description={view.algorithmDescription} verify={verify} />
      <Card title={t("supervision.spotChecks.board")} style={{ marginBottom: 16 }}>
        <Alert type="info" showIcon title={t(editable ? "supervision.spotChecks.boardHint" : view.status === "concluded" ? "supervision.spotChecks.boardConcluded" : "supervision.spotChecks.boardReadOnly")} style={{ marginBottom: 12 }} />
        {view.outcomes.map((row) => (
          <OutcomeRowCard key={row.baseId} row={row} editable={editable} today={today} save={save} />
        ))}
      </Card>
      <Card title={t("filing.history")}>
        <HistoryTimeline history={view.history} actions="supervision.spotChecks.actions" statuses="supervision.spotChecks.statuses" />
      </Card>
      <StepModal
        step={step}
        onClose={() => setAction(null)}
        run={async (comment) => {
          if (!action) return;
          const next = await spotCheckApi.act(view.id, action, { version: view.version, ...(comment ? { comment } : {}) });
          setAction(null);
          setView(next);
          void message.success(t("supervision.spotChecks.actionDone", { action: label(action) }));
        }}
      />
    </>
  );
}
