// The filing module's scheduled jobs: reminders of the annual plan's due date (第十六条) and the
// status a filed project takes with the date (running from class start, completed after its end).
import type { Ctx, Platform } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import type { Job } from "../../platform/scheduler.js";
import { runStep } from "../../platform/workflow.js";
import { usersWithRole } from "../accreditation/queries.js";
import { notify } from "../notifications/service.js";
import { dueDateOf } from "./plans.js";
import { projectWorkflow } from "./projects.js";

const systemCtx = (p: Platform): Ctx => ({ ...p, actor: null, ip: null });

/** The reminder days before the due date; only the latest one passed is sent. */
export const REMINDER_DAYS = [30, 7, 1] as const;

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** Which reminder is due today, if any: 30 days before covers days 30..8, 7 covers 7..2, 1 covers 1..0. */
export function reminderDue(today: string, dueDate: string): number | null {
  const left = daysBetween(today, dueDate);
  if (left < 0 || left > REMINDER_DAYS[0]) return null;
  return [...REMINDER_DAYS].reverse().find((d) => left <= d) ?? null;
}

export const planReminderJob: Job = {
  name: "plan.reminders",
  async run(p) {
    const ctx = systemCtx(p);
    const today = p.clock.today();
    const year = Number(today.slice(0, 4)) + 1;
    const dueDate = await dueDateOf(p.db, today, year);
    const threshold = reminderDue(today, dueDate);
    if (threshold === null) return { sent: 0 };
    // Active bases that have not reported next year's plan yet (a draft or a returned plan is not reported).
    const bases = await p.db
      .selectFrom("bases")
      .leftJoin("annualPlans", (j) => j.onRef("annualPlans.baseId", "=", "bases.id").on("annualPlans.year", "=", year))
      .select(["bases.id", "bases.name", "bases.hostOrgId"])
      .where("bases.status", "=", "active")
      .where((eb) => eb.or([eb("annualPlans.id", "is", null), eb("annualPlans.status", "in", ["draft", "returned"])]))
      .execute();
    let sent = 0;
    for (const base of bases) {
      await p.db.transaction().execute(async (trx) => {
        // The mark makes each reminder go out once, whichever instance runs the job.
        const marked = await trx
          .insertInto("jobMarks")
          .values({ key: `plan.reminder:${base.id}:${year}:${threshold}`, createdAt: p.clock.nowIso() })
          .onConflict((oc) => oc.column("key").doNothing())
          .returning("key")
          .executeTakeFirst();
        if (!marked) return;
        const daysLeft = daysBetween(today, dueDate);
        await notify(trx, ctx, await usersWithRole(trx, "base_staff", base.hostOrgId), "plan.reminder", { baseName: base.name, year, dueDate, daysLeft }, "/annual-plans");
        sent++;
      });
    }
    return { sent };
  },
};

/** One system step; a project someone changed meanwhile (returned, cancelled) is left for the next run. */
async function step(p: Platform, ctx: Ctx, id: string, action: "start" | "finish"): Promise<boolean> {
  try {
    await p.db.transaction().execute((trx) => runStep(trx, ctx, projectWorkflow, { id, action, system: true }));
    return true;
  } catch (e) {
    if (e instanceof DomainError) return false;
    throw e;
  }
}

export const projectStatusJob: Job = {
  name: "project.status",
  async run(p) {
    const ctx = systemCtx(p);
    const today = p.clock.today();
    let started = 0;
    let finished = 0;
    const toStart = await p.db.selectFrom("trainingProjects").select("id").where("status", "=", "filed").where("startDate", "<=", today).execute();
    for (const { id } of toStart) if (await step(p, ctx, id, "start")) started++;
    // Completed the day after the last day of class.
    const toFinish = await p.db.selectFrom("trainingProjects").select("id").where("status", "=", "running").where("endDate", "<", today).execute();
    for (const { id } of toFinish) if (await step(p, ctx, id, "finish")) finished++;
    return { started, finished };
  },
};

export const filingJobs: Job[] = [projectStatusJob, planReminderJob];

