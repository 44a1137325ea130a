// Reading and keeping professionals' profiles. The bureau sees every person (第十三条), the ID number masked
// but for an explicit, audited reveal (issue 11 item 6); a base
// sees the people enrolled in its own courses, masked (第十七条); a person sees and edits themselves.
import { type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { PersonInput, ProfessionalView, ProfileUpdateBody, RevealedIdNumber } from "../../../shared/delivery.js";
import type { Database } from "../../db/schema.js";
import { appendAudit } from "../../platform/audit.js";
import { auditPersonalDataRead, readsSomeoneElse } from "../audit/personal-data.js";
import { authorize, can, scopeWhere } from "../../platform/authz.js";
import { inTransaction, type Actor, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import type { Action } from "../../platform/grants.js";
import { DomainError } from "../../platform/errors.js";
import { keysetPage, type KeysetList, type KeysetRequest } from "../../platform/keyset.js";
import { indexedTextMatch, PROFESSIONAL_NAME } from "../../platform/search.js";
import type { KeysetPaged } from "../../../shared/api.js";
import { idNumberHashOf, revealIdNumber, revealPhone, sealPhone } from "./identity.js";
import { findOrRegisterPerson, requireProfessional, UNCLAIMED_PASSWORD } from "./profiles.js";

type ProfessionalScope = (eb: ExpressionBuilder<Database, "professionals" | "users">) => Expression<SqlBool>;

/**
 * professional.read (or another action over people, as issuing a claim code) as a where on professionals: the bureau's "all" and a person's "self" match the
 * row itself; a base's "ownOrg" matches anyone enrolled in a project of a base the actor's
 * organization hosts. Lists and single reads both go through it, so they never disagree.
 */
export function readableProfessionals(actor: Actor | null, action: Action = "professional.read"): ProfessionalScope {
  if (!actor) throw new DomainError("UNAUTHENTICATED");
  const byIdentity = scopeWhere<any, "professionals">(actor, action, { userId: "professionals.id" });
  const byHost = scopeWhere<any, "bases">(actor, action, { orgId: "bases.hostOrgId" });
  if (!byIdentity && !byHost) throw new DomainError("FORBIDDEN");
  return (eb) => {
    const parts: Expression<SqlBool>[] = [];
    if (byIdentity) parts.push(byIdentity(eb as never));
    if (byHost) {
      parts.push(
        eb.exists(
          eb
            .selectFrom("enrollments")
            .innerJoin("trainingProjects", "trainingProjects.id", "enrollments.projectId")
            .innerJoin("bases", "bases.id", "trainingProjects.baseId")
            .select("enrollments.id")
            .whereRef("enrollments.professionalId", "=", "professionals.id")
            .where((inner) => byHost(inner as never)),
        ),
      );
    }
    return eb.or(parts);
  };
}

/**
 * 个人信息保护法 with DESIGN.md "API conventions": the ID number and phone are whole only for the
 * person and the bureau, i.e. when the actor reaches the record by identity or city-wide, not merely
 * as a base the person attended.
 */
export const mayReveal = (actor: Actor | null, professionalId: string) => can(actor, "professional.read", { userId: professionalId });

function selectProfessionals(trx: Tx) {
  return trx
    .selectFrom("professionals")
    .innerJoin("users", "users.id", "professionals.id")
    .select([
      "professionals.id",
      "users.username",
      "users.displayName",
      "users.phoneEnc",
      "users.phoneMasked",
      "users.idNumberEnc",
      "users.idNumberMasked",
      "users.passwordHash",
      "professionals.employer",
      "professionals.title",
      "professionals.specialty",
      "professionals.createdAt",
      "professionals.version",
    ]);
}
type ProfessionalRow = Awaited<ReturnType<ReturnType<typeof selectProfessionals>["executeTakeFirstOrThrow"]>>;

/**
 * issue 11 item 6: the ID number is masked on every page, lists and exports included; it is whole only
 * to the person themself, and to the bureau one person at a time through revealIdNumberOf (audited).
 * The phone stays whole for the person and the bureau on a single record, masked in lists.
 */
function present(ctx: Ctx, r: ProfessionalRow, single: boolean): ProfessionalView {
  const mayWhole = mayReveal(ctx.actor, r.id);
  const self = !readsSomeoneElse(ctx, r.id);
  return {
    id: r.id,
    username: r.username,
    name: r.displayName,
    idNumber: (self ? revealIdNumber(ctx.secrets, r.idNumberEnc) : r.idNumberMasked) ?? "",
    phone: single && mayWhole ? revealPhone(ctx.secrets, r.phoneEnc) : r.phoneMasked,
    revealed: self,
    canReveal: mayWhole && !self && r.idNumberEnc !== null,
    employer: r.employer,
    title: r.title,
    specialty: r.specialty,
    claimed: r.passwordHash !== UNCLAIMED_PASSWORD,
    createdAt: r.createdAt,
    version: Number(r.version),
  };
}

/**
 * One person's whole ID number, to an actor who may see it (the bureau) and asked for it: every answer
 * is audited as professional.idNumberRevealed, naming the person but not the number. Out of the actor's
 * scope the person does not exist (404); in scope but masked only (a base) it is refused (403).
 */
export async function revealIdNumberOf(ctx: Ctx, id: string): Promise<RevealedIdNumber> {
  const row = await selectProfessionals(ctx.db).where("professionals.id", "=", id).where(readableProfessionals(ctx.actor)).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  if (!mayReveal(ctx.actor, id)) throw new DomainError("FORBIDDEN");
  const idNumber = revealIdNumber(ctx.secrets, row.idNumberEnc);
  if (!idNumber) throw new DomainError("NOT_FOUND");
  if (readsSomeoneElse(ctx, id)) {
    await auditPersonalDataRead(ctx, { action: "professional.idNumberRevealed", resourceType: "professional", resourceId: id, count: 1, format: "json" });
  }
  return { idNumber };
}

async function viewOf(trx: Tx, ctx: Ctx, id: string): Promise<ProfessionalView> {
  const row = await selectProfessionals(trx).where("professionals.id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  return present(ctx, row, true);
}

export interface ProfessionalFilter {
  keyword?: string;
  idNumber?: string;
}

/** The professionals' list order, newest first; its index is professionals_created_idx (created_at, id). */
const PROFESSIONAL_ORDER: KeysetList<{ id: string; createdAt: string }> = {
  keys: [
    { ref: "professionals.createdAt", dir: "desc" },
    { ref: "professionals.id", dir: "desc" },
  ],
  select: (q) => q.select(["professionals.id", "professionals.createdAt"]),
  keyOf: (r) => [r.createdAt, r.id],
};

/** The filtered people in scope; the name is searched through its indexes (issue 13 item 3). */
function professionalQuery(ctx: Ctx, query: ProfessionalFilter) {
  let q = ctx.db.selectFrom("professionals").innerJoin("users", "users.id", "professionals.id").where(readableProfessionals(ctx.actor));
  if (query.keyword?.trim()) q = q.where(() => indexedTextMatch(ctx.db, PROFESSIONAL_NAME, query.keyword!));
  // The ID number is matched whole through its keyed hash: it is never searched in plaintext.
  if (query.idNumber) q = q.where("users.idNumberHash", "=", idNumberHashOf(ctx.secrets, query.idNumber));
  return q;
}

/** A page of people by keyset over (createdAt, id); the columns are read for the page's ids only. */
export async function listProfessionals(ctx: Ctx, query: KeysetRequest & ProfessionalFilter): Promise<KeysetPaged<ProfessionalView>> {
  const paged = await keysetPage(ctx.db, professionalQuery(ctx, query), PROFESSIONAL_ORDER, query);
  const ids = paged.items.map((r) => r.id);
  const rows = ids.length ? await selectProfessionals(ctx.db).where("professionals.id", "in", ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { ...paged, items: ids.map((id) => present(ctx, byId.get(id)!, false)) };
}

/** One professional in the actor's scope; anyone else answers 404. */
export async function getProfessional(ctx: Ctx, id: string): Promise<ProfessionalView> {
  const row = await selectProfessionals(ctx.db).where("professionals.id", "=", id).where(readableProfessionals(ctx.actor)).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  return present(ctx, row, true);
}

/** The professional exists and the actor may read them (bureau, the person, a base they attended). */
export async function requireReadableProfessional(trx: Tx, ctx: Ctx, id: string): Promise<void> {
  const row = await trx.selectFrom("professionals").innerJoin("users", "users.id", "professionals.id").select("professionals.id").where("professionals.id", "=", id).where(readableProfessionals(ctx.actor)).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
}

export async function myProfile(ctx: Ctx): Promise<ProfessionalView> {
  const id = await requireProfessional(ctx.db, ctx);
  return viewOf(ctx.db, ctx, id);
}

/** The person keeps their own employer, title, specialty and phone; name and ID number stay as registered. */
export async function updateMyProfile(ctx: Ctx, body: ProfileUpdateBody): Promise<ProfessionalView> {
  return inTransaction(ctx, async (trx) => {
    const id = await requireProfessional(trx, ctx);
    authorize(ctx.actor, "professional.update", { userId: id });
    const now = ctx.clock.nowIso();
    const profile: { employer?: string; title?: string; specialty?: string } = {};
    if (body.employer !== undefined) profile.employer = body.employer.trim();
    if (body.title !== undefined) profile.title = body.title.trim();
    if (body.specialty !== undefined) profile.specialty = body.specialty.trim();
    if (profile.employer !== undefined && [...profile.employer].length < 2) throw new DomainError("TEXT_BLANK", { field: "employer", min: 2 });
    const res = await trx
      .updateTable("professionals")
      .set({ ...profile, updatedAt: now, version: body.version + 1 })
      .where("id", "=", id)
      .where("version", "=", body.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
    if (body.phone !== undefined) {
      await trx.updateTable("users").set((eb) => ({ ...sealPhone(ctx.secrets, body.phone), updatedAt: now, version: eb(eb.ref("version"), "+", 1) })).where("id", "=", id).execute();
    }
    // The audit names the fields changed, never the phone itself.
    const fields = [...Object.keys(profile), ...(body.phone !== undefined ? ["phone"] : [])];
    await appendAudit(trx, ctx, { action: "professional.update", resourceType: "professional", resourceId: id, detail: { fields } });
    return viewOf(trx, ctx, id);
  });
}

/**
 * Staff register a person (第二十四条: the record follows the person, whoever enrols them). A known ID
 * number under the same name answers the existing profile; a new one gets an unclaimed account.
 */
export async function registerProfessional(ctx: Ctx, person: PersonInput): Promise<{ view: ProfessionalView; created: boolean }> {
  authorize(ctx.actor, "professional.create");
  return inTransaction(ctx, async (trx) => {
    const { professionalId, created, claimCode } = await findOrRegisterPerson(trx, ctx, person);
    const readable = await selectProfessionals(trx).where("professionals.id", "=", professionalId).where(readableProfessionals(ctx.actor)).executeTakeFirst();
    if (created || readable) {
      // The answer shows the ID number masked, as every page does (issue 11 item 6).
      const view = await viewOf(trx, ctx, professionalId);
      return { view: claimCode ? { ...view, claimCode } : view, created };
    }
    // A person this base never taught: naming them (ID number and name) finds them for enrolment, but
    // shows nothing of their account or profile beyond what the caller already gave.
    const row = (await selectProfessionals(trx).where("professionals.id", "=", professionalId).executeTakeFirst())!;
    await appendAudit(trx, ctx, { action: "professional.lookup", resourceType: "professional", resourceId: professionalId, detail: {} });
    const view: ProfessionalView = {
      id: professionalId,
      username: "",
      name: row.displayName,
      idNumber: row.idNumberMasked ?? "",
      phone: null,
      revealed: false,
      canReveal: false,
      employer: person.employer.trim(),
      title: person.title?.trim() ?? "",
      specialty: person.specialty?.trim() ?? "",
      claimed: false,
      createdAt: row.createdAt,
      version: row.version,
    };
    return { view, created };
  });
}

/**
 * The professionals in scope under the list's filter, as the streamed export reads them (issue 13 item 5):
 * ID numbers and phones masked (the stored masked columns), keyed by id. Taking the list away is audited
 * with how many people it named, once the export ends.
 */
export function professionalsExport(ctx: Ctx, filter: ProfessionalFilter) {
  return {
    query: professionalQuery(ctx, filter).select(["professionals.id", "users.displayName as name", "users.idNumberMasked", "users.phoneMasked", "professionals.employer", "professionals.title", "professionals.specialty", "professionals.createdAt"]),
    audit: (count: number) => auditPersonalDataRead(ctx, { action: "professionals.exported", resourceType: "professional", resourceId: null, count, format: "xlsx" }),
  };
}
