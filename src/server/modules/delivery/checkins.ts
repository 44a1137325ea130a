// Check-in (签到) at each session (第十七条: sign-in records are part of the project's archive). Staff
// show a rotating code; the professional scans it and posts it signed in. The code is stateless: the
// session id and a 30-second window under an HMAC, so any app instance checks it without a lookup,
// and it is accepted for its own window and the next (30 s to show, 30 s to scan and send).
// One person has one check-in per session: a repeated check-in records nothing and answers the first.
import { timingSafeEqual } from "node:crypto";
import QRCode from "qrcode";
import { CHECK_IN_CODE_SECONDS, checkInWindow, type CheckInCodeView, type CheckInView, type SessionAttendanceView } from "../../../shared/delivery.js";
import { appendAudit, appendAuditBatch } from "../../platform/audit.js";
import { authorize, can } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { preparedQuery, preparedRows, type Db, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import type { Secrets } from "../../platform/secrets.js";
import { baseScope, requireText } from "../filing/bases.js";
import { CHECK_IN_WINDOW_DEFAULTS } from "../policy/defaults.js";
import { policyAt } from "../policy/service.js";
import { countEnrolled } from "./enrollments.js";
import { isDeliveryOpen, lockAttendance, projectInScope, sessionOf, type DeliveryProject, type DeliverySession } from "./project-facts.js";

const WINDOW_MS = CHECK_IN_CODE_SECONDS * 1000;
const MAC_PURPOSE = "check-in";
/** 22 base64url characters: 132 bits of the HMAC, enough against guessing and a smaller QR code. */
const MAC_LENGTH = 22;

type Method = CheckInView["method"];

// ---------------------------------------------------------------------------------------------
// The rotating code

const macOf = (secrets: Secrets, sessionId: string, window: number) => secrets.mac(MAC_PURPOSE, `${sessionId}.${window}`).slice(0, MAC_LENGTH);

export function checkInToken(secrets: Secrets, sessionId: string, window: number): string {
  return `${Buffer.from(`${sessionId}.${window}`).toString("base64url")}.${macOf(secrets, sessionId, window)}`;
}

/** The session a token names, when its signature holds and its window is the current or the one before. */
export function readCheckInToken(secrets: Secrets, token: string, nowMs: number): string | null {
  const dot = token.lastIndexOf(".");
  if (dot <= 0) return null;
  const payload = Buffer.from(token.slice(0, dot), "base64url").toString("utf8");
  const m = /^([0-9a-zA-Z_-]{1,64})\.(\d{1,12})$/.exec(payload);
  if (!m) return null;
  const [, sessionId, w] = m;
  const window = Number(w);
  const expected = Buffer.from(macOf(secrets, sessionId, window));
  const given = Buffer.from(token.slice(dot + 1));
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  const current = Math.floor(nowMs / WINDOW_MS);
  if (window < current - 1 || window > current) return null;
  return sessionId;
}

/** 第十七条: check-in happens on the session's own day, while the project is filed or under way. */
function requireCheckInOpen(ctx: Ctx, p: Pick<DeliveryProject, "status" | "concludedAt">, s: { date: string }): void {
  if (!isDeliveryOpen(p) || s.date !== ctx.clock.today()) throw new DomainError("CHECK_IN_NOT_OPEN", { date: s.date });
}

/** The session's check-in window under the policy in force on its day. */
async function checkInWindowOf(ctx: Ctx, s: { date: string; startTime: string; endTime: string }) {
  const { params } = await policyAt(ctx.db, s.date);
  return checkInWindow(s, { ...CHECK_IN_WINDOW_DEFAULTS, ...params });
}

/**
 * 第十七条 (sign-in records stand for presence at the session): its code is accepted from the policy's
 * `checkInOpensMinutesBefore` before the session starts to `checkInClosesMinutesAfter` after it ends
 * (Asia/Shanghai wall time), so a morning session's code is refused in the afternoon.
 */
async function requireWithinCheckInWindow(ctx: Ctx, s: { date: string; startTime: string; endTime: string }): Promise<void> {
  const window = await checkInWindowOf(ctx, s);
  const now = ctx.clock.now().getTime();
  if (now >= window.opensMs && now < window.closesMs) return;
  const details = { date: s.date, opensAt: window.opensAt, closesAt: window.closesAt };
  throw new DomainError(now < window.opensMs ? "CHECK_IN_NOT_YET_OPEN" : "CHECK_IN_CLOSED", details);
}

const countCheckedIn = async (trx: Tx, sessionId: string) =>
  Number((await trx.selectFrom("checkIns").select((eb) => eb.fn.countAll<number>().as("n")).where("sessionId", "=", sessionId).executeTakeFirstOrThrow()).n);

/** One QR image per token: every projector of a session asks for the same code within its window. */
const qrCache = new Map<string, string>();

async function qrDataUrl(url: string): Promise<string> {
  let qr = qrCache.get(url);
  if (!qr) {
    qr = await QRCode.toDataURL(url, { errorCorrectionLevel: "M", margin: 1, width: 480 });
    if (qrCache.size > 200) qrCache.clear();
    qrCache.set(url, qr);
  }
  return qr;
}

export async function checkInCode(ctx: Ctx, projectId: string, sessionId: string): Promise<CheckInCodeView> {
  const p = await projectInScope(ctx.db, ctx, projectId, "checkIn.open");
  const s = await sessionOf(ctx.db, p.id, sessionId);
  requireCheckInOpen(ctx, p, s);
  const window = Math.floor(ctx.clock.now().getTime() / WINDOW_MS);
  const token = checkInToken(ctx.secrets, s.id, window);
  const url = `${ctx.config.publicUrl}/check-in?token=${encodeURIComponent(token)}`;
  const [qr, checkedIn, enrolled, { opensAt, closesAt }] = await Promise.all([qrDataUrl(url), countCheckedIn(ctx.db, s.id), countEnrolled(ctx.db, p.id), checkInWindowOf(ctx, s)]);
  return {
    opensAt,
    closesAt,
    token,
    expiresAt: new Date((window + 2) * WINDOW_MS).toISOString(),
    refreshAt: new Date((window + 1) * WINDOW_MS).toISOString(),
    qr,
    url,
    checkedIn,
    enrolled,
  };
}

// ---------------------------------------------------------------------------------------------
// Recording a check-in

/** Where a QR check-in came from: the request's client address and user agent. */
export interface CheckInDevice {
  ip: string | null;
  userAgent: string | null;
}

/**
 * Issue 12 item 4 (第十七条: sign-in stands for the person's own presence): a keyed hash of the client
 * address and user agent, so one phone checking in many people shows in the data (risk flag
 * `proxy_checkin`) while the raw address and user agent are never stored. Without a platform secret
 * the hash cannot be reversed by guessing addresses.
 */
export function deviceHashOf(secrets: Secrets, device: CheckInDevice | undefined): string | null {
  if (!device || (!device.ip && !device.userAgent)) return null;
  return secrets.mac("check-in-device", `${device.ip ?? ""}\n${(device.userAgent ?? "").slice(0, 512)}`).slice(0, 32);
}

interface SessionFacts {
  projectId: string;
  projectTitle: string;
  sessionId: string;
  sessionTitle: string;
  date: string;
  startTime: string;
}

interface Recorded {
  view: CheckInView;
  created: boolean;
}

const viewOf = (f: SessionFacts, c: { id: string; professionalId: string; name: string; method: string; reason: string | null; checkedInAt: string }, repeated: boolean): CheckInView => ({
  id: c.id,
  sessionId: f.sessionId,
  projectId: f.projectId,
  projectTitle: f.projectTitle,
  sessionTitle: f.sessionTitle,
  date: f.date,
  startTime: f.startTime,
  professionalId: c.professionalId,
  name: c.name,
  method: c.method as Method,
  reason: c.reason,
  checkedInAt: c.checkedInAt,
  repeated,
});

// ---------------------------------------------------------------------------------------------
// Writing check-ins: group commit. A room checks in within a minute; each commit costs SQLite a WAL
// write and the audit chain a head read, so the arrivals of one moment share one transaction: one
// multi-row insert (the unique key keeps one row per person and session, however many posts arrive
// at once), one audit append of every new row, one commit. Each request is answered after the commit
// that holds its row; a batch that fails is retried one by one, so one bad row fails only itself.

interface PendingCheckIn {
  ctx: Ctx;
  f: SessionFacts;
  who: { professionalId: string; name: string };
  method: Method;
  reason: string | null;
  checkedInAt: string;
  deviceHash: string | null;
  resolve(r: Recorded): void;
  reject(e: unknown): void;
}

/** The most arrivals one transaction records (bounded statement size on both dialects). */
const MAX_BATCH = 200;

const auditOf = (f: SessionFacts, row: { id: string; professionalId: string; method: Method; reason: string | null }) => ({
  action: row.method === "qr" ? "checkIn.create" : `checkIn.${row.method}`,
  resourceType: "checkIn",
  resourceId: row.id,
  detail: { projectId: f.projectId, sessionId: f.sessionId, professionalId: row.professionalId, method: row.method, ...(row.reason ? { reason: row.reason } : {}) },
});

interface CheckInRow {
  id: string;
  sessionId: string;
  projectId: string;
  professionalId: string;
  method: Method;
  reason: string | null;
  recordedBy: string | null;
  checkedInAt: string;
  deviceHash: string | null;
}

/** The unique key (session, person) keeps the first row; the others insert nothing and return nothing. */
const insertCheckIns = preparedRows(["id", "sessionId", "projectId", "professionalId", "method", "reason", "recordedBy", "checkedInAt", "deviceHash"], (db, rows: CheckInRow[]) =>
  db
    .insertInto("checkIns")
    .values(rows)
    .onConflict((oc) => oc.columns(["sessionId", "professionalId"]).doNothing())
    .returning("id"),
);

async function writeBatch(db: Db, batch: PendingCheckIn[]): Promise<Recorded[]> {
  const rows: CheckInRow[] = batch.map((b) => ({
    id: newId(),
    sessionId: b.f.sessionId,
    projectId: b.f.projectId,
    professionalId: b.who.professionalId,
    method: b.method,
    reason: b.reason,
    recordedBy: b.ctx.actor?.id ?? null,
    checkedInAt: b.checkedInAt,
    deviceHash: b.deviceHash,
  }));
  return db.transaction().execute(async (trx) => {
    // 第十七条: once completion is decided the sign-in record is closed, even for a check-in that raced it.
    const projectIds = [...new Set(batch.map((b) => b.f.projectId))];
    await lockAttendance(trx, batch[0].ctx.dialect, projectIds);
    const concluded = await trx.selectFrom("trainingProjects").select("concludedAt").where("id", "in", projectIds).where("concludedAt", "is not", null).executeTakeFirst();
    if (concluded) throw new DomainError("ALREADY_CONCLUDED", { concludedAt: concluded.concludedAt });
    const inserted = new Set((await insertCheckIns(trx, rows)).map((r) => r.id));
    await appendAuditBatch(
      trx,
      batch.flatMap((b, i) => (inserted.has(rows[i].id) ? [{ ctx: b.ctx, input: auditOf(b.f, rows[i]) }] : [])),
    );
    // The others already had a check-in (earlier, or earlier in this batch): answer the one that stands.
    const others = rows.filter((r) => !inserted.has(r.id));
    const standing = others.length
      ? await trx
          .selectFrom("checkIns")
          .select(["id", "sessionId", "professionalId", "method", "reason", "checkedInAt"])
          .where((eb) => eb.or(others.map((r) => eb.and([eb("sessionId", "=", r.sessionId), eb("professionalId", "=", r.professionalId)]))))
          .execute()
      : [];
    return batch.map((b, i) => {
      if (inserted.has(rows[i].id)) return { created: true, view: viewOf(b.f, { ...rows[i], name: b.who.name }, false) };
      const first = standing.find((x) => x.sessionId === rows[i].sessionId && x.professionalId === rows[i].professionalId)!;
      return { created: false, view: viewOf(b.f, { ...first, name: b.who.name }, true) };
    });
  });
}

class CheckInWriter {
  private queue: PendingCheckIn[] = [];
  private draining = false;
  constructor(private readonly db: Db) {}

  write(item: Omit<PendingCheckIn, "resolve" | "reject">): Promise<Recorded> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...item, resolve, reject });
      if (!this.draining) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length) {
        // Let the requests of this turn of the event loop join the batch.
        await new Promise((r) => setImmediate(r));
        const batch = this.queue.splice(0, MAX_BATCH);
        try {
          const results = await writeBatch(this.db, batch);
          batch.forEach((b, i) => b.resolve(results[i]));
        } catch (e) {
          if (batch.length === 1) batch[0].reject(e);
          else for (const b of batch) await writeBatch(this.db, [b]).then(([r]) => b.resolve(r), b.reject);
        }
      }
    } finally {
      this.draining = false;
    }
  }
}

const writers = new WeakMap<Db, CheckInWriter>();

/**
 * Records the check-in unless the person already has one for the session, audits a new one, and
 * answers the row that stands (created or repeated).
 */
function record(ctx: Ctx, f: SessionFacts, who: { professionalId: string; name: string }, method: Method, reason: string | null, deviceHash: string | null = null): Promise<Recorded> {
  let writer = writers.get(ctx.db);
  if (!writer) writers.set(ctx.db, (writer = new CheckInWriter(ctx.db)));
  return writer.write({ ctx, f, who, method, reason, checkedInAt: ctx.clock.nowIso(), deviceHash });
}

/** The session, its project, the caller's enrolment and any check-in already made, in one read. */
const checkInFacts = preparedQuery(["sessionId", "professionalId"], (db, v: { sessionId: string; professionalId: string }) =>
  db
    .selectFrom("projectSessions as s")
    .innerJoin("trainingProjects as tp", "tp.id", "s.projectId")
    .leftJoin("enrollments as e", (join) => join.onRef("e.projectId", "=", "s.projectId").on("e.professionalId", "=", v.professionalId))
    .leftJoin("checkIns as c", (join) => join.onRef("c.sessionId", "=", "s.id").on("c.professionalId", "=", v.professionalId))
    .select([
      "s.projectId",
      "tp.title as projectTitle",
      "tp.status",
      "tp.concludedAt",
      "s.title as sessionTitle",
      "s.date",
      "s.startTime",
      "s.endTime",
      "e.status as enrolment",
      "c.id as checkInId",
      "c.method",
      "c.reason",
      "c.checkedInAt",
    ])
    .where("s.id", "=", v.sessionId),
);

/**
 * The hot path: a whole room checks in within a minute. One read (session, project, the caller's
 * enrolment and any check-in already made, together), then the group-committed write; nothing
 * decrypted.
 */
export async function checkIn(ctx: Ctx, token: string, device?: CheckInDevice): Promise<Recorded> {
  const actor = ctx.actor;
  authorize(actor, "checkIn.create");
  if (!actor!.roles.includes("professional")) throw new DomainError("NOT_A_PROFESSIONAL");
  const sessionId = readCheckInToken(ctx.secrets, token, ctx.clock.now().getTime());
  if (!sessionId) throw new DomainError("CHECK_IN_CODE_EXPIRED");
  const [row] = await checkInFacts(ctx.db, { sessionId, professionalId: actor!.id });
  if (!row) throw new DomainError("CHECK_IN_CODE_EXPIRED");
  requireCheckInOpen(ctx, row, row);
  await requireWithinCheckInWindow(ctx, row);
  if (row.enrolment !== "enrolled") throw new DomainError("NOT_ENROLLED", { projectId: row.projectId });
  const f: SessionFacts = { ...row, sessionId };
  const who = { professionalId: actor!.id, name: actor!.displayName };
  // A second scan answers the first check-in without writing anything.
  if (row.checkInId) return { created: false, view: viewOf(f, { id: row.checkInId, ...who, method: row.method!, reason: row.reason, checkedInAt: row.checkedInAt! }, true) };
  return record(ctx, f, who, "qr", null, deviceHashOf(ctx.secrets, device));
}

// ---------------------------------------------------------------------------------------------
// Staff: who is in, by hand, from the sheet

const factsOf = (p: DeliveryProject, s: DeliverySession): SessionFacts => ({
  projectId: p.id,
  projectTitle: p.title,
  sessionId: s.id,
  sessionTitle: s.title,
  date: s.date,
  startTime: s.startTime,
});

/** 第十七条: staff record attendance from the session's day on, until completion is decided. */
export function requireAttendanceEditable(ctx: Ctx, p: DeliveryProject, s: DeliverySession): void {
  if (p.concludedAt) throw new DomainError("ALREADY_CONCLUDED");
  if (!["filed", "running", "completed"].includes(p.status) || s.date > ctx.clock.today()) throw new DomainError("CHECK_IN_NOT_OPEN", { date: s.date });
}

export interface AttendanceRow {
  professionalId: string;
  name: string;
  idNumber: string;
  employer: string;
  enrollmentId: string;
  checkIn: CheckInView | null;
}

/** The enrolled people of a project with their check-in at one session (enrolment order). */
export async function attendanceRows(trx: Tx, p: DeliveryProject, s: DeliverySession): Promise<AttendanceRow[]> {
  const rows = await trx
    .selectFrom("enrollments as e")
    .innerJoin("users as u", "u.id", "e.professionalId")
    .innerJoin("professionals as pr", "pr.id", "e.professionalId")
    .leftJoin("checkIns as c", (join) => join.onRef("c.professionalId", "=", "e.professionalId").on("c.sessionId", "=", s.id))
    .select(["e.id as enrollmentId", "e.professionalId", "u.displayName as name", "u.idNumberMasked", "pr.employer", "c.id as checkInId", "c.method", "c.reason", "c.checkedInAt"])
    .where("e.projectId", "=", p.id)
    .where("e.status", "=", "enrolled")
    .orderBy("e.createdAt")
    .orderBy("e.id")
    .execute();
  const f = factsOf(p, s);
  return rows.map((r) => ({
    professionalId: r.professionalId,
    name: r.name,
    idNumber: r.idNumberMasked ?? "",
    employer: r.employer,
    enrollmentId: r.enrollmentId,
    checkIn: r.checkInId ? viewOf(f, { id: r.checkInId, professionalId: r.professionalId, name: r.name, method: r.method!, reason: r.reason, checkedInAt: r.checkedInAt! }, false) : null,
  }));
}

export async function sessionAttendance(ctx: Ctx, projectId: string, sessionId: string): Promise<SessionAttendanceView> {
  const p = await projectInScope(ctx.db, ctx, projectId, "checkIn.read");
  const s = await sessionOf(ctx.db, p.id, sessionId);
  const rows = await attendanceRows(ctx.db, p, s);
  // Who came in last first (the live list beside the projector), then those still expected.
  const sorted = [...rows.filter((r) => r.checkIn).sort((a, b) => (a.checkIn!.checkedInAt < b.checkIn!.checkedInAt ? 1 : -1)), ...rows.filter((r) => !r.checkIn)];
  const actions: string[] = [];
  const scope = baseScope(p);
  const today = ctx.clock.today();
  if (can(ctx.actor, "checkIn.open", scope) && isDeliveryOpen(p) && s.date === today) actions.push("openCode");
  if (can(ctx.actor, "checkIn.manual", scope) && !p.concludedAt && ["filed", "running", "completed"].includes(p.status) && s.date <= today) actions.push("manual", "import");
  return {
    session: { id: s.id, seq: s.seq, date: s.date, startTime: s.startTime, endTime: s.endTime, title: s.title, teacher: s.teacher, hours: s.hours },
    projectId: p.id,
    projectTitle: p.title,
    enrolled: rows.length,
    checkedIn: rows.filter((r) => r.checkIn).length,
    rows: sorted.map(({ enrollmentId: _e, ...r }) => r),
    availableActions: actions,
  };
}

/** 补签: staff check a person in by hand, with the reason on the record and in the audit log. */
export async function manualCheckIn(ctx: Ctx, projectId: string, sessionId: string, body: { professionalId: string; reason: string }): Promise<Recorded> {
  const p = await projectInScope(ctx.db, ctx, projectId, "checkIn.manual");
  const s = await sessionOf(ctx.db, p.id, sessionId);
  requireText(body.reason, 2, "补签原因");
  requireAttendanceEditable(ctx, p, s);
  const person = await ctx.db
    .selectFrom("enrollments as e")
    .innerJoin("users as u", "u.id", "e.professionalId")
    .select(["e.professionalId", "u.displayName as name"])
    .where("e.projectId", "=", p.id)
    .where("e.professionalId", "=", body.professionalId)
    .where("e.status", "=", "enrolled")
    .executeTakeFirst();
  if (!person) throw new DomainError("NOT_ENROLLED");
  return record(ctx, factsOf(p, s), person, "manual", body.reason.trim());
}

/** 签到表导入: the people marked present on the sheet, each recorded like a manual check-in. */
export async function importCheckIns(ctx: Ctx, p: DeliveryProject, s: DeliverySession, people: { professionalId: string; name: string }[], reason: string): Promise<{ imported: number; skipped: number }> {
  requireAttendanceEditable(ctx, p, s);
  return inTransaction(ctx, async (trx) => {
    const recorded: string[] = [];
    const checkedInAt = ctx.clock.nowIso();
    for (const who of people) {
      const id = newId();
      const inserted = await trx
        .insertInto("checkIns")
        .values({ id, sessionId: s.id, projectId: p.id, professionalId: who.professionalId, method: "import", reason, recordedBy: ctx.actor?.id ?? null, checkedInAt })
        .onConflict((oc) => oc.columns(["sessionId", "professionalId"]).doNothing())
        .returning("id")
        .executeTakeFirst();
      if (inserted) recorded.push(who.professionalId);
    }
    const imported = recorded.length;
    await appendAudit(trx, ctx, {
      action: "checkIn.import",
      resourceType: "projectSession",
      resourceId: s.id,
      detail: { projectId: p.id, sessionId: s.id, reason, imported, skipped: people.length - imported, professionalIds: recorded },
    });
    return { imported, skipped: people.length - imported };
  });
}
