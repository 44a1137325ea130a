// Reminders of the compliance forecast (issue 12 item 5; 第二十四条): from 1 October, once a month, each
// professional likely to miss the year is told what is still needed, and the staff of their employer,
// where the employer is an organization of the platform, get one summary. People are taken in keyset
// batches of the professional id (never a million at once); each batch's notifications and its mark
// commit together, so a run cut short resumes where it stopped and nobody is told twice in a month.
import type { Ctx, Platform } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import type { Job } from "../../platform/scheduler.js";
import { notify } from "../notifications/service.js";
import { atRiskQuery, type AtRiskRow, type Requirement3 } from "./queries.js";
import { requiredOf } from "./service.js";

/** The first month the reminders go out (issue 12: "reminders from 1 October"). */
export const REMINDER_FROM_MONTH = 10;
/** People read per batch. */
export const REMINDER_BATCH = 1000;
/** The staff roles of an employer's organization that hear of its people. */
const EMPLOYER_STAFF_ROLES = ["base_staff", "supervisor", "bureau"];

const systemCtx = (p: Platform): Ctx => ({ ...p, actor: null, ip: null });
const round1 = (n: number) => Math.round(n * 10) / 10;

async function mark(trx: Tx, p: Platform, key: string): Promise<boolean> {
  const row = await trx.insertInto("jobMarks").values({ key, createdAt: p.clock.nowIso() }).onConflict((oc) => oc.column("key").doNothing()).returning("key").executeTakeFirst();
  return !!row;
}

const isMarked = async (p: Platform, key: string) => !!(await p.db.selectFrom("jobMarks").select("key").where("key", "=", key).executeTakeFirst());

/** The last professional id a batch of this month finished with ("" before the first batch). */
async function cursorOf(p: Platform, prefix: string): Promise<string> {
  const row = await p.db
    .selectFrom("jobMarks")
    .select((eb) => eb.fn.max("key").as("key"))
    .where("key", ">", prefix)
    .where("key", "<", `${prefix}\u{10FFFF}`)
    .executeTakeFirst();
  return row?.key ? String(row.key).slice(prefix.length) : "";
}

/** One notification per person, sent in groups of people short by the same hours. */
async function remindBatch(trx: Tx, ctx: Ctx, year: number, rows: AtRiskRow[]): Promise<void> {
  const groups = new Map<string, { params: Record<string, number>; ids: string[] }>();
  for (const r of rows) {
    const params = { year, generalHours: round1(Number(r.gapGeneral)), professionalHours: round1(Number(r.gapProfessional)), totalHours: round1(Number(r.gapTotal)) };
    const key = JSON.stringify(params);
    const g = groups.get(key) ?? { params, ids: [] as string[] };
    g.ids.push(r.professionalId);
    groups.set(key, g);
  }
  for (const g of groups.values()) await notify(trx, ctx, g.ids, "forecast.shortfall", g.params, "/my/record");
}

async function remindPeople(p: Platform, ctx: Ctx, year: number, month: string, required: Requirement3): Promise<number> {
  const prefix = `forecast.reminder:${month}:`;
  let cursor = await cursorOf(p, prefix);
  let reminded = 0;
  for (;;) {
    const ids = (
      await p.db
        .selectFrom("professionals")
        .innerJoin("users", "users.id", "professionals.id")
        .select("professionals.id")
        .where("users.disabledAt", "is", null)
        .where("professionals.id", ">", cursor)
        .orderBy("professionals.id")
        .limit(REMINDER_BATCH)
        .execute()
    ).map((r) => r.id);
    if (ids.length === 0) return reminded;
    const rows = await atRiskQuery(p.db, { year, today: p.clock.today(), required, ids }).execute();
    await p.db.transaction().execute(async (trx) => {
      // the mark makes the batch go out once, whichever instance runs the job
      if (!(await mark(trx, p, prefix + ids.at(-1)!))) return;
      await remindBatch(trx, ctx, year, rows);
      reminded += rows.length;
    });
    cursor = ids.at(-1)!;
  }
}

/** One summary a month to the staff of each employer on the platform with people likely to miss the year. */
async function remindEmployers(p: Platform, ctx: Ctx, year: number, month: string, required: Requirement3): Promise<number> {
  const orgs = await p.db.selectFrom("organizations").select(["id", "name"]).where("status", "=", "active").execute();
  const names = [...new Set(orgs.map((o) => o.name))];
  if (names.length === 0) return 0;
  const counts = await p.db
    .selectFrom(atRiskQuery(p.db, { year, today: p.clock.today(), required }).as("x"))
    .select(["x.employer", (eb) => eb.fn.countAll<number>().as("n")])
    .where("x.employer", "in", names)
    .groupBy("x.employer")
    .execute();
  let told = 0;
  for (const c of counts) {
    for (const org of orgs.filter((o) => o.name === c.employer)) {
      const staff = await p.db
        .selectFrom("users")
        .innerJoin("userRoles", "userRoles.userId", "users.id")
        .select("users.id")
        .distinct()
        .where("users.orgId", "=", org.id)
        .where("users.disabledAt", "is", null)
        .where("userRoles.role", "in", EMPLOYER_STAFF_ROLES)
        .execute();
      if (staff.length === 0) continue;
      await p.db.transaction().execute(async (trx) => {
        if (!(await mark(trx, p, `forecast.employer:${month}:${org.id}`))) return;
        await notify(trx, ctx, staff.map((s) => s.id), "forecast.employerSummary", { year, employer: org.name, count: Number(c.n) }, "/");
        told++;
      });
    }
  }
  return told;
}

export const forecastReminderJob: Job = {
  name: "forecast.reminders",
  async run(p) {
    const today = p.clock.today();
    if (Number(today.slice(5, 7)) < REMINDER_FROM_MONTH) return { reminded: 0, employers: 0 };
    const year = Number(today.slice(0, 4));
    const month = today.slice(0, 7);
    const doneKey = `forecast.reminded:${month}`;
    if (await isMarked(p, doneKey)) return { reminded: 0, employers: 0 };
    let required: Requirement3;
    try {
      required = await requiredOf(p.db, year);
    } catch (e) {
      if (e instanceof DomainError && e.code === "POLICY_NOT_IN_FORCE") return { reminded: 0, employers: 0 };
      throw e;
    }
    const ctx = systemCtx(p);
    const reminded = await remindPeople(p, ctx, year, month, required);
    const employers = await remindEmployers(p, ctx, year, month, required);
    await p.db.transaction().execute((trx) => mark(trx, p, doneKey));
    return { reminded, employers };
  },
};

export const forecastJobs: Job[] = [forecastReminderJob];
