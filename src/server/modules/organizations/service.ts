// Organizations (第三条, 第十四条, 第十五条): bureaus, supervising units and host organizations,
// each identified by a unified social credit code checked against GB 32100.
import type { OrganizationCreateBody, OrganizationUpdateBody, OrganizationView } from "../../../shared/api.js";
import { isValidCreditCode } from "../../../shared/identifiers.js";
import { appendAudit } from "../../platform/audit.js";
import { auditPersonalDataRead } from "../audit/personal-data.js";
import { authorize, can, scopeWhere } from "../../platform/authz.js";
import { inTransaction, type Ctx } from "../../platform/context.js";
import { revealContactPhone, sealContactPhone } from "../../platform/contact-phones.js";
import { isUniqueViolation, type Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { EXPORT_READ, pageWindow, withinExportLimit, type Page, type PageRequest } from "../../platform/paging.js";
import * as q from "./queries.js";

const scopeOf = (o: { id: string }) => ({ orgId: o.id });

/** issue 10 item 7: whoever may read the organization (its own staff, the bureau, the administrators) sees its phone whole. */
const present = (ctx: Ctx) => ({ contactPhoneEnc, ...o }: q.OrgRecord): OrganizationView => ({ ...o, contactPhone: revealContactPhone(ctx.secrets, contactPhoneEnc) ?? "" });

function orgScope(ctx: Ctx) {
  const where = scopeWhere<any, "organizations">(ctx.actor, "organization.read", { orgId: "organizations.id" });
  if (!where) throw new DomainError("FORBIDDEN");
  return where;
}

export async function listOrganizations(ctx: Ctx, query: PageRequest & q.OrgFilter): Promise<Page<OrganizationView>> {
  const scope = orgScope(ctx);
  const { page, pageSize, offset } = pageWindow(query);
  const [total, items] = await Promise.all([
    q.countOrganizations(ctx.db, scope, query),
    q.listOrganizations(ctx.db, scope, query, pageSize, offset),
  ]);
  return { items: items.map(present(ctx)), total, page, pageSize };
}

/** The rows of the Excel export; issue 10 item 7: it carries the contact phones whole, so it is audited. */
export async function exportOrganizations(ctx: Ctx, filter: q.OrgFilter): Promise<OrganizationView[]> {
  const rows = withinExportLimit(await q.listOrganizations(ctx.db, orgScope(ctx), filter, EXPORT_READ, 0)).map(present(ctx));
  await auditPersonalDataRead(ctx, { action: "organizations.exported", resourceType: "organization", resourceId: null, count: rows.length, format: "xlsx" });
  return rows;
}

export async function getOrganization(ctx: Ctx, id: string, trx: Tx = ctx.db): Promise<OrganizationView> {
  const org = await q.findOrganization(trx, id);
  if (!org) throw new DomainError("NOT_FOUND");
  authorize(ctx.actor, "organization.read", scopeOf(org));
  return present(ctx)(org);
}

/** GB 32100 check; only the bureau may record an early code that fails it, and that is audited. */
function checkCreditCode(ctx: Ctx, code: string, override: boolean | undefined): boolean {
  if (isValidCreditCode(code)) return false;
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) throw new DomainError("INVALID_CREDIT_CODE", { creditCode: code });
  if (!override) throw new DomainError("INVALID_CREDIT_CODE", { creditCode: code, overridable: can(ctx.actor, "organization.overrideCreditCode") });
  if (!can(ctx.actor, "organization.overrideCreditCode")) throw new DomainError("CREDIT_CODE_OVERRIDE_FORBIDDEN");
  return true;
}

async function checkParent(trx: Tx, id: string | null, parentId: string | null | undefined): Promise<void> {
  if (!parentId) return;
  if (!(await q.findOrganization(trx, parentId))) throw new DomainError("UNKNOWN_ORGANIZATION", { parentId });
  if (id && (parentId === id || (await q.ancestorIds(trx, parentId)).includes(id))) throw new DomainError("ORG_PARENT_CYCLE");
}

async function guardUnique<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (isUniqueViolation(e)) throw new DomainError("CREDIT_CODE_TAKEN");
    throw e;
  }
}

export async function createOrganization(ctx: Ctx, input: OrganizationCreateBody): Promise<OrganizationView> {
  authorize(ctx.actor, "organization.create");
  const creditCode = input.creditCode.toUpperCase();
  const overridden = checkCreditCode(ctx, creditCode, input.creditCodeOverride);
  return guardUnique(() =>
    inTransaction(ctx, async (trx) => {
      await checkParent(trx, null, input.parentId);
      if (await q.creditCodeOwner(trx, creditCode)) throw new DomainError("CREDIT_CODE_TAKEN");
      const id = newId();
      const now = ctx.clock.nowIso();
      await trx
        .insertInto("organizations")
        .values({
          id,
          name: input.name.trim(),
          type: input.type as string,
          parentId: input.parentId ?? null,
          region: input.region.trim(),
          creditCode,
          creditCodeOverride: overridden ? 1 : 0,
          contactName: input.contactName.trim(),
          // issue 10 item 7: the phone sealed, the plaintext column (NOT NULL since 001) left empty
          contactPhone: "",
          ...sealContactPhone(ctx.secrets, input.contactPhone),
          address: (input.address ?? "").trim(),
          status: "active",
          createdAt: now,
          updatedAt: now,
          version: 1,
        })
        .execute();
      await appendAudit(trx, ctx, {
        action: "organization.create",
        resourceType: "organization",
        resourceId: id,
        detail: { name: input.name, type: input.type, creditCode, creditCodeOverride: overridden },
      });
      return present(ctx)((await q.findOrganization(trx, id))!);
    }),
  );
}

export async function updateOrganization(ctx: Ctx, id: string, input: OrganizationUpdateBody): Promise<OrganizationView> {
  return guardUnique(() =>
    inTransaction(ctx, async (trx) => {
      const org = await getOrganization(ctx, id, trx);
      authorize(ctx.actor, "organization.update", scopeOf(org));
      if (org.version !== input.version) throw new DomainError("VERSION_CONFLICT", { currentVersion: org.version });
      const { version, creditCodeOverride, ...fields } = input;
      const changes: Record<string, unknown> = {};
      if (fields.creditCode !== undefined && fields.creditCode.toUpperCase() !== org.creditCode) {
        changes.creditCode = fields.creditCode.toUpperCase();
        changes.creditCodeOverride = checkCreditCode(ctx, changes.creditCode as string, creditCodeOverride) ? 1 : 0;
        if (await q.creditCodeOwner(trx, changes.creditCode as string)) throw new DomainError("CREDIT_CODE_TAKEN");
      }
      if (fields.parentId !== undefined) {
        await checkParent(trx, id, fields.parentId);
        changes.parentId = fields.parentId;
      }
      for (const key of ["name", "type", "region", "contactName", "contactPhone", "address"] as const) {
        const v = fields[key];
        if (v !== undefined && v !== org[key]) changes[key] = typeof v === "string" ? v.trim() : v;
      }
      // issue 10 item 7: a new phone is stored sealed (the audit names the field, never the number)
      const sealed = changes.contactPhone !== undefined ? { contactPhone: "", ...sealContactPhone(ctx.secrets, changes.contactPhone as string) } : {};
      const res = await trx
        .updateTable("organizations")
        .set({ ...changes, ...sealed, updatedAt: ctx.clock.nowIso(), version: version + 1 })
        .where("id", "=", id)
        .where("version", "=", version)
        .executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
      // 第二十七条: changes of name, affiliation and contacts are on record.
      await appendAudit(trx, ctx, {
        action: "organization.update",
        resourceType: "organization",
        resourceId: id,
        detail: { changed: Object.keys(changes), name: changes.name ?? org.name },
      });
      return present(ctx)((await q.findOrganization(trx, id))!);
    }),
  );
}

export async function setOrganizationStatus(ctx: Ctx, id: string, version: number, status: "active" | "disabled"): Promise<OrganizationView> {
  return inTransaction(ctx, async (trx) => {
    const org = await getOrganization(ctx, id, trx);
    authorize(ctx.actor, "organization.disable", scopeOf(org));
    if (org.version !== version) throw new DomainError("VERSION_CONFLICT", { currentVersion: org.version });
    const res = await trx
      .updateTable("organizations")
      .set({ status, updatedAt: ctx.clock.nowIso(), version: version + 1 })
      .where("id", "=", id)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new DomainError("VERSION_CONFLICT");
    await appendAudit(trx, ctx, {
      action: status === "disabled" ? "organization.disable" : "organization.enable",
      resourceType: "organization",
      resourceId: id,
      detail: { name: org.name },
    });
    return present(ctx)((await q.findOrganization(trx, id))!);
  });
}

/** For other modules: does this organization exist (regardless of the actor's scope)? */
export async function organizationExists(trx: Tx, id: string): Promise<boolean> {
  return !!(await q.findOrganization(trx, id));
}

export async function organizationTypeOf(trx: Tx, id: string): Promise<string | undefined> {
  return (await q.findOrganization(trx, id))?.type;
}
