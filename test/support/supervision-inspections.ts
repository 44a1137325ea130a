// Fixture builders of inspections (第十八条): a base's year on the platform made through the real
// filing endpoints (a filed plan of two projects, one ad-hoc project filed, one filed and returned),
// inspections opened by the supervising unit and scored to a chosen total.
import { expect } from "vitest";
import type { Client } from "./harness.js";
import { givenFiledProject, givenPlan, ok, setToday, type FilingCast, type TestBase } from "./filing.js";

/** The year the fixtures fill and the inspection looks at. */
export const INSPECTED_YEAR = 2025;
export const TEACHERS = [
  { name: "李建华", title: "教授", org: "山东大学（威海）" },
  { name: "王海燕", title: "高级工程师", org: "威海市智能装备研究院" },
];
export const VENUE = "威海市环翠区文化中路 88 号实训楼 301";

/**
 * The base's 2025 on the platform: a filed plan listing 2 projects; an ad-hoc project of two teachers
 * filed for 15 September; another filed for 20 October and returned by the supervising unit.
 */
export async function givenYearOnPlatform(c: FilingCast, base: TestBase): Promise<{ filedId: string; returnedId: string }> {
  await setToday(c, "2025-06-20");
  await givenPlan(c, base, INSPECTED_YEAR, "filed");
  await setToday(c, "2025-08-01");
  const filed = await givenFiledProject(base, { startDate: "2025-09-15", endDate: "2025-09-16", teachers: TEACHERS, venue: VENUE });
  const toReturn = await givenFiledProject(base, { startDate: "2025-10-20", endDate: "2025-10-21", teachers: [TEACHERS[0]], venue: VENUE });
  ok(await base.supervisor.post(`/api/v1/training-projects/${toReturn.id}/actions/return`, { version: toReturn.version, comment: "课程安排与师资名单不一致" }));
  return { filedId: filed.id, returnedId: toReturn.id };
}

export async function openInspection(unit: Client, baseId: string, year = INSPECTED_YEAR): Promise<any> {
  return ok(await unit.post("/api/v1/inspections", { baseId, year }), 201);
}

/** Every criterion of the view, scored so the scores add up to `total` (full marks less the deficit). */
export function scoresFor(view: any, total: number, comment = "现场查阅台账，情况属实"): Record<string, { score: number; comment: string }> {
  let deficit = Math.round((100 - total) * 100) / 100;
  const out: Record<string, { score: number; comment: string }> = {};
  for (const d of view.dimensions) {
    for (const cr of d.criteria) {
      const take = Math.min(deficit, cr.maxScore);
      deficit = Math.round((deficit - take) * 100) / 100;
      out[cr.key] = { score: Math.round((cr.maxScore - take) * 100) / 100, comment };
    }
  }
  expect(deficit).toBe(0);
  return out;
}

/** The draft scored to `total` by the unit; answers the updated view. */
export async function givenScored(unit: Client, view: any, total: number): Promise<any> {
  return ok(await unit.patch(`/api/v1/inspections/${view.id}`, { version: view.version, scores: scoresFor(view, total), summary: "总体运行规范，培训效果较好。" }));
}

export async function step(who: Client, view: any, action: string, body: Record<string, unknown> = {}): Promise<any> {
  return who.post(`/api/v1/inspections/${view.id}/actions/${action}`, { version: view.version, ...body });
}

/** The inspection opened, scored to `total` and submitted on `day` by the unit. */
export async function givenSubmitted(c: FilingCast, unit: Client, baseId: string, total: number, day: string, year = INSPECTED_YEAR): Promise<any> {
  await setToday(c, day);
  const scored = await givenScored(unit, await openInspection(unit, baseId, year), total);
  return ok(await step(unit, scored, "submit"));
}

/** The default scheme of the year as PUT takes it (a unit's first copy). */
export async function defaultSchemeInput(unit: Client, year: number): Promise<{ criteria: any[]; gradeBands: any[] }> {
  const view = ok(await unit.get(`/api/v1/inspection-schemes?year=${year}`));
  return { criteria: view.criteria, gradeBands: view.gradeBands };
}
