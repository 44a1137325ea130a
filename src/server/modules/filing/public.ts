// The public training calendar (no sign-in): filed projects only (第十七条: nothing unfiled runs in a
// base's name), searchable, and the same list as an iCalendar feed to subscribe to.
import { PUBLIC_PROJECT_STATUSES, type ProjectCategory, type PublicProjectView, type SubjectType, type TrainingMode } from "../../../shared/filing.js";
import type { Ctx } from "../../platform/context.js";
import { DomainError } from "../../platform/errors.js";
import { keysetPage, type KeysetList, type KeysetRequest } from "../../platform/keyset.js";
import type { KeysetPaged } from "../../../shared/api.js";
import { addDays } from "../../platform/calendar.js";
import { containsText } from "../../platform/search.js";
import { CATEGORY_NAMES } from "./categories.js";
import { basesNamed, titleOrBaseLike } from "./projects.js";

export interface PublicFilter {
  from?: string;
  to?: string;
  specialty?: string;
  subjectType?: SubjectType;
  /** 第十条 */
  category?: ProjectCategory;
  district?: string;
  baseId?: string;
  q?: string;
}

/** `namedBaseIds`: basesNamed(f.q), read before the query is built. */
function publicQuery(ctx: Ctx, f: PublicFilter, namedBaseIds: readonly string[]) {
  let q = ctx.db
    .selectFrom("trainingProjects")
    .innerJoin("bases", "bases.id", "trainingProjects.baseId")
    .where("trainingProjects.status", "in", [...PUBLIC_PROJECT_STATUSES])
    .where("trainingProjects.filingNo", "is not", null)
    // 第十三、二十条: a revoked base's courses leave the public calendar (those running may finish)
    .where("bases.status", "!=", "revoked");
  if (f.from) q = q.where("trainingProjects.endDate", ">=", f.from);
  if (f.to) q = q.where("trainingProjects.startDate", "<=", f.to);
  if (f.specialty) q = q.where(containsText("trainingProjects.specialty", f.specialty));
  if (f.subjectType) q = q.where("trainingProjects.subjectType", "=", f.subjectType);
  if (f.category) q = q.where("trainingProjects.category", "=", f.category);
  if (f.district) q = q.where("bases.district", "=", f.district);
  if (f.baseId) q = q.where("trainingProjects.baseId", "=", f.baseId);
  if (f.q?.trim()) q = q.where(titleOrBaseLike(ctx.db, f.q, namedBaseIds));
  return q;
}

const COLUMNS = [
  "trainingProjects.id",
  "trainingProjects.status",
  "trainingProjects.baseId",
  "bases.name as baseName",
  "bases.district",
  "trainingProjects.title",
  "trainingProjects.subjectType",
  "trainingProjects.category",
  "trainingProjects.specialty",
  "trainingProjects.startDate",
  "trainingProjects.endDate",
  "trainingProjects.hours",
  "trainingProjects.mode",
  "trainingProjects.venue",
  "trainingProjects.capacity",
  "trainingProjects.feeFen",
  "trainingProjects.filingNo",
] as const;

async function withSessions(ctx: Ctx, rows: Array<Record<string, unknown> & { id: string }>): Promise<PublicProjectView[]> {
  const ids = rows.map((r) => r.id);
  const sessions = ids.length
    ? await ctx.db
        .selectFrom("projectSessions")
        .select(["projectId", "date", "startTime", "endTime", "title", "teacher", "hours"])
        .where("projectId", "in", ids)
        .orderBy("projectId")
        .orderBy("seq")
        .execute()
    : [];
  const counts = ids.length
    ? await ctx.db
        .selectFrom("enrollments")
        .select(["projectId", (eb) => eb.fn.countAll<number>().as("n")])
        .where("projectId", "in", ids)
        .where("status", "=", "enrolled")
        .groupBy("projectId")
        .execute()
    : [];
  const enrolledIn = new Map(counts.map((c) => [c.projectId, Number(c.n)]));
  return rows.map((r) => ({
    ...(r as unknown as PublicProjectView),
    enrolled: enrolledIn.get(r.id) ?? 0,
    seatsLeft: Math.max(0, Number(r.capacity) - (enrolledIn.get(r.id) ?? 0)),
    status: r.status as PublicProjectView["status"],
    subjectType: r.subjectType as SubjectType,
    category: r.category as ProjectCategory,
    mode: r.mode as TrainingMode,
    hours: Number(r.hours),
    capacity: Number(r.capacity),
    feeFen: Number(r.feeFen),
    sessions: sessions.filter((s) => s.projectId === r.id).map(({ projectId: _p, ...s }) => ({ ...s, hours: Number(s.hours) })),
  }));
}

/** The calendar's order, soonest first; both keys one way, one range of training_projects_start_id_idx. */
const CALENDAR_ORDER: KeysetList<Record<string, unknown> & { id: string; startDate: string }> = {
  keys: [
    { ref: "trainingProjects.startDate", dir: "asc" },
    { ref: "trainingProjects.id", dir: "asc" },
  ],
  select: (q) => q.select(COLUMNS),
  keyOf: (r) => [r.startDate, r.id],
};

export async function listPublicProjects(ctx: Ctx, f: KeysetRequest & PublicFilter): Promise<KeysetPaged<PublicProjectView>> {
  const paged = await keysetPage(ctx.db, publicQuery(ctx, f, await basesNamed(ctx.db, f.q)), CALENDAR_ORDER, f);
  return { ...paged, items: await withSessions(ctx, paged.items) };
}

export async function publicProject(ctx: Ctx, id: string): Promise<PublicProjectView> {
  const row = await publicQuery(ctx, {}, []).select(COLUMNS).where("trainingProjects.id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  return (await withSessions(ctx, [row]))[0];
}

/** RFC 5545 text: escape, then fold lines at 75 octets (UTF-8 aware, never splitting a character). */
function escapeText(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/;/g, "\\;").replace(/,/g, "\\,").replace(/\r?\n/g, "\\n");
}

export function fold(line: string): string {
  const out: string[] = [];
  let current = "";
  let octets = 0;
  for (const ch of line) {
    const n = Buffer.byteLength(ch);
    if (octets + n > (out.length === 0 ? 75 : 74)) {
      out.push(current);
      current = "";
      octets = 0;
    }
    current += ch;
    octets += n;
  }
  out.push(current);
  return out.join("\r\n ");
}

const icsDate = (d: string) => d.replace(/-/g, "");
/** A session's Beijing date and "HH:MM" as an iCalendar local date-time (to be read with TZID=Asia/Shanghai). */
const icsLocal = (date: string, time: string) => `${icsDate(date)}T${time.replace(/:/g, "").padEnd(6, "0").slice(0, 6)}`;

/** At most this many projects in one feed: a calendar client polls it, so it stays small. */
const ICS_LIMIT = 1000;

const TZID = "Asia/Shanghai";
/** China has kept UTC+8 without daylight saving since 1991: one STANDARD rule describes every date the platform has. */
const VTIMEZONE = ["BEGIN:VTIMEZONE", `TZID:${TZID}`, `X-LIC-LOCATION:${TZID}`, "BEGIN:STANDARD", "TZOFFSETFROM:+0800", "TZOFFSETTO:+0800", "TZNAME:CST", "DTSTART:19700101T000000", "END:STANDARD", "END:VTIMEZONE"];

/**
 * The public calendar as an iCalendar feed (RFC 5545): one timed event per session of a project, in
 * Beijing time, so a subscriber sees when to be in class; a project with no sessions is one all-day event
 * over its dates. A session's UID is its id, which edits of the project keep, so a client updates the
 * event instead of adding another.
 */
export async function publicProjectsIcs(ctx: Ctx, f: PublicFilter, cityName: string): Promise<string> {
  const today = ctx.clock.today();
  const rows = await publicQuery(ctx, { from: addDays(today, -90), ...f }, await basesNamed(ctx.db, f.q))
    .select(COLUMNS)
    .orderBy("trainingProjects.startDate")
    .limit(ICS_LIMIT)
    .execute();
  const ids = rows.map((r) => r.id);
  const sessions = ids.length
    ? await ctx.db
        .selectFrom("projectSessions")
        .select(["id", "projectId", "seq", "date", "startTime", "endTime", "title", "teacher", "hours"])
        .where("projectId", "in", ids)
        .orderBy("projectId")
        .orderBy("seq")
        .execute()
    : [];
  const sessionsOf = new Map<string, typeof sessions>();
  for (const s of sessions) sessionsOf.set(s.projectId, [...(sessionsOf.get(s.projectId) ?? []), s]);
  const stamp = ctx.clock.nowIso().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//cebase//training calendar//ZH",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(`${cityName}专业技术人员继续教育培训日历`)}`,
    `X-WR-TIMEZONE:${TZID}`,
    ...VTIMEZONE,
  ];
  for (const r of rows) {
    const subject = r.subjectType === "general" ? "公需科目" : "专业科目";
    const about = `${r.baseName}｜${CATEGORY_NAMES[r.category as ProjectCategory] ?? ""}｜${subject}｜${Number(r.hours)} 学时｜备案号 ${r.filingNo}`;
    const common = [`DTSTAMP:${stamp}`, `LOCATION:${escapeText(r.venue)}`, `URL:${ctx.config.publicUrl}/public/trainings/${r.id}`];
    const own = sessionsOf.get(r.id) ?? [];
    if (own.length === 0) {
      lines.push(
        "BEGIN:VEVENT",
        `UID:${r.id}@cebase`,
        `DTSTART;VALUE=DATE:${icsDate(r.startDate)}`,
        `DTEND;VALUE=DATE:${icsDate(addDays(r.endDate, 1))}`,
        `SUMMARY:${escapeText(r.title)}`,
        `DESCRIPTION:${escapeText(about)}`,
        ...common,
        "END:VEVENT",
      );
      continue;
    }
    for (const s of own) {
      lines.push(
        "BEGIN:VEVENT",
        `UID:${s.id}@cebase`,
        `DTSTART;TZID=${TZID}:${icsLocal(s.date, s.startTime)}`,
        `DTEND;TZID=${TZID}:${icsLocal(s.date, s.endTime)}`,
        `SUMMARY:${escapeText(`${r.title}（第 ${Number(s.seq) + 1} 次课：${s.title}）`)}`,
        `DESCRIPTION:${escapeText(`授课教师：${s.teacher}｜本次 ${Number(s.hours)} 学时\n${about}`)}`,
        ...common,
        "END:VEVENT",
      );
    }
  }
  lines.push("END:VCALENDAR");
  return lines.map(fold).join("\r\n") + "\r\n";
}
