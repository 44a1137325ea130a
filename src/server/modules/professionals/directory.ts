// Reading and keeping professionals' profiles. The bureau sees every person whole (第十三条); a base
// sees the people enrolled in its own courses, masked (第十七条); a person sees and edits themselves.
import { type Expression, type ExpressionBuilder, type SqlBool } from "kysely";
import type { PersonInput, ProfessionalView, ProfileUpdateBody } from "../../../shared/delivery.js";
import type { Database } from "../../db/schema.js";
import { appendAudit } from "../../platform/audit.js";
import { auditPersonalDataRead, readsSomeoneElse } from "../audit/personal-data.js";
import { authorize, can, scopeWhere } from "../../platform/authz.js";
import { inTransaction, type Actor, type Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import type { Action } from "../../platform/grants.js";
import { DomainError } from "../../platform/errors.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { containsText } from "../../platform/search.js";
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

function present(ctx: Ctx, r: ProfessionalRow): ProfessionalView {
  const revealed = mayReveal(ctx.actor, r.id);
  return {
    id: r.id,
    username: r.username,
    name: r.displayName,
    idNumber: (revealed ? revealIdNumber(ctx.secrets, r.idNumberEnc) : r.idNumberMasked) ?? "",
    phone: revealed ? revealPhone(ctx.secrets, r.phoneEnc) : r.phoneMasked,
    revealed,
    employer: r.employer,
    title: r.title,
    specialty: r.specialty,
    claimed: r.passwordHash !== UNCLAIMED_PASSWORD,
    createdAt: r.createdAt,
    version: Number(r.version),
  };
}

/**
 * A whole ID number shown to anyone but its holder (the bureau) is audited, one entry per answer with
 * how many were shown; masked answers and a person's own profile are not.
 */
async function auditReveals(ctx: Ctx, views: ProfessionalView[], trx?: Tx): Promise<void> {
  const shown = views.filter((v) => v.revealed && v.idNumber !== "" && readsSomeoneElse(ctx, v.id));
  if (shown.length === 0) return;
  const resourceId = shown.length === 1 ? shown[0].id : null;
  await auditPersonalDataRead(ctx, { action: "professional.idNumberRevealed", resourceType: "professional", resourceId, count: shown.length, format: "json" }, trx);
}

async function viewOf(trx: Tx, ctx: Ctx, id: string): Promise<ProfessionalView> {
  const row = await selectProfessionals(trx).where("professionals.id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  return present(ctx, row);
}

export interface ProfessionalFilter {
  keyword?: string;
  idNumber?: string;
}

export async function listProfessionals(ctx: Ctx, query: PageRequest & ProfessionalFilter): Promise<Page<ProfessionalView>> {
  const scope = readableProfessionals(ctx.actor);
  const { page, pageSize, offset } = pageWindow(query);
  let q = ctx.db.selectFrom("professionals").innerJoin("users", "users.id", "professionals.id").where(scope);
  if (query.keyword?.trim()) q = q.where(() => containsText("users.displayName", query.keyword!.trim()));
  // The ID number is matched whole through its keyed hash: it is never searched in plaintext.
  if (query.idNumber) q = q.where("users.idNumberHash", "=", idNumberHashOf(ctx.secrets, query.idNumber));
  const [count, ids] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q.select("professionals.id").orderBy("professionals.createdAt", "desc").orderBy("professionals.id", "desc").limit(pageSize).offset(offset).execute(),
  ]);
  const rows = ids.length ? await selectProfessionals(ctx.db).where("professionals.id", "in", ids.map((r) => r.id)).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  const items = ids.map(({ id }) => present(ctx, byId.get(id)!));
  await auditReveals(ctx, items);
  return { items, total: Number(count.n), page, pageSize };
}

/** One professional in the actor's scope; anyone else answers 404. */
export async function getProfessional(ctx: Ctx, id: string): Promise<ProfessionalView> {
  const row = await selectProfessionals(ctx.db).where("professionals.id", "=", id).where(readableProfessionals(ctx.actor)).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  const view = present(ctx, row);
  await auditReveals(ctx, [view]);
  return view;
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
      const view = await viewOf(trx, ctx, professionalId);
      // A new person's ID number is the one the caller just typed; an existing one's record is a reveal.
      if (!created) await auditReveals(ctx, [view], trx);
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
