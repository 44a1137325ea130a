// Demo history of 第十九条: last year's 双随机 spot check, drawn, published (一公开) and concluded through
// the real services: the base whose inspection of that year was 优秀 commended with its good practice
// published (a badge in the public registry), the others 合格. Runs after the inspections demo.
import { createHash } from "node:crypto";
import type { Ctx, Platform } from "../platform/context.js";
import { addDays } from "../platform/calendar.js";
import { byId, drawSpotCheck } from "../modules/supervision/spot-check-draw.js";
import { baseCandidates, inspectorCandidates } from "../modules/supervision/spot-check-queries.js";
import { createSpotCheck, recordOutcome, stepSpotCheck } from "../modules/supervision/spot-check-service.js";
import { actorOf, clockAt } from "./clock.js";

const GOOD_PRACTICE =
  "围绕本市重点产业需求设置培训项目，建立专兼职结合的师资库；培训前开展需求调研，培训后实行 6 个月跟踪回访，培训档案完整规范，参训人员满意度达 98%。";

/** The base to commend: the best finalized inspection of the year (优秀, "excellent", first), if any. */
async function bestInspected(p: Platform, year: number): Promise<{ baseId: string; finalizedAt: string | null } | undefined> {
  const rows = await p.db
    .selectFrom("inspections")
    .innerJoin("bases", "bases.id", "inspections.baseId")
    .select(["inspections.baseId", "inspections.grade", "inspections.totalScore", "inspections.finalizedAt"])
    .where("inspections.year", "=", year)
    .where("inspections.status", "=", "finalized")
    .where("bases.status", "in", ["active", "rectifying"])
    .execute();
  rows.sort((a, b) => Number(b.grade === "excellent") - Number(a.grade === "excellent") || Number(b.totalScore ?? 0) - Number(a.totalScore ?? 0));
  return rows[0];
}

/** The latest day an inspection of the year was finalized: the review concludes after it. */
async function lastFinalized(p: Platform, year: number): Promise<string | null> {
  const r = await p.db.selectFrom("inspections").select((eb) => eb.fn.max("finalizedAt").as("at")).where("year", "=", year).where("status", "=", "finalized").executeTakeFirst();
  return r?.at ? String(r.at).slice(0, 10) : null;
}

export async function loadDemoSpotChecks(p: Platform): Promise<void> {
  const today = p.clock.today();
  const year = Number(today.slice(0, 4)) - 1;
  const bureau = await actorOf(p, "bureau");
  const later = (a: string, b: string) => (a > b ? a : b);
  const earlier = (a: string, b: string) => (a < b ? a : b);
  const finalized = await lastFinalized(p, year);
  const drawDay = earlier(later(`${year}-11-16`, finalized ? addDays(finalized, 1) : ""), addDays(today, -3));
  const concludeDay = earlier(later(`${year}-12-18`, addDays(drawDay, 14)), addDays(today, -1));
  const as = (date: string): Ctx => ({ ...p, clock: clockAt(date, p.clock), actor: bureau, ip: null });

  const bases = byId(await baseCandidates(p.db));
  const inspectors = byId(await inspectorCandidates(p.db));
  if (bases.length === 0 || inspectors.length === 0) return;
  const best = await bestInspected(p, year);
  const baseCount = Math.min(2, bases.length);
  const inspectorCount = Math.min(2, inspectors.length - 1) || 1;
  // A seed whose draw includes the best-inspected base (the demo needs its commendation on show).
  let seed = "";
  for (let k = 1; k <= 200; k++) {
    seed = createHash("sha256").update(`cebase-demo-spot-check-${year}-${k}`).digest("hex").slice(0, 32);
    try {
      const r = drawSpotCheck({ seed, baseCandidates: bases, inspectorCandidates: inspectors, baseCount, inspectorCount });
      if (!best || r.baseIds.includes(best.baseId)) break;
    } catch {
      return; // too few inspectors without conflicts: no demo spot check
    }
  }

  let sc = await createSpotCheck(as(drawDay), { year, kind: "spot_check", baseCount, inspectorCount, seed });
  sc = await stepSpotCheck(as(drawDay), sc.id, "publish", { version: sc.version });
  for (const b of sc.bases) {
    const commend = b.id === best?.baseId;
    sc = await recordOutcome(
      as(earlier(addDays(drawDay, 10), concludeDay)),
      sc.id,
      b.id,
      commend
        ? { outcome: "commend", bureauScore: 94, comment: "检查考核优秀，实地抽查情况与考核结果一致，予以表彰。", goodPractice: GOOD_PRACTICE }
        : { outcome: "pass", bureauScore: 82, comment: "实地抽查情况与检查考核结果一致，评定为合格。" },
    );
  }
  await stepSpotCheck(as(concludeDay), sc.id, "conclude", { version: sc.version, comment: `${year}年度“双随机”抽查结果经局务会研究确定` });
}
