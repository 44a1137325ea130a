// 检查考核方案 (第十八条 "制定具体办法", 第十四条): the year's scheme of a supervising unit — criteria under
// the six dimensions with their maximum scores, grade bands, and its management measures document. A
// unit copies the default and edits it here; its bases and the bureau read it (the bureau picks a unit).
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router-dom";
import { Alert, App, Button, Card, Flex, Input, InputNumber, Select, Skeleton, Space, Typography } from "antd";
import { CopyOutlined, DeleteOutlined, EditOutlined, PlusOutlined } from "@ant-design/icons";
import { useTranslation } from "react-i18next";
import { DIMENSION_KEYS } from "../../../../shared/supervision/inspections.js";
import { applicationApi } from "../../../api/endpoints";
import type { SupervisingUnit } from "../../../api/types";
import { inspectionSchemeApi, type GradeBand, type SchemeCriterion, type SchemeView } from "../../../api/supervision/inspections";
import { EvidenceFiles, type EvidenceFile } from "../../../components/EvidenceFiles";
import { PageTitle } from "../../../components/PageTitle";
import { useRefusal } from "../../../components/useRefusal";
import { useShowError } from "../../../components/useShowError";
import { formatInstant, formatScore } from "../../../format";
import { useSession } from "../../../session/SessionContext";
import { RefusalAlert } from "../../../components/RefusalAlert";
import { useBusinessToday } from "../../filing/useFilingData";
import { GradeTag } from "./inspectionTags";

interface Editing {
  criteria: SchemeCriterion[];
  bands: GradeBand[];
  measures: EvidenceFile[];
  note: string;
}

const newKey = (dimension: string) => `${dimension}.c${Date.now().toString(36)}${Math.floor(Math.random() * 100)}`;

export default function SchemePage() {
  const { t } = useTranslation();
  const tx = (k: string, o?: Record<string, unknown>) => t(`supervision.schemes.${k}`, o);
  const { message } = App.useApp();
  const { session } = useSession();
  const showError = useShowError();
  const today = useBusinessToday();
  const [params, setParams] = useSearchParams();
  const year = Number(params.get("year")) || Number(today.slice(0, 4));
  const unitId = params.get("supervisorOrgId") ?? undefined;
  const isBureau = !!session?.roles.includes("bureau");
  const [view, setView] = useState<SchemeView | null>(null);
  const [units, setUnits] = useState<SupervisingUnit[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const { busy, refusal, attempt, clear } = useRefusal();

  const load = useCallback(() => {
    inspectionSchemeApi.get(year, unitId).then(setView, showError);
  }, [year, unitId, showError]);
  useEffect(load, [load]);
  useEffect(() => {
    if (isBureau) applicationApi.supervisingUnits().then((r) => setUnits(r.items), showError);
  }, [isBureau, showError]);

  const setQuery = (next: Record<string, string | undefined>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) {
      if (v) p.set(k, v);
      else p.delete(k);
    }
    setParams(p, { replace: true });
    setEditing(null);
  };

  if (!view) return <Skeleton active />;
  const startEdit = () => {
    clear();
    setEditing({ criteria: view.criteria.map((c) => ({ ...c })), bands: view.gradeBands.map((b) => ({ ...b })), measures: view.measuresFile ? [view.measuresFile] : [], note: view.note });
  };
  const sum = editing ? Math.round(editing.criteria.reduce((s, c) => s + (c.maxScore || 0), 0) * 10) / 10 : 100;
  const save = () =>
    attempt(async () => {
      if (!editing) return;
      const next = await inspectionSchemeApi.put(year, {
        ...(view.isDefault ? {} : { version: view.version }),
        criteria: editing.criteria,
        gradeBands: editing.bands,
        measuresFileId: editing.measures[0]?.fileId ?? null,
        note: editing.note,
      });
      setView(next);
      setEditing(null);
      void message.success(tx("saved"));
    });
  const criteria = editing?.criteria ?? view.criteria;
  const bands = editing?.bands ?? view.gradeBands;
  const patchCriterion = (key: string, patch: Partial<SchemeCriterion>) =>
    setEditing((e) => e && { ...e, criteria: e.criteria.map((c) => (c.key === key ? { ...c, ...patch } : c)) });
  const title = view.supervisorOrgName ? tx("titleOf", { unit: view.supervisorOrgName, year }) : tx("defaultTitle", { year });

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <InputNumber aria-label={t("supervision.inspections.year")} min={2019} max={2100} precision={0} value={year} onChange={(v) => v && setQuery({ year: String(v) })} style={{ width: 100 }} />
            {isBureau && (
              <Select
                allowClear
                aria-label={tx("unit")}
                placeholder={tx("chooseUnit")}
                style={{ minWidth: 220 }}
                value={unitId}
                options={units.map((u) => ({ value: u.id, label: u.name }))}
                onChange={(v: string | undefined) => setQuery({ supervisorOrgId: v })}
              />
            )}
            {view.canEdit && !editing && (
              <Button type="primary" icon={view.isDefault ? <CopyOutlined /> : <EditOutlined />} onClick={startEdit}>
                {view.isDefault ? tx("copyDefault") : tx("edit")}
              </Button>
            )}
          </Space>
        }
      >
        {title} <Typography.Text type="secondary">{view.isDefault ? tx("isDefault") : tx("isOwn")}</Typography.Text>
      </PageTitle>
      {view.isDefault && view.canEdit && !editing && <Alert type="info" showIcon style={{ marginBottom: 16 }} title={tx("defaultHint")} />}
      {editing && <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={tx("inUseHint")} />}
      <RefusalAlert refusal={refusal} />
      <Card title={tx("measures")} style={{ marginBottom: 16 }}>
        {editing ? (
          <EvidenceFiles uploadText={tx("upload")} label={tx("uploadMeasures")} size="small" value={editing.measures} max={1} onChange={(measures) => setEditing({ ...editing, measures })} />
        ) : view.measuresFile ? (
          <a href={inspectionSchemeApi.measuresUrl(year, view.supervisorOrgId || undefined)} download>
            {view.measuresFile.name}
          </a>
        ) : (
          <Typography.Text type="secondary">{tx("noMeasures")}</Typography.Text>
        )}
        {!editing && view.updatedAt && (
          <Typography.Paragraph type="secondary" style={{ margin: "8px 0 0" }}>
            {t("common.updatedAt")}：{formatInstant(view.updatedAt)}
          </Typography.Paragraph>
        )}
      </Card>
      {DIMENSION_KEYS.map((d) => {
        const mine = criteria.filter((c) => c.dimension === d);
        const dimMax = Math.round(mine.reduce((s, c) => s + (c.maxScore || 0), 0) * 10) / 10;
        return (
          <Card key={d} title={t(`supervision.inspections.dimension.${d}`)} extra={`${tx("maxScore")} ${formatScore(dimMax)}`} style={{ marginBottom: 16 }}>
            <Space direction="vertical" style={{ width: "100%" }}>
              {mine.map((c) =>
                editing ? (
                  <Flex key={c.key} gap={8} align="start">
                    <Input.TextArea aria-label={tx("criterion")} autoSize={{ minRows: 1, maxRows: 4 }} value={c.name} maxLength={200} onChange={(e) => patchCriterion(c.key, { name: e.target.value })} />
                    <InputNumber aria-label={tx("maxScore")} min={0.5} max={100} step={0.5} value={c.maxScore} onChange={(v) => patchCriterion(c.key, { maxScore: typeof v === "number" ? v : 0 })} style={{ width: 90 }} />
                    <Button aria-label={tx("remove")} icon={<DeleteOutlined />} onClick={() => setEditing({ ...editing, criteria: editing.criteria.filter((x) => x.key !== c.key) })} />
                  </Flex>
                ) : (
                  <Flex key={c.key} gap={8} justify="space-between">
                    <Typography.Text>{c.name}</Typography.Text>
                    <Typography.Text strong style={{ whiteSpace: "nowrap" }}>
                      {formatScore(c.maxScore)}
                    </Typography.Text>
                  </Flex>
                ),
              )}
              {editing && (
                <Button type="dashed" icon={<PlusOutlined />} onClick={() => setEditing({ ...editing, criteria: [...editing.criteria, { key: newKey(d), dimension: d, name: "", maxScore: 1 }] })}>
                  {tx("addCriterion")}
                </Button>
              )}
            </Space>
          </Card>
        );
      })}
      <Card title={tx("bands")} style={{ marginBottom: 16 }}>
        <Space direction="vertical">
          {bands.map((b, i) => (
            <Space key={b.grade} wrap>
              <GradeTag grade={b.grade} />
              {b.grade === "unqualified" ? (
                <Typography.Text>{tx("bandBelow", { score: formatScore(bands[i - 1]?.minScore ?? 0) })}</Typography.Text>
              ) : editing ? (
                <InputNumber
                  aria-label={t(`supervision.inspections.gradeName.${b.grade}`)}
                  min={0}
                  max={100}
                  step={0.5}
                  value={b.minScore}
                  onChange={(v) => setEditing({ ...editing, bands: editing.bands.map((x, j) => (j === i ? { ...x, minScore: typeof v === "number" ? v : 0 } : x)) })}
                />
              ) : (
                <Typography.Text>{tx("bandFrom", { score: formatScore(b.minScore) })}</Typography.Text>
              )}
            </Space>
          ))}
        </Space>
      </Card>
      {(editing || view.note) && (
        <Card title={tx("note")} style={{ marginBottom: 16 }}>
          {editing ? (
            <Input.TextArea aria-label={tx("note")} autoSize={{ minRows: 2, maxRows: 8 }} maxLength={2000} value={editing.note} onChange={(e) => setEditing({ ...editing, note: e.target.value })} />
          ) : (
            <Typography.Paragraph style={{ whiteSpace: "pre-wrap", margin: 0 }}>{view.note}</Typography.Paragraph>
          )}
        </Card>
      )}
      {editing && (
        <Flex gap={12} align="center" wrap style={{ position: "sticky", bottom: 0, zIndex: 2, background: "#fff", padding: "12px 16px", borderTop: "1px solid #f0f0f0", boxShadow: "0 -2px 8px rgba(0,0,0,0.06)" }}>
          <Typography.Text type={sum === 100 ? "success" : "danger"}>{tx("sum", { sum })}</Typography.Text>
          <Button type="primary" loading={busy} onClick={() => void save()}>
            {tx("save")}
          </Button>
          <Button onClick={() => setEditing(null)}>{t("common.cancel")}</Button>
        </Flex>
      )}
    </>
  );
}
