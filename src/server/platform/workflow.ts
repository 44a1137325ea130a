// The workflow engine (DESIGN.md "Workflows"): every workflow is declared once as a transition table
// `{ from, action, to, roles, article, guard? }`; this runner checks role and scope through the
// policy engine, runs the guard, moves the status with an optimistic version check (409 on a lost
// race), and writes a history row and an audit entry, all in one transaction.
import type { Kysely } from "kysely";
import type { Role } from "../../shared/roles.js";
import { appendAudit } from "./audit.js";
import { authorize, can, type ScopedResource } from "./authz.js";
import type { Ctx } from "./context.js";
import type { Tx } from "./db.js";
import { DomainError } from "./errors.js";
import { newId } from "./ids.js";

export interface WorkflowRecord {
  id: string;
  status: string;
  version: number;
}

export interface StepInput {
  comment?: string | null;
  payload?: Record<string, unknown>;
  /** Set when availableActions asks whether a step is possible now, before the user has given input. */
  probe?: boolean;
}

export interface Transition<R extends WorkflowRecord> {
  from: string | readonly string[];
  action: string;
  to: string;
  roles: readonly Role[];
  /** Taken by the platform itself (e.g. an objection from the public), never offered to a user. */
  system?: boolean;
  /** The article of the measures the step carries out, e.g. "第五条（二）". */
  article: string;
  /** Throws a DomainError when the step may not happen now; runs inside the transaction. */
  guard?: (trx: Tx, ctx: Ctx, record: R, input: StepInput) => Promise<void>;
  /** Further writes the step makes (e.g. publishing creates the base); same transaction. */
  effect?: (trx: Tx, ctx: Ctx, record: R, input: StepInput) => Promise<Record<string, unknown> | void>;
}

export interface Workflow<R extends WorkflowRecord> {
  /** Also the prefix of its grants: `<resourceType>.<action>`. */
  resourceType: string;
  table: string;
  initial: string;
  transitions: readonly Transition<R>[];
  /** The facts the policy engine scopes on. */
  scopeOf(record: R): ScopedResource;
  /** Turns a stored row into the record the guards see. */
  fromRow?(row: Record<string, unknown>): R;
  /** Loads the record with the facts its scope needs (e.g. the review panel); default: the row. */
  load?(trx: Tx, id: string): Promise<R | undefined>;
}

/** A step that must say why (return, reject, …): taken only with a comment; offered without one. */
export async function requireComment(_trx: Tx, _ctx: Ctx, _record: unknown, input: StepInput): Promise<void> {
  if (!input.probe && !input.comment?.trim()) throw new DomainError("COMMENT_REQUIRED");
}

export function defineWorkflow<R extends WorkflowRecord>(wf: Workflow<R>): Workflow<R> {
  const seen = new Set<string>();
  for (const t of wf.transitions) {
    for (const from of [t.from].flat()) {
      const key = `${from}:${t.action}`;
      if (seen.has(key)) throw new Error(`workflow ${wf.resourceType}: duplicate transition ${key}`);
      seen.add(key);
    }
    if (!t.article) throw new Error(`workflow ${wf.resourceType}: ${t.action} cites no article`);
  }
  return wf;
}

const fromList = (t: Transition<WorkflowRecord>) => [t.from].flat() as string[];

/** The actions this actor may take on this record now (role, scope and guard all pass). */
export async function availableActions<R extends WorkflowRecord>(trx: Tx, ctx: Ctx, wf: Workflow<R>, record: R): Promise<string[]> {
  const out: string[] = [];
  if (!can(ctx.actor, `${wf.resourceType}.read`, wf.scopeOf(record))) return out;
  for (const t of wf.transitions) {
    if (t.system || !fromList(t as never).includes(record.status)) continue;
    if (!can(ctx.actor, `${wf.resourceType}.${t.action}`, wf.scopeOf(record), t.roles)) continue;
    if (t.guard) {
      try {
        await t.guard(trx, ctx, record, { probe: true });
      } catch (e) {
        if (e instanceof DomainError) continue;
        throw e;
      }
    }
    out.push(t.action);
  }
  return out;
}

async function loadRecord<R extends WorkflowRecord>(trx: Tx, wf: Workflow<R>, id: string): Promise<R | undefined> {
  if (wf.load) return wf.load(trx, id);
  const row = await (trx as unknown as Kysely<any>).selectFrom(wf.table).selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) return undefined;
  return wf.fromRow ? wf.fromRow(row) : (row as R);
}

export interface StepRequest extends StepInput {
  id: string;
  action: string;
  /** The version the client saw; a mismatch answers 409 before anything runs. */
  version?: number;
  /** A step the platform takes on its own (only transitions marked `system`). */
  system?: boolean;
}

export interface StepResult<R> {
  record: R;
  from: string;
  to: string;
}

/** Runs one step inside the caller's transaction. */
export async function runStep<R extends WorkflowRecord>(trx: Tx, ctx: Ctx, wf: Workflow<R>, req: StepRequest): Promise<StepResult<R>> {
  const record = await loadRecord(trx, wf, req.id);
  const readable = record && (req.system || can(ctx.actor, `${wf.resourceType}.read`, wf.scopeOf(record)));
  if (!record || !readable) throw new DomainError("NOT_FOUND");
  // Before the status check: a client whose copy is stale (it lost a race) hears "reload", not
  // "not available in a status it never saw".
  if (req.version !== undefined && req.version !== record.version) {
    throw new DomainError("VERSION_CONFLICT", { currentVersion: record.version });
  }
  const transition = wf.transitions.find(
    (t) => t.action === req.action && !!t.system === !!req.system && fromList(t as never).includes(record.status),
  );
  if (!transition) {
    const known = wf.transitions.some((t) => t.action === req.action);
    if (!known) throw new DomainError("ROUTE_NOT_FOUND", { action: req.action });
    throw new DomainError("WORKFLOW_ACTION_UNAVAILABLE", { action: req.action, status: record.status });
  }
  if (!transition.system) authorize(ctx.actor, `${wf.resourceType}.${req.action}`, wf.scopeOf(record), transition.roles);
  await transition.guard?.(trx, ctx, record, req);

  const now = ctx.clock.nowIso();
  const updated = await (trx as unknown as Kysely<any>)
    .updateTable(wf.table)
    .set({ status: transition.to, version: record.version + 1, updatedAt: now })
    .where("id", "=", record.id)
    .where("version", "=", record.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");

  const effectDetail = (await transition.effect?.(trx, ctx, { ...record, status: transition.to }, req)) ?? {};
  await trx
    .insertInto("workflowHistory")
    .values({
      id: newId(),
      resourceType: wf.resourceType,
      resourceId: record.id,
      action: req.action,
      fromStatus: record.status,
      toStatus: transition.to,
      actorId: ctx.actor?.id ?? null,
      actorName: ctx.actor?.displayName ?? null,
      comment: req.comment ?? null,
      at: now,
    })
    .execute();
  await appendAudit(trx, ctx, {
    action: `${wf.resourceType}.${req.action}`,
    resourceType: wf.resourceType,
    resourceId: record.id,
    detail: { from: record.status, to: transition.to, article: transition.article, ...effectDetail },
  });
  const after = await loadRecord(trx, wf, record.id);
  return { record: after as R, from: record.status, to: transition.to };
}

export interface HistoryEntry {
  action: string;
  fromStatus: string;
  toStatus: string;
  actorId: string | null;
  actorName: string | null;
  comment: string | null;
  at: string;
}

export async function historyOf(trx: Tx, resourceType: string, resourceId: string): Promise<HistoryEntry[]> {
  return trx
    .selectFrom("workflowHistory")
    .select(["action", "fromStatus", "toStatus", "actorId", "actorName", "comment", "at"])
    .where("resourceType", "=", resourceType)
    .where("resourceId", "=", resourceId)
    .orderBy("at")
    .orderBy("id")
    .execute();
}
