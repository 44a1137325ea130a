// Enrolment (报名) in a filed training project (第十七条): a professional enrols themselves, or the
// base enrols a person it names (found by ID number, or registered on the spot, 第二十四条). Capacity
// is decided under a per-project lock, so simultaneous enrolments never overfill a course.
import { sql, type ExpressionBuilder } from "kysely";
import type { ClaimCodeView, EnrollmentCreateBody, EnrollmentView, MyEnrollmentView } from "../../../shared/delivery.js";
import type { SubjectType } from "../../../shared/filing.js";
import { isValidIdNumber } from "../../../shared/identifiers.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { lockNamed, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { errorMessage } from "../../../shared/errors.js";
import { newId } from "../../platform/ids.js";
import { keysetPage, type KeysetList, type KeysetRequest } from "../../platform/keyset.js";
import type { KeysetPaged } from "../../../shared/api.js";
import { auditPersonalDataRead } from "../audit/personal-data.js";
import { baseScope } from "../filing/bases.js";
import { containsText, indexedTextMatch, notIndexed, PROFESSIONAL_NAME } from "../../platform/search.js";
import { idNumberHashOf, normalizeIdNumber } from "../professionals/identity.js";
import { findOrRegisterPerson, requireProfessional, UNCLAIMED_PASSWORD, type PersonFacts } from "../professionals/profiles.js";
import { isDeliveryOpen, loadDeliveryProject, projectInScope, type DeliveryProject } from "./project-facts.js";

type Source = EnrollmentView["source"];

/** 第十七条: enrolment is open while the project is filed or under way, up to its last day. */
function requireEnrolmentOpen(ctx: Ctx, p: DeliveryProject): void {
  if (!isDeliveryOpen(p) || ctx.clock.today() > p.endDate) throw new DomainError("PROJECT_NOT_FILED", { status: p.status });
}

/** An enrolment may change (be cancelled) only before class start. */
const isBeforeStart = (ctx: Ctx, p: { startDate: string }) => ctx.clock.today() < p.startDate;

const enrolmentScope = (p: { hostOrgId: string; supervisorOrgId: string }, professionalId: string) => ({ ...baseScope(p), userId: professionalId });

// ---------------------------------------------------------------------------------------------
// Enrolling

/**
 * Enrols one person, under the project's lock: refuses a second enrolment, a full course, and
 * re-activates a cancelled one. Answers the enrolment id and whether a person was newly registered.
 */
/**
 * Enrols one person under the project's enrolment lock. `seats`: the project's enrolled count, read once
 * under the lock by a caller enrolling many (an import of 5,000 counted the growing roll once a row), and
 * kept up to date here.
 */
async function enrolOne(trx: Tx, ctx: Ctx, p: DeliveryProject, professionalId: string, source: Source, seats?: { enrolled: number }): Promise<{ id: string; already: boolean }> {
  // 第十九条, 第二十条: nobody enrols under a revoked base, not even in a project it may still finish.
  const base = await trx.selectFrom("bases").select("status").where("id", "=", p.baseId).executeTakeFirst();
  if (base?.status === "revoked") throw new DomainError("BASE_NOT_ACTIVE_FOR_ENROLMENT");
  const existing = await trx
    .selectFrom("enrollments")
    .select(["id", "status", "version"])
    .where("projectId", "=", p.id)
    .where("professionalId", "=", professionalId)
    .executeTakeFirst();
  if (existing?.status === "enrolled") return { id: existing.id, already: true };
  const enrolled = seats ? seats.enrolled : await countEnrolled(trx, p.id);
  // 第十七条: the filed capacity is the most the course takes.
  if (enrolled >= p.capacity) throw new DomainError("CAPACITY_FULL", { capacity: p.capacity });
  if (seats) seats.enrolled++;
  const now = ctx.clock.nowIso();
  let id: string;
  if (existing) {
    id = existing.id;
    await trx
      .updateTable("enrollments")
      .set({ status: "enrolled", source, createdBy: ctx.actor?.id ?? null, updatedAt: now, version: Number(existing.version) + 1 })
      .where("id", "=", id)
      .execute();
  } else {
    id = newId();
    await trx
      .insertInto("enrollments")
      .values({ id, projectId: p.id, professionalId, status: "enrolled", source, completed: null, attendedSessions: null, createdBy: ctx.actor?.id ?? null, createdAt: now, updatedAt: now, version: 1 })
      .execute();
  }
  await appendAudit(trx, ctx, {
    action: existing ? "enrollment.reactivate" : "enrollment.create",
    resourceType: "enrollment",
    resourceId: id,
    detail: { projectId: p.id, professionalId, source },
  });
  return { id, already: false };
}

/** Serializes the decisions over one project's places until commit (SQLite already runs one writer). */
const lockProjectEnrolment = (trx: Tx, ctx: Ctx, projectId: string) => lockNamed(trx, ctx.dialect, `enrollment:${projectId}`);

export async function enrol(ctx: Ctx, projectId: string, body: EnrollmentCreateBody): Promise<EnrollmentView> {
  const actor = ctx.actor;
  return inTransaction(ctx, async (trx) => {
    const p = await loadDeliveryProject(trx, projectId);
    let professionalId: string;
    let source: Source;
    let claimCode: ClaimCodeView | undefined;
    if (body.person || body.professionalId) {
      // Base staff name the person; a professional may name only themselves.
      if (!p) {
        authorize(actor, "enrollment.create");
        throw new DomainError("NOT_FOUND");
      }
      if (body.person) {
        authorize(actor, "enrollment.create", baseScope(p));
        authorize(actor, "professional.create");
      } else {
        authorize(actor, "enrollment.create", enrolmentScope(p, body.professionalId!));
      }
      requireEnrolmentOpen(ctx, p);
      await lockProjectEnrolment(trx, ctx, p.id);
      if (body.person) {
        ({ professionalId, claimCode } = await findOrRegisterPerson(trx, ctx, body.person));
      } else {
        const known = await trx.selectFrom("professionals").select("id").where("id", "=", body.professionalId!).executeTakeFirst();
        if (!known) throw new DomainError("NOT_FOUND");
        professionalId = known.id;
      }
      source = professionalId === actor?.id ? "self" : "staff";
    } else {
      authorize(actor, "enrollment.create");
      // A course never filed is as unknown to the public as a made-up id.
      if (!p || p.status === "draft") throw new DomainError("NOT_FOUND");
      if (!actor!.roles.includes("professional") && can(actor, "enrollment.create", baseScope(p))) throw new DomainError("PERSON_REQUIRED");
      professionalId = await requireProfessional(trx, ctx);
      requireEnrolmentOpen(ctx, p);
      await lockProjectEnrolment(trx, ctx, p.id);
      source = "self";
    }
    const { id, already } = await enrolOne(trx, ctx, p, professionalId, source);
    if (already) throw new DomainError("ALREADY_ENROLLED");
    const view = await enrollmentView(trx, ctx, id);
    // issue 10 item 2: the enrolment confirmation shows, once, the code of a person it registered
    return claimCode ? { ...view, claimCode } : view;
  });
}

// ---------------------------------------------------------------------------------------------
// Cancelling

export async function cancelEnrolment(ctx: Ctx, id: string, body: { version?: number; reason?: string }): Promise<EnrollmentView> {
  return inTransaction(ctx, async (trx) => {
    const e = await trx.selectFrom("enrollments").select(["id", "projectId", "professionalId", "status", "version"]).where("id", "=", id).executeTakeFirst();
    const p = e ? await loadDeliveryProject(trx, e.projectId) : undefined;
    if (!e || !p) {
      authorize(ctx.actor, "enrollment.cancel");
      throw new DomainError("NOT_FOUND");
    }
    authorize(ctx.actor, "enrollment.cancel", enrolmentScope(p, e.professionalId));
    const version = Number(e.version);
    if (body.version !== undefined && body.version !== version) throw new DomainError("VERSION_CONFLICT", { currentVersion: version });
    if (e.status === "enrolled") {
      // 第十七条: once class has started the attendance record stands; the enrolment no longer changes.
      if (!isBeforeStart(ctx, p) || p.concludedAt) throw new DomainError("ENROLLMENT_CLOSED");
      const res = await trx
        .updateTable("enrollments")
        .set({ status: "cancelled", updatedAt: ctx.clock.nowIso(), version: version + 1 })
        .where("id", "=", id)
        .where("version", "=", version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
      await appendAudit(trx, ctx, {
        action: "enrollment.cancel",
        resourceType: "enrollment",
        resourceId: id,
        detail: { projectId: p.id, professionalId: e.professionalId, by: e.professionalId === ctx.actor?.id ? "self" : "staff", reason: body.reason?.trim() || null },
      });
    }
    return enrollmentView(trx, ctx, id);
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

function enrolmentQuery(trx: Tx) {
  return trx
    .selectFrom("enrollments as e")
    .innerJoin("trainingProjects", "trainingProjects.id", "e.projectId")
    .innerJoin("bases", "bases.id", "trainingProjects.baseId")
    .innerJoin("users", "users.id", "e.professionalId")
    .innerJoin("professionals", "professionals.id", "e.professionalId");
}

const VIEW_COLUMNS = (eb: ExpressionBuilder<any, any>) => [
  "e.id",
  "e.projectId",
  "trainingProjects.title as projectTitle",
  "trainingProjects.startDate",
  "trainingProjects.concludedAt",
  "bases.hostOrgId",
  "bases.supervisorOrgId",
  "e.professionalId",
  "users.displayName as name",
  "users.idNumberMasked",
  // issue 10 item 2: a person not yet signed up, for whom staff may issue a claim code from this row
  eb("users.passwordHash", "=", UNCLAIMED_PASSWORD).as("unclaimed"),
  "professionals.employer",
  "professionals.title",
  "e.status",
  "e.source",
  "e.completed",
  "e.createdAt",
  "e.version",
  eb
    .selectFrom("checkIns")
    .select((x: ExpressionBuilder<any, any>) => x.fn.countAll().as("n"))
    .whereRef("checkIns.projectId", "=", "e.projectId")
    .whereRef("checkIns.professionalId", "=", "e.professionalId")
    .as("attendedSessions"),
  eb
    .selectFrom("projectSessions")
    .select((x: ExpressionBuilder<any, any>) => x.fn.countAll().as("n"))
    .whereRef("projectSessions.projectId", "=", "e.projectId")
    .as("sessionCount"),
  eb
    .selectFrom("certificates")
    .select("certificates.id")
    .whereRef("certificates.projectId", "=", "e.projectId")
    .whereRef("certificates.professionalId", "=", "e.professionalId")
    .as("certificateId"),
];

type Row = Record<string, any>;

function present(ctx: Ctx, r: Row): EnrollmentView {
  const actions: string[] = [];
  if (r.status === "enrolled" && !r.concludedAt && isBeforeStart(ctx, r as { startDate: string }) && can(ctx.actor, "enrollment.cancel", enrolmentScope(r as never, r.professionalId))) {
    actions.push("cancel");
  }
  if (Number(r.unclaimed) && can(ctx.actor, "professional.issueClaimCode", baseScope(r as never))) actions.push("issueClaimCode");
  return {
    id: r.id,
    projectId: r.projectId,
    projectTitle: r.projectTitle,
    professionalId: r.professionalId,
    name: r.name,
    idNumber: r.idNumberMasked ?? "",
    employer: r.employer,
    title: r.title,
    status: r.status,
    source: r.source,
    attendedSessions: Number(r.attendedSessions ?? 0),
    sessionCount: Number(r.sessionCount ?? 0),
    completed: r.completed === null || r.completed === undefined ? null : !!Number(r.completed),
    certificateId: r.certificateId ?? null,
    createdAt: r.createdAt,
    availableActions: actions,
    version: Number(r.version),
  };
}

export async function enrollmentView(trx: Tx, ctx: Ctx, id: string): Promise<EnrollmentView> {
  const row = await enrolmentQuery(trx)
    .select((eb) => VIEW_COLUMNS(eb) as never)
    .where("e.id", "=", id)
    .executeTakeFirstOrThrow();
  return present(ctx, row as Row);
}

export interface EnrolmentFilter {
  keyword?: string;
  employer?: string;
  status?: EnrollmentView["status"];
}

/**
 * The keyword finds one whole ID number, the visible digits of ID numbers, or a name (issue 13: a roster
 * of 50,000 read row by row for every search held the server; the name goes through the name index,
 * search.ts, and then the project's enrolments of those people, enrollments (project_id, professional_id)).
 */
function keywordWhere(ctx: Ctx, keyword: string) {
  const k = keyword.trim();
  return (eb: ExpressionBuilder<any, any>) => {
    // A whole ID number names one person: its keyed hash alone, one index look-up, not a scan of the roll.
    if (isValidIdNumber(normalizeIdNumber(k))) return eb("users.idNumberHash", "=", idNumberHashOf(ctx.secrets, k));
    // digits (and X): the visible part of the masked ID numbers, 3710**********1234
    if (isIdDigits(k)) return containsText("users.idNumberMasked", k);
    return eb("e.professionalId", "in", ctx.db.selectFrom("users").select("users.id").where(() => indexedTextMatch(ctx.db, PROFESSIONAL_NAME, k)));
  };
}

const isIdDigits = (k: string) => /^[0-9xX]+$/.test(k);

function filteredQuery(ctx: Ctx, projectId: string, f: EnrolmentFilter) {
  const k = f.keyword?.trim() ?? "";
  // A name of two characters or more is had by few: the query starts from their enrolments (by person),
  // not from the project's roll in its order; one character names a family of thousands, and the roll is shorter.
  const fewPeople = [...k].length >= 2 && !isIdDigits(k);
  // the people's columns only: the project and its base are the same on every row (and read for the page's rows)
  let q = ctx.db
    .selectFrom("enrollments as e")
    .innerJoin("users", "users.id", "e.professionalId")
    .innerJoin("professionals", "professionals.id", "e.professionalId")
    .where(fewPeople ? notIndexed(ctx.db, "e.projectId") : "e.projectId", "=", projectId);
  if (f.status) q = q.where("e.status", "=", f.status);
  if (f.keyword?.trim()) q = q.where(keywordWhere(ctx, f.keyword) as never);
  if (f.employer?.trim()) q = q.where(containsText("professionals.employer", f.employer.trim()) as never);
  return q;
}

/** A project's enrolments in enrolment order, one range of enrollments_project_created_idx (project_id, created_at, id). */
const ENROLMENT_ORDER: KeysetList<{ id: string; createdAt: string }> = {
  keys: [
    { ref: "e.createdAt", dir: "asc" },
    { ref: "e.id", dir: "asc" },
  ],
  select: (q) => q.select(["e.id", "e.createdAt"]),
  keyOf: (r) => [r.createdAt, r.id],
};

/**
 * A page of enrolments: the page's ids are found by keyset first, and the columns read by subquery
 * (attended sessions, session count, certificate) computed for those rows only.
 */
export async function listEnrolments(ctx: Ctx, projectId: string, f: KeysetRequest & EnrolmentFilter): Promise<KeysetPaged<EnrollmentView>> {
  await projectInScope(ctx.db, ctx, projectId, "enrollment.read");
  // Without a keyword or employer the page and its count need the enrolments alone (one index range), not the people joined.
  const filtered = f.keyword?.trim() || f.employer?.trim()
    ? filteredQuery(ctx, projectId, f)
    : ctx.db
        .selectFrom("enrollments as e")
        .where("e.projectId", "=", projectId)
        .$if(!!f.status, (q) => q.where("e.status", "=", f.status!));
  const paged = await keysetPage(ctx.db, filtered, ENROLMENT_ORDER, f);
  const ids = paged.items.map((r) => r.id);
  const rows = ids.length
    ? ((await enrolmentQuery(ctx.db)
        .where("e.id", "in", ids)
        .select((eb) => VIEW_COLUMNS(eb) as never)
        .execute()) as Row[])
    : [];
  const byId = new Map(rows.map((r) => [r.id as string, r]));
  return { ...paged, items: ids.map((id) => present(ctx, byId.get(id)!)) };
}

/**
 * 报名名单 as the streamed export reads it (issue 13 item 5): the project's enrolments under the list's
 * filter, keyed by (createdAt, id), ID numbers masked; attendance as "attended/sessions". The hand-over
 * is audited with its count once the export ends. Out of scope the project answers 404 first.
 */
export async function enrolmentsExport(ctx: Ctx, projectId: string, f: EnrolmentFilter) {
  await projectInScope(ctx.db, ctx, projectId, "enrollment.read");
  const count = (eb: ExpressionBuilder<any, any>, table: "checkIns" | "projectSessions") =>
    eb
      .selectFrom(table)
      .select((x: ExpressionBuilder<any, any>) => x.fn.countAll().as("n"))
      .whereRef(`${table}.projectId`, "=", "e.projectId")
      .$if(table === "checkIns", (q) => q.whereRef("checkIns.professionalId", "=", "e.professionalId"));
  const query = filteredQuery(ctx, projectId, f).select((eb) => [
    "e.id",
    "e.createdAt",
    "users.displayName as name",
    "users.idNumberMasked",
    "professionals.employer",
    "professionals.title",
    "e.source",
    "e.status",
    "e.completed",
    sql<string>`${count(eb, "checkIns")} || '/' || ${count(eb, "projectSessions")}`.as("attendance"),
  ]);
  return {
    query,
    audit: (n: number) => auditPersonalDataRead(ctx, { action: "enrollments.exported", resourceType: "trainingProject", resourceId: projectId, count: n, format: "xlsx" }),
  };
}

// ---------------------------------------------------------------------------------------------
// The professional's own courses

export async function myEnrolments(ctx: Ctx): Promise<MyEnrollmentView[]> {
  const me = await requireProfessional(ctx.db, ctx);
  const rows = await ctx.db
    .selectFrom("enrollments as e")
    .innerJoin("trainingProjects as tp", "tp.id", "e.projectId")
    .innerJoin("bases", "bases.id", "tp.baseId")
    .select([
      "e.id",
      "e.projectId",
      "e.status",
      "e.completed",
      "tp.title as projectTitle",
      "bases.name as baseName",
      "tp.subjectType",
      "tp.hours",
      "tp.startDate",
      "tp.endDate",
      "tp.venue",
      "tp.status as projectStatus",
      "tp.concludedAt",
    ])
    .where("e.professionalId", "=", me)
    .orderBy("tp.startDate", "desc")
    .orderBy("e.id")
    .execute();
  if (rows.length === 0) return [];
  const projectIds = rows.map((r) => r.projectId);
  const [sessions, checkIns, certificates, surveys] = await Promise.all([
    ctx.db
      .selectFrom("projectSessions")
      .select(["id", "projectId", "date", "startTime", "endTime", "title", "hours"])
      .where("projectId", "in", projectIds)
      .orderBy("projectId")
      .orderBy("seq")
      .execute(),
    ctx.db.selectFrom("checkIns").select(["sessionId", "checkedInAt"]).where("professionalId", "=", me).where("projectId", "in", projectIds).execute(),
    ctx.db.selectFrom("certificates").select(["id", "serial", "projectId"]).where("professionalId", "=", me).where("projectId", "in", projectIds).execute(),
    ctx.db.selectFrom("surveyResponses").select("projectId").where("professionalId", "=", me).where("projectId", "in", projectIds).execute(),
  ]);
  const checkedAt = new Map(checkIns.map((c) => [c.sessionId, c.checkedInAt]));
  const certificateOf = new Map(certificates.map((c) => [c.projectId, c]));
  const answered = new Set(surveys.map((s) => s.projectId));
  return rows.map((r) => {
    const own = sessions
      .filter((s) => s.projectId === r.projectId)
      .map((s) => ({ id: s.id, date: s.date, startTime: s.startTime, endTime: s.endTime, title: s.title, hours: Number(s.hours), checkedInAt: checkedAt.get(s.id) ?? null }));
    const attended = own.filter((s) => s.checkedInAt).length;
    const certificate = certificateOf.get(r.projectId);
    const surveyOpen = r.status === "enrolled" && attended >= 1;
    const actions: string[] = [];
    if (r.status === "enrolled" && !r.concludedAt && isBeforeStart(ctx, r)) actions.push("cancel");
    if (surveyOpen && !answered.has(r.projectId)) actions.push("answerSurvey");
    return {
      id: r.id,
      projectId: r.projectId,
      projectTitle: r.projectTitle,
      baseName: r.baseName,
      subjectType: r.subjectType as SubjectType,
      hours: Number(r.hours),
      startDate: r.startDate,
      endDate: r.endDate,
      venue: r.venue,
      projectStatus: r.projectStatus,
      status: r.status as MyEnrollmentView["status"],
      sessions: own,
      completed: r.completed === null ? null : !!Number(r.completed),
      certificateId: certificate?.id ?? null,
      certificateSerial: certificate?.serial ?? null,
      surveyAnswered: answered.has(r.projectId),
      surveyOpen,
      availableActions: actions,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Many at once (the Excel import): every row's person found or registered, all or nothing.

export interface EnrolmentRow {
  row: number;
  person: PersonFacts;
}

export interface BulkEnrolmentResult {
  imported: number;
  skipped: number;
  registered: number;
  claimCodes: { row: number; professionalId: string; name: string; code: string; expiresAt: string }[];
}

/**
 * Enrols the people of an import in one transaction. A row whose person cannot be registered (a
 * known ID number under another name) is reported with its row; any bad row or a full course
 * imports nothing. People already enrolled are skipped and counted.
 */
export async function enrolMany(ctx: Ctx, projectId: string, rows: EnrolmentRow[], columnOf: (code: string) => string): Promise<BulkEnrolmentResult> {
  return inTransaction(ctx, async (trx) => {
    const p = await projectInScope(trx, ctx, projectId, "enrollment.create");
    authorize(ctx.actor, "professional.create");
    requireEnrolmentOpen(ctx, p);
    await lockProjectEnrolment(trx, ctx, p.id);
    const errors: { row: number; column: string; message: string }[] = [];
    const ids: { row: number; name: string; professionalId: string; created: boolean; claimCode?: ClaimCodeView }[] = [];
    for (const r of rows) {
      try {
        const found = await findOrRegisterPerson(trx, ctx, r.person);
        ids.push({ row: r.row, name: r.person.name.trim(), ...found });
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        errors.push({ row: r.row, column: columnOf(e.code), message: errorMessage(e.code, "zh-CN", e.details) });
      }
    }
    if (errors.length) throw new DomainError("IMPORT_ROWS_INVALID", { count: errors.length, rows: errors });
    const claimCodes = ids.flatMap((i) => (i.claimCode ? [{ row: i.row, professionalId: i.professionalId, name: i.name, ...i.claimCode }] : []));
    const result: BulkEnrolmentResult = { imported: 0, skipped: 0, registered: ids.filter((i) => i.created).length, claimCodes };
    const seen = new Set<string>();
    // counted once under the lock taken above, then kept by enrolOne
    const seats = { enrolled: await countEnrolled(trx, p.id) };
    for (const i of ids) {
      if (seen.has(i.professionalId)) {
        result.skipped++;
        continue;
      }
      seen.add(i.professionalId);
      const { already } = await enrolOne(trx, ctx, p, i.professionalId, "import", seats);
      if (already) result.skipped++;
      else result.imported++;
    }
    return result;
  });
}

export const countEnrolled = async (trx: Tx, projectId: string): Promise<number> =>
  Number(
    (
      await trx
        .selectFrom("enrollments")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("projectId", "=", projectId)
        .where("status", "=", "enrolled")
        .executeTakeFirstOrThrow()
    ).n,
  );
