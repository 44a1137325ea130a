// 第十八条: each supervising unit "制定具体办法" — its yearly inspection scheme: criteria under the six
// dimensions with their maximum scores, grade bands, and its own management measures document, which
// its bases read (第十四条). Until a unit copies and edits it, the default scheme below applies.
import {
  DIMENSION_KEYS,
  DIMENSION_NAMES,
  GRADES,
  type GradeBand,
  type SchemeCriterion,
  type SchemeInput,
  type SchemeView,
} from "../../../shared/supervision/inspections.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { isUniqueViolation, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { readStoredFile } from "../../platform/files.js";
import { newId } from "../../platform/ids.js";

/** 第十八条: the six dimensions, 100 points in all. */
export const DEFAULT_CRITERIA: readonly SchemeCriterion[] = [
  { key: "teachers.structure", dimension: "teachers", name: "师资数量与结构：专兼职教师配备充足，职称、专业结构合理", maxScore: 10 },
  { key: "teachers.quality", dimension: "teachers", name: "授课质量：学员对授课教师评价良好", maxScore: 10 },
  { key: "funding.standard", dimension: "funding", name: "严格执行备案收费标准，无超标准、超范围收费", maxScore: 8 },
  { key: "funding.management", dimension: "funding", name: "培训经费专款专用，收支管理规范", maxScore: 7 },
  { key: "facilities.venues", dimension: "facilities", name: "教学场地、设备满足培训需要", maxScore: 8 },
  { key: "facilities.online", dimension: "facilities", name: "信息化教学与实训条件", maxScore: 7 },
  { key: "systems.filing", dimension: "systems", name: "年度计划按时报送，培训项目按规定备案", maxScore: 8 },
  { key: "systems.archive", dimension: "systems", name: "培训档案完整，结业证书发放规范", maxScore: 7 },
  { key: "tasks.plan", dimension: "tasks", name: "年度培训计划完成情况", maxScore: 10 },
  { key: "tasks.volume", dimension: "tasks", name: "培训规模与学时完成情况", maxScore: 10 },
  { key: "effect.attendance", dimension: "effect", name: "学员出勤率与结业率", maxScore: 7 },
  { key: "effect.satisfaction", dimension: "effect", name: "培训效果评估满意度", maxScore: 8 },
];

export const DEFAULT_GRADE_BANDS: readonly GradeBand[] = [
  { grade: "excellent", minScore: 90 },
  { grade: "qualified", minScore: 75 },
  { grade: "basic", minScore: 60 },
  { grade: "unqualified", minScore: 0 },
];

export interface SchemeContent {
  criteria: SchemeCriterion[];
  gradeBands: GradeBand[];
  isDefault: boolean;
}

interface SchemeRow {
  id: string;
  supervisorOrgId: string;
  year: number;
  criteria: string;
  gradeBands: string;
  measuresFileId: string | null;
  measuresFileName: string | null;
  note: string;
  updatedAt: string;
  version: number;
}

const round1 = (n: number) => Math.round(n * 10) / 10;

function loadRow(trx: Tx, supervisorOrgId: string, year: number): Promise<SchemeRow | undefined> {
  return trx
    .selectFrom("inspectionSchemes")
    .select(["id", "supervisorOrgId", "year", "criteria", "gradeBands", "measuresFileId", "measuresFileName", "note", "updatedAt", "version"])
    .where("supervisorOrgId", "=", supervisorOrgId)
    .where("year", "=", year)
    .executeTakeFirst();
}

/** The scheme a unit inspects with in a year: its own, or the default. */
export async function schemeFor(trx: Tx, supervisorOrgId: string, year: number): Promise<SchemeContent> {
  const row = await loadRow(trx, supervisorOrgId, year);
  if (!row) return { criteria: [...DEFAULT_CRITERIA], gradeBands: [...DEFAULT_GRADE_BANDS], isDefault: true };
  return { criteria: JSON.parse(row.criteria), gradeBands: JSON.parse(row.gradeBands), isDefault: false };
}

/** The grade a total earns under the bands (highest band first). */
export function gradeOf(total: number, bands: readonly GradeBand[]): GradeBand["grade"] {
  const sorted = [...bands].sort((a, b) => b.minScore - a.minScore);
  return (sorted.find((b) => total >= b.minScore - 1e-9) ?? sorted[sorted.length - 1]).grade;
}

const invalid = (reason: string): never => {
  throw new DomainError("SCHEME_INVALID", { reason });
};

/** 第十八条: every dimension is assessed, the maxima make 100 points, and the bands run from 优秀 down. */
export function checkScheme(criteria: readonly SchemeCriterion[], bands: readonly GradeBand[]): void {
  const keys = new Set<string>();
  for (const c of criteria) {
    if (keys.has(c.key)) invalid(`指标编号“${c.key}”重复`);
    keys.add(c.key);
    if (!c.name.trim()) invalid(`指标“${c.key}”的名称不能为空`);
    if (!(c.maxScore > 0)) invalid(`指标“${c.name}”的满分须大于 0`);
  }
  for (const d of DIMENSION_KEYS) {
    if (!criteria.some((c) => c.dimension === d)) invalid(`缺少“${DIMENSION_NAMES[d]}”维度的指标`);
  }
  const sum = round1(criteria.reduce((s, c) => s + c.maxScore, 0));
  if (Math.abs(sum - 100) > 1e-6) invalid(`各项指标满分合计须为 100 分（现为 ${sum} 分）`);
  if (bands.map((b) => b.grade).join() !== GRADES.join()) invalid("等级须依次为优秀、合格、基本合格、不合格");
  for (let i = 1; i < bands.length; i++) {
    if (!(bands[i].minScore < bands[i - 1].minScore)) invalid("等级分数线须从高到低排列");
  }
  if (bands[bands.length - 1].minScore !== 0) invalid("不合格等级的分数线须为 0");
}

/**
 * The unit whose scheme the actor reads: a supervising unit its own; a base's staff the unit that
 * supervises their base (第十四条); the bureau any unit it names, or none (the default scheme).
 */
async function unitFor(trx: Tx, ctx: Ctx, asked: string | undefined): Promise<string | null> {
  authorize(ctx.actor, "inspectionScheme.read");
  const actor = ctx.actor!;
  if (actor.roles.includes("bureau")) return asked ?? null;
  if (actor.roles.includes("supervisor")) {
    if (asked && asked !== actor.orgId) throw new DomainError("NOT_FOUND");
    return actor.orgId;
  }
  const units = await trx.selectFrom("bases").select("supervisorOrgId").where("hostOrgId", "=", actor.orgId).orderBy("createdAt").execute();
  const ids = [...new Set(units.map((u) => u.supervisorOrgId))];
  if (asked && !ids.includes(asked)) throw new DomainError("NOT_FOUND");
  return asked ?? ids[0] ?? null;
}

async function present(trx: Tx, ctx: Ctx, unitId: string | null, year: number): Promise<SchemeView> {
  const [row, org] = await Promise.all([
    unitId ? loadRow(trx, unitId, year) : undefined,
    unitId ? trx.selectFrom("organizations").select("name").where("id", "=", unitId).executeTakeFirst() : undefined,
  ]);
  if (unitId && !org) throw new DomainError("NOT_FOUND");
  const canEdit = !!unitId && ctx.actor?.orgId === unitId && can(ctx.actor, "inspectionScheme.update", { orgId: unitId });
  return {
    id: row?.id ?? null,
    supervisorOrgId: unitId ?? "",
    supervisorOrgName: org?.name ?? "",
    year,
    isDefault: !row,
    criteria: row ? JSON.parse(row.criteria) : [...DEFAULT_CRITERIA],
    gradeBands: row ? JSON.parse(row.gradeBands) : [...DEFAULT_GRADE_BANDS],
    measuresFile: row?.measuresFileId ? { fileId: row.measuresFileId, name: row.measuresFileName ?? "管理办法" } : null,
    note: row?.note ?? "",
    canEdit,
    version: row ? Number(row.version) : 0,
    updatedAt: row?.updatedAt ?? null,
  };
}

export async function getScheme(ctx: Ctx, q: { year?: number; supervisorOrgId?: string }): Promise<SchemeView> {
  const year = q.year ?? Number(ctx.clock.today().slice(0, 4));
  return present(ctx.db, ctx, await unitFor(ctx.db, ctx, q.supervisorOrgId), year);
}

/** A file the actor may attach: one they uploaded themselves (its name is the one they gave it). */
export async function ownUpload(trx: Tx, ctx: Ctx, fileId: string): Promise<{ fileId: string; name: string }> {
  const row = await trx.selectFrom("fileUploads").select(["fileId", "name"]).where("fileId", "=", fileId).where("userId", "=", ctx.actor!.id).executeTakeFirst();
  if (!row) throw new DomainError("FILE_NOT_ATTACHABLE", { fileId });
  return row;
}

/** 第十八条: the unit copies the default and edits it, or edits its own (optimistic `version`). */
export async function putScheme(ctx: Ctx, year: number, input: SchemeInput): Promise<SchemeView> {
  const unitId = ctx.actor?.orgId ?? "";
  authorize(ctx.actor, "inspectionScheme.update", { orgId: unitId });
  const criteria = input.criteria.map((c) => ({ ...c, key: c.key.trim(), name: c.name.trim(), maxScore: round1(c.maxScore) }));
  checkScheme(criteria, input.gradeBands);
  try {
    return await inTransaction(ctx, async (trx) => {
      const row = await loadRow(trx, unitId, year);
      if (row && input.version !== Number(row.version)) throw new DomainError("VERSION_CONFLICT", { currentVersion: Number(row.version) });
      let measures: { fileId: string; name: string } | null = null;
      if (input.measuresFileId === undefined) measures = row?.measuresFileId ? { fileId: row.measuresFileId, name: row.measuresFileName ?? "" } : null;
      else if (input.measuresFileId && input.measuresFileId === row?.measuresFileId) measures = { fileId: input.measuresFileId, name: row.measuresFileName ?? "" };
      else if (input.measuresFileId) measures = await ownUpload(trx, ctx, input.measuresFileId);
      const now = ctx.clock.nowIso();
      const values = {
        criteria: JSON.stringify(criteria),
        gradeBands: JSON.stringify(input.gradeBands),
        measuresFileId: measures?.fileId ?? null,
        measuresFileName: measures?.name ?? null,
        note: input.note?.trim() ?? row?.note ?? "",
        updatedAt: now,
      };
      const id = row?.id ?? newId();
      if (row) {
        const res = await trx.updateTable("inspectionSchemes").set({ ...values, version: Number(row.version) + 1 }).where("id", "=", row.id).where("version", "=", Number(row.version)).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
      } else {
        await trx.insertInto("inspectionSchemes").values({ id, supervisorOrgId: unitId, year, ...values, createdBy: ctx.actor!.id, createdAt: now, version: 1 }).execute();
      }
      await appendAudit(trx, ctx, {
        action: row ? "inspectionScheme.update" : "inspectionScheme.create",
        resourceType: "inspectionScheme",
        resourceId: id,
        detail: { year, criteria: criteria.length, gradeBands: input.gradeBands, measuresFileId: values.measuresFileId, article: "第十八条" },
      });
      return present(trx, ctx, unitId, year);
    });
  } catch (e) {
    // Two first copies at once: the second hears that someone else saved first.
    if (isUniqueViolation(e)) throw new DomainError("VERSION_CONFLICT");
    throw e;
  }
}

/** 第十四条: the unit's management measures, for the unit, its bases and the bureau. */
export async function measuresFile(ctx: Ctx, year: number, supervisorOrgId?: string): Promise<{ bytes: Buffer; name: string; mime: string }> {
  const unitId = await unitFor(ctx.db, ctx, supervisorOrgId);
  const row = unitId ? await loadRow(ctx.db, unitId, year) : undefined;
  if (!row?.measuresFileId) throw new DomainError("NOT_FOUND");
  const file = await ctx.db.selectFrom("files").select("mime").where("id", "=", row.measuresFileId).executeTakeFirst();
  if (!file) throw new DomainError("NOT_FOUND");
  return { bytes: await readStoredFile(ctx.config.dataDir, row.measuresFileId), name: row.measuresFileName ?? "管理办法", mime: file.mime };
}
