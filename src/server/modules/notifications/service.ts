// In-app notifications: every step that hands work to someone else tells them.
import type { NotificationGroup } from "../../../shared/notifications.js";
import { Type, type Static } from "typebox";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";

export const NotificationView = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: "i18n key under notifications.*" }),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Null()])),
  link: Type.String(),
  createdAt: Type.String(),
  readAt: Type.Union([Type.String(), Type.Null()]),
});
export type NotificationView = Static<typeof NotificationView>;

/** Adds one notification per user, inside the caller's transaction. */
export async function notify(trx: Tx, ctx: Ctx, userIds: readonly string[], kind: string, params: Record<string, string | number | null>, link: string) {
  const unique = [...new Set(userIds)].filter((id) => id !== ctx.actor?.id);
  if (unique.length === 0) return;
  const createdAt = ctx.clock.nowIso();
  const json = JSON.stringify(params);
  // Everyone enrolled in a large course may be told at once: in slices, as one INSERT of thousands of
  // rows would pass SQLite's (32,766) and PostgreSQL's (65,535) limits on bound parameters.
  for (let i = 0; i < unique.length; i += NOTIFY_SLICE) {
    await trx
      .insertInto("notifications")
      .values(unique.slice(i, i + NOTIFY_SLICE).map((userId) => ({ id: newId(), userId, kind, params: json, link, createdAt, readAt: null })))
      .execute();
  }
}

/** Rows per INSERT of notifications (7 parameters each). */
const NOTIFY_SLICE = 1000;


export interface NotificationQuery {
  /** only the unread ones (the bell) */
  unread?: boolean;
  /** the notification centre's filters */
  state?: "unread" | "read";
  group?: NotificationGroup;
}

export async function listNotifications(ctx: Ctx, query: PageRequest & NotificationQuery): Promise<Page<NotificationView> & { unread: number }> {
  authorize(ctx.actor, "notification.read");
  const userId = ctx.actor!.id;
  const { page, pageSize, offset } = pageWindow(query);
  let q = ctx.db.selectFrom("notifications").where("userId", "=", userId);
  if (query.unread || query.state === "unread") q = q.where("readAt", "is", null);
  if (query.state === "read") q = q.where("readAt", "is not", null);
  if (query.group) q = q.where("kind", "like", `${query.group}.%`);
  const [total, unread, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    ctx.db.selectFrom("notifications").where("userId", "=", userId).where("readAt", "is", null).select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q.selectAll().orderBy("createdAt", "desc").orderBy("id", "desc").limit(pageSize).offset(offset).execute(),
  ]);
  return {
    items: rows.map((r) => ({ id: r.id, kind: r.kind, params: JSON.parse(r.params), link: r.link, createdAt: r.createdAt, readAt: r.readAt })),
    total: Number(total.n),
    unread: Number(unread.n),
    page,
    pageSize,
  };
}

export async function markRead(ctx: Ctx, id?: string): Promise<void> {
  authorize(ctx.actor, "notification.read");
  let q = ctx.db.updateTable("notifications").set({ readAt: ctx.clock.nowIso() }).where("userId", "=", ctx.actor!.id).where("readAt", "is", null);
  if (id) q = q.where("id", "=", id);
  const res = await q.executeTakeFirst();
  if (id && Number(res.numUpdatedRows) === 0) {
    const mine = await ctx.db.selectFrom("notifications").select("id").where("id", "=", id).where("userId", "=", ctx.actor!.id).executeTakeFirst();
    if (!mine) throw new DomainError("NOT_FOUND");
  }
}
