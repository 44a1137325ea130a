// Writing to the learning record (第二十四条): completion credits a project's hours, a revoked
// certificate takes them back, an accepted declaration adds hours of another form (人社部令第25号).
// Hours count in the year they were earned (never carried over), and one person holds at most
// `maxHoursPerDay` credit hours on one day.
import type { LearningSource } from "../../../shared/delivery.js";
import type { SubjectType } from "../../../shared/filing.js";
import { serializeWithAudit } from "../../platform/audit.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { newId } from "../../platform/ids.js";
import { policyAt } from "../policy/service.js";

export interface Credit {
  professionalId: string;
  source: LearningSource;
  subjectType: SubjectType;
  title: string;
  /** hours earned on each day (YYYY-MM-DD → hours) */
  days: Record<string, number>;
  projectId?: string | null;
  certificateId?: string | null;
  declarationId?: string | null;
}

export interface CreditResult {
  entryIds: string[];
  hours: number;
  /** days whose hours were cut to the daily limit: what was asked and what was counted */
  capped: { date: string; asked: number; counted: number }[];
}

const round1 = (n: number) => Math.round(n * 10) / 10;

/** Hours already counted for the person on each of these days. */
export async function countedOnDays(trx: Tx, professionalId: string, dates: string[]): Promise<Map<string, number>> {
  const years = [...new Set(dates.map((d) => Number(d.slice(0, 4))))];
  const rows = await trx
    .selectFrom("learningEntries")
    .select("days")
    .where("professionalId", "=", professionalId)
    .where("status", "=", "counted")
    .where("year", "in", years)
    .execute();
  const wanted = new Set(dates);
  const out = new Map<string, number>();
  for (const r of rows) {
    for (const [d, h] of Object.entries(JSON.parse(r.days) as Record<string, number>)) {
      if (wanted.has(d)) out.set(d, (out.get(d) ?? 0) + h);
    }
  }
  return out;
}

/**
 * Counts hours into the record, one entry per calendar year the days fall in. 第二十四条 with
 * DESIGN.md "Learning record": a day holds at most `maxHoursPerDay` hours for one person, so hours past
 * the limit on a day are not counted (and reported in `capped`).
 */
export async function creditHours(trx: Tx, ctx: Ctx, c: Credit): Promise<CreditResult> {
  // Two credits for one person at once must not both see the day's room free.
  await serializeWithAudit(trx, ctx);
  const dates = Object.keys(c.days).sort();
  const already = await countedOnDays(trx, c.professionalId, dates);
  const capped: CreditResult["capped"] = [];
  const byYear = new Map<number, Record<string, number>>();
  for (const date of dates) {
    const { params } = await policyAt(trx, date);
    const room = Math.max(0, params.maxHoursPerDay - (already.get(date) ?? 0));
    const counted = Math.min(c.days[date], room);
    if (counted < c.days[date]) capped.push({ date, asked: c.days[date], counted });
    const year = Number(date.slice(0, 4));
    byYear.set(year, { ...byYear.get(year), [date]: counted });
  }
  const entryIds: string[] = [];
  let total = 0;
  for (const [year, days] of byYear) {
    const hours = round1(Object.values(days).reduce((a, b) => a + b, 0));
    const id = newId();
    await trx
      .insertInto("learningEntries")
      .values({
        id,
        professionalId: c.professionalId,
        year,
        source: c.source,
        subjectType: c.subjectType,
        hours,
        title: c.title,
        earnedOn: Object.keys(days).sort().at(-1)!,
        days: JSON.stringify(days),
        projectId: c.projectId ?? null,
        certificateId: c.certificateId ?? null,
        declarationId: c.declarationId ?? null,
        status: "counted",
        revokedAt: null,
        revokedReason: null,
        createdAt: ctx.clock.nowIso(),
      })
      .execute();
    entryIds.push(id);
    total += hours;
  }
  return { entryIds, hours: round1(total), capped };
}

/** A revoked certificate takes its hours out of the record; the entry stays, marked, for the history. */
export async function revokeCertificateHours(trx: Tx, ctx: Ctx, certificateId: string, reason: string): Promise<number> {
  const res = await trx
    .updateTable("learningEntries")
    .set({ status: "revoked", revokedAt: ctx.clock.nowIso(), revokedReason: reason })
    .where("certificateId", "=", certificateId)
    .where("status", "=", "counted")
    .executeTakeFirst();
  return Number(res.numUpdatedRows);
}
