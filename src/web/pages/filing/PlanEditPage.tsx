// 年度计划编制 (第十六条): /annual-plans/new?baseId=&year= starts next year's plan with this year's
// execution summary prefilled by the platform (GET /annual-plans/prefill); /annual-plans/:id/edit
// continues a draft or a returned plan. 保存草稿 sends the whole plan with its version; 报送 saves, then
// submits after a confirmation. Planned projects may come from the Excel template.
import { useEffect, useState } from "react";
import { Navigate, useNavigate, useParams, useSearchParams } from "react-router-dom";
import { Skeleton } from "antd";
import { annualPlanApi } from "../../api/endpoints";
import type { PlanPrefill } from "../../api/types";
import { NotFound } from "../../components/NotFound";
import { useShowError } from "../../components/useShowError";
import { PlanEditor } from "./PlanEditor";
import { useBases, useRecord } from "./useFilingData";

export default function PlanEditPage() {
  const { id } = useParams();
  return id ? <ExistingPlan id={id} /> : <NewPlan />;
}

function ExistingPlan({ id }: { id: string }) {
  const { view, notFound, reload, loads } = useRecord(annualPlanApi.get, id);
  const bases = useBases();
  if (notFound) return <NotFound />;
  if (!view || bases === null) return <Skeleton active />;
  if (!view.availableActions.includes("submit") && !view.availableActions.includes("edit")) return <Navigate to={`/annual-plans/${id}`} replace />;
  const base = bases.find((b) => b.id === view.baseId);
  return (
    <PlanEditor
      key={`${view.id}-${loads}`}
      baseId={view.baseId}
      baseName={view.baseName}
      supervisorName={base?.supervisorOrgName ?? ""}
      year={view.year}
      initial={view}
      reload={reload}
    />
  );
}

function NewPlan() {
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const showError = useShowError();
  const baseId = params.get("baseId") ?? "";
  const year = Number(params.get("year"));
  const bases = useBases();
  const [prefill, setPrefill] = useState<PlanPrefill | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    if (!baseId || !Number.isInteger(year)) return;
    let live = true;
    // One plan a base a year: an existing one (saved earlier from this page) opens in its own editor.
    annualPlanApi
      .list({ baseId, year, pageSize: 1 })
      .then(async (existing) => {
        if (!live) return;
        if (existing.items[0]) return navigate(`/annual-plans/${existing.items[0].id}/edit`, { replace: true });
        const p = await annualPlanApi.prefill(baseId, year);
        if (live) setPrefill(p);
      })
      .catch((err: unknown) => {
        if (!live) return;
        setFailed(true);
        showError(err);
      });
    return () => {
      live = false;
    };
  }, [baseId, year, navigate, showError]);

  if (!baseId || !Number.isInteger(year) || failed) return <NotFound />;
  if (!prefill || bases === null) return <Skeleton active />;
  const base = bases.find((b) => b.id === baseId);
  return (
    <PlanEditor
      baseId={baseId}
      baseName={base?.name ?? ""}
      supervisorName={base?.supervisorOrgName ?? ""}
      year={year}
      initial={null}
      prefill={prefill}
    />
  );
}
