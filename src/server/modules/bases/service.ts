// The registry of bases (第五条（四）: published bases), for signed-in roles within their scope and,
// for active bases, for the public with verification of a plaque.
import type { BaseView } from "../../../shared/accreditation.js";
import { maskName } from "../../../shared/delivery.js";
import type { PlaqueVerification } from "../../../shared/supervision/change-reports.js";
import { authorize, can, scopeWhere } from "../../platform/authz.js";
import { revealContactPhone } from "../../platform/contact-phones.js";
import type { Ctx, Platform } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { containsExactly, containsText } from "../../platform/search.js";

export interface BaseFilter {
  q?: string;
  district?: string;
  specialty?: string;
  /** The public registry: `active` (in force: active or rectifying, the default) or `revoked`. */
  status?: "active" | "revoked";
}

function selectBases(trx: Tx) {
  return trx
    .selectFrom("bases")
    .innerJoin("organizations as host", "host.id", "bases.hostOrgId")
    .innerJoin("organizations as supervisor", "supervisor.id", "bases.supervisorOrgId");
}

function filtered(trx: Tx, f: BaseFilter) {
  let q = selectBases(trx);
  if (f.q) {
    const text = f.q;
    // 第二十七条: a search by a former name finds the base
    q = q.where((eb) =>
      eb.or([
        containsText("bases.name", text),
        containsText("host.name", text),
        eb.exists(
          eb
            .selectFrom("baseNameHistory")
            .select("baseNameHistory.id")
            .whereRef("baseNameHistory.baseId", "=", "bases.id")
            .where(containsText("baseNameHistory.name", text)),
        ),
      ]),
    );
  }
  if (f.district) q = q.where("bases.district", "=", f.district);
  // specialty fields are stored as a JSON array of strings: match one quoted element
  if (f.specialty) q = q.where(containsExactly("bases.specialtyFields", JSON.stringify(f.specialty).slice(1, -1)));
  return q;
}

const columns = [
  "bases.id",
  "bases.name",
  "bases.hostOrgId",
  "host.name as hostOrgName",
  "bases.supervisorOrgId",
  "supervisor.name as supervisorOrgName",
  "bases.applicationId",
  "bases.decisionNo",
  "bases.decisionDate",
  "bases.plaqueSerial",
  "bases.specialtyFields",
  "bases.district",
  "bases.status",
  "bases.address",
  "bases.contactName",
  "bases.contactPhoneEnc",
  "bases.contactPhoneMasked",
  "bases.legalRepresentative",
  "bases.commendedYear",
  "bases.goodPractice",
  "bases.revokedAt",
  "bases.revocationDecisionNo",
  "bases.revocationReason",
  "bases.revocationBasis",
] as const;

type Row = { specialtyFields: string; status: string; id: string; contactPhoneEnc: string | null; contactPhoneMasked: string | null } & Omit<
  BaseView,
  "specialtyFields" | "status" | "verifyUrl" | "formerNames" | "contactPhone"
>;

/** 第二十七条: the QR code carries the serial, so a plaque superseded by a reissue says so (已换发). */
export function verifyUrl(p: Platform, id: string, plaqueSerial: string): string {
  return `${p.config.publicUrl}/public/bases/${id}?serial=${encodeURIComponent(plaqueSerial)}`;
}

/**
 * issue 10 item 7: the contact phone is sealed; those who may read the base (its own staff, its supervisor,
 * the bureau) see it whole, the public only its masked copy, which needs no key.
 */
const present = (p: Platform, formerNames: Map<string, BaseView["formerNames"]>, whole: boolean) => ({ contactPhoneEnc, contactPhoneMasked, ...r }: Row): BaseView => ({
  ...r,
  contactPhone: whole ? revealContactPhone(p.secrets, contactPhoneEnc) : contactPhoneMasked,
  specialtyFields: JSON.parse(r.specialtyFields) as string[],
  status: r.status as BaseView["status"],
  verifyUrl: verifyUrl(p, r.id, r.plaqueSerial),
  formerNames: formerNames.get(r.id) ?? [],
});

/** 第二十七条: the names each base had before, newest first (one query for a page of bases). */
async function formerNamesOf(trx: Tx, ids: string[]): Promise<Map<string, BaseView["formerNames"]>> {
  const out = new Map<string, BaseView["formerNames"]>();
  if (!ids.length) return out;
  const rows = await trx
    .selectFrom("baseNameHistory")
    .select(["baseId", "name", "validTo", "plaqueSerial"])
    .where("baseId", "in", ids)
    .orderBy("validTo", "desc")
    .orderBy("id", "desc")
    .execute();
  for (const r of rows) {
    const list = out.get(r.baseId) ?? [];
    list.push({ name: r.name, validTo: r.validTo, plaqueSerial: r.plaqueSerial });
    out.set(r.baseId, list);
  }
  return out;
}

/** What anyone may see of a base: its contact person's name and phone are personal data, so masked. */
function forPublic(b: BaseView): BaseView {
  return { ...b, contactName: b.contactName && maskName(b.contactName) };
}

/** `whole`: for a reader within the base's scope; otherwise the phone stays masked. */
async function presentRows(trx: Tx, p: Platform, rows: Row[], whole: boolean): Promise<BaseView[]> {
  const names = await formerNamesOf(trx, rows.map((r) => r.id));
  return rows.map(present(p, names, whole));
}

async function page(ctx: Ctx, query: PageRequest & BaseFilter, restrict: (q: ReturnType<typeof filtered>) => ReturnType<typeof filtered>, whole: boolean): Promise<Page<BaseView>> {
  const { page, pageSize, offset } = pageWindow(query);
  const base = restrict(filtered(ctx.db, query));
  const [count, rows] = await Promise.all([
    base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    base.select(columns).orderBy("bases.decisionDate", "desc").orderBy("bases.name").limit(pageSize).offset(offset).execute(),
  ]);
  return { items: await presentRows(ctx.db, ctx, rows, whole), total: Number(count.n), page, pageSize };
}

export async function listBases(ctx: Ctx, query: PageRequest & BaseFilter): Promise<Page<BaseView>> {
  const where = scopeWhere<any, "bases">(ctx.actor, "base.read", { orgId: "bases.hostOrgId", supervisorOrgId: "bases.supervisorOrgId" });
  if (!where) throw new DomainError("FORBIDDEN");
  return page(ctx, query, (q) => q.where(where as never), true);
}

/**
 * 第五条（四）: the public registry lists bases in force (not revoked); 第二十条: with `status=revoked`,
 * the public list of revoked bases, newest revocation first.
 */
export async function listPublicBases(ctx: Ctx, query: PageRequest & BaseFilter): Promise<Page<BaseView>> {
  if (query.status === "revoked") {
    const { page: n, pageSize, offset } = pageWindow(query);
    const base = filtered(ctx.db, query).where("bases.status", "=", "revoked");
    const [count, rows] = await Promise.all([
      base.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
      base.select(columns).orderBy("bases.revokedAt", "desc").orderBy("bases.name").limit(pageSize).offset(offset).execute(),
    ]);
    return { items: (await presentRows(ctx.db, ctx, rows, false)).map(forPublic), total: Number(count.n), page: n, pageSize };
  }
  const shown = await page(ctx, query, (q) => q.where("bases.status", "!=", "revoked"), false);
  return { ...shown, items: shown.items.map(forPublic) };
}

async function find(trx: Tx, p: Platform, id: string, whole: boolean): Promise<BaseView | undefined> {
  const r = await selectBases(trx).select(columns).where("bases.id", "=", id).executeTakeFirst();
  return r ? (await presentRows(trx, p, [r], whole))[0] : undefined;
}

export async function getBase(ctx: Ctx, id: string): Promise<BaseView> {
  const b = await find(ctx.db, ctx, id, true);
  if (!b || !can(ctx.actor, "base.read", { orgId: b.hostOrgId, supervisorOrgId: b.supervisorOrgId })) {
    authorize(ctx.actor, "base.read");
    throw new DomainError("NOT_FOUND");
  }
  return b;
}

/** The verification page behind a plaque's QR code: any base, including a revoked one, says what it is. */
export async function verifyBase(ctx: Ctx, id: string): Promise<BaseView> {
  const b = await find(ctx.db, ctx, id, false);
  if (!b) throw new DomainError("NOT_FOUND");
  return forPublic(b);
}

/**
 * 第二十七条: what a plaque's serial says — the plaque in force, or one superseded when the base (or its
 * host organization) changed name and the plaque was reissued, naming the base as it is now.
 */
export async function verifyPlaque(ctx: Ctx, serial: string): Promise<PlaqueVerification> {
  const now = (q: ReturnType<typeof selectBases>) =>
    q.select(["bases.id", "bases.name", "host.name as hostOrgName", "bases.plaqueSerial", "bases.status"]);
  const current = await now(selectBases(ctx.db)).where("bases.plaqueSerial", "=", serial).executeTakeFirst();
  const state = (b: NonNullable<typeof current>) => ({
    baseId: b.id,
    currentName: b.name,
    currentHostOrgName: b.hostOrgName,
    currentSerial: b.plaqueSerial,
    baseStatus: b.status as PlaqueVerification["baseStatus"],
  });
  if (current) return { serial, state: "current", name: current.name, hostOrgName: current.hostOrgName, supersededOn: null, ...state(current) };
  const old = await ctx.db.selectFrom("baseNameHistory").select(["baseId", "name", "hostOrgName", "validTo"]).where("plaqueSerial", "=", serial).executeTakeFirst();
  const base = old && (await now(selectBases(ctx.db)).where("bases.id", "=", old.baseId).executeTakeFirst());
  if (!old || !base) throw new DomainError("NOT_FOUND");
  return { serial, state: "superseded", name: old.name, hostOrgName: old.hostOrgName, supersededOn: old.validTo, ...state(base) };
}
