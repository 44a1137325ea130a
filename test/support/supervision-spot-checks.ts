// Fixture builders of comprehensive reviews and 双随机 spot checks (第十九条): draws through the API,
// outcomes for every drawn base, and a finalized inspection written straight into the database (the
// board shows it beside the bureau's own score).
import { expect } from "vitest";
import { newId } from "../../src/server/platform/ids.js";
import type { OutcomeInput } from "../../src/shared/supervision/spot-checks.js";
import { filingCast, ok, type FilingCast } from "./filing.js";
import type { Client, TestServer } from "./harness.js";

export interface SpotCheckCast extends FilingCast {
  expert3: Client;
  /** Expert user ids by username. */
  experts: Record<"expert1" | "expert2" | "expert3", string>;
}

export async function spotCheckCast(s: TestServer): Promise<SpotCheckCast> {
  const c = await filingCast(s);
  const users = ok(await c.bureau.get("/api/v1/users?role=expert&pageSize=200")).items;
  const id = (u: string) => users.find((x: any) => x.username === u).id as string;
  return { ...c, expert3: await s.as("expert3"), experts: { expert1: id("expert1"), expert2: id("expert2"), expert3: id("expert3") } };
}

export interface DrawBody {
  year?: number;
  kind?: "spot_check" | "comprehensive";
  baseCount?: number;
  inspectorCount?: number;
  seed?: string;
  title?: string;
}

export const draw = (c: FilingCast, body: DrawBody, who: Client = c.bureau) => who.post("/api/v1/spot-checks", { year: 2026, baseCount: 1, inspectorCount: 1, ...body });

/** A drawn spot check or review (201). */
export async function givenSpotCheck(c: FilingCast, body: DrawBody): Promise<any> {
  return ok(await draw(c, body), 201);
}

export const outcomeOf = (c: FilingCast, sc: { id: string }, baseId: string, body: OutcomeInput) => c.bureau.put(`/api/v1/spot-checks/${sc.id}/outcomes/${baseId}`, body);

export const step = (c: FilingCast, sc: { id: string; version: number }, action: "publish" | "conclude") =>
  c.bureau.post(`/api/v1/spot-checks/${sc.id}/actions/${action}`, { version: sc.version });

/** Records `pass` for every base without an outcome yet; answers the review as it then stands. */
export async function passTheRest(c: FilingCast, sc: any): Promise<any> {
  let view = ok(await c.bureau.get(`/api/v1/spot-checks/${sc.id}`));
  for (const o of view.outcomes.filter((x: any) => !x.outcome)) {
    view = ok(await outcomeOf(c, view, o.baseId, { outcome: "pass", comment: "各项工作符合要求" }));
  }
  return view;
}

/** A review drawn and published, with the given outcomes and `pass` for the rest, then concluded. */
export async function concludeWith(c: FilingCast, sc: any, outcomes: Record<string, OutcomeInput>): Promise<any> {
  let view = ok(await step(c, sc, "publish"));
  for (const [baseId, body] of Object.entries(outcomes)) view = ok(await outcomeOf(c, view, baseId, body));
  view = await passTheRest(c, view);
  const done = ok(await step(c, view, "conclude"));
  expect(done.status).toBe("concluded");
  return done;
}

/** 第十八条: a finalized inspection of the base for the year, as the inspections area would leave it. */
export async function givenFinalizedInspection(s: TestServer, baseId: string, year: number, totalScore: number, grade: string): Promise<string> {
  const db = s.app.platform.db;
  const base = await db.selectFrom("bases").select("supervisorOrgId").where("id", "=", baseId).executeTakeFirstOrThrow();
  const id = newId();
  const now = s.clock.nowIso();
  await db
    .insertInto("inspections")
    .values({
      id,
      baseId,
      supervisorOrgId: base.supervisorOrgId,
      year,
      status: "finalized",
      scheme: "{}",
      facts: "{}",
      scores: "{}",
      totalScore,
      grade,
      summary: "",
      answer: null,
      answerFileIds: "[]",
      answerDue: null,
      submittedAt: now,
      answeredAt: null,
      finalizedAt: now,
      finalComment: null,
      createdBy: null,
      createdAt: now,
      updatedAt: now,
      version: 3,
    })
    .execute();
  return id;
}
