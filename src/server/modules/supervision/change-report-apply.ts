// 第二十七条: what a change report says, checked against the base as it stands, and what acknowledging
// it does — the changes apply at once and keep history: a new name (of the base or of its host
// organization) keeps the old one in base_name_history with the plaque it was printed on and reissues the
// plaque under a new serial; a change of affiliation moves the base, and with it every plan, project, fee
// standard and enrolment (all scoped by joining bases), into the new supervising unit's scope.
import type { ChangeSet, ChangeValues } from "../../../shared/supervision/change-reports.js";
import { appendAudit } from "../../platform/audit.js";
import { revealPhoneField, sealContactPhone, sealPhoneField } from "../../platform/contact-phones.js";
import type { Ctx } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { nextNumber } from "../accreditation/queries.js";
import { changedFields, supervisingUnitName, type BaseNow, type ChangeReportRecord } from "./change-report-queries.js";

const TEXT_FIELDS = ["name", "hostOrgName", "address", "contactName", "contactPhone", "legalRepresentative"] as const;

/** The stored values of a report as a change set again (what a resubmission without new changes repeats). */
export function toChangeSet(v: ChangeValues): ChangeSet {
  const out: ChangeSet = {};
  for (const k of [...TEXT_FIELDS, "supervisorOrgId"] as const) {
    const x = v[k];
    if (typeof x === "string") out[k] = x;
  }
  return out;
}

export interface CheckedChanges {
  /** Only the fields that differ from the base now, trimmed; a new supervising unit also by name. */
  changes: ChangeValues;
  previous: ChangeValues;
  newSupervisorOrgId: string | null;
}

/** 第二十七条: keeps what really changes; refuses a report that changes nothing or names no supervising unit. */
export async function checkChanges(trx: Tx, base: BaseNow, given: ChangeSet): Promise<CheckedChanges> {
  const changes: ChangeValues = {};
  const previous: ChangeValues = {};
  for (const k of TEXT_FIELDS) {
    const v = given[k]?.trim();
    if (!v || v === (base[k] ?? "")) continue;
    changes[k] = v;
    previous[k] = base[k];
  }
  let newSupervisorOrgId: string | null = null;
  if (given.supervisorOrgId && given.supervisorOrgId !== base.supervisorOrgId) {
    // 第五条（二）: a base is supervised by another organization than its own
    const name = given.supervisorOrgId === base.hostOrgId ? undefined : await supervisingUnitName(trx, given.supervisorOrgId);
    if (!name) throw new DomainError("UNKNOWN_SUPERVISOR");
    newSupervisorOrgId = given.supervisorOrgId;
    changes.supervisorOrgId = newSupervisorOrgId;
    changes.supervisorOrgName = name;
    previous.supervisorOrgId = base.supervisorOrgId;
    previous.supervisorOrgName = base.supervisorOrgName;
  }
  if (changedFields(changes).length === 0) throw new DomainError("CHANGES_REQUIRED");
  return { changes, previous, newSupervisorOrgId };
}

/** issue 10 item 7: the report's values as stored — a contact phone masked in the JSON, sealed beside it. */
export function storedChanges(ctx: Ctx, changes: ChangeValues, previous: ChangeValues) {
  const now = sealPhoneField(ctx.secrets, changes);
  const before = sealPhoneField(ctx.secrets, previous);
  return { changes: JSON.stringify(now.value), previous: JSON.stringify(before.value), contactPhoneEnc: now.enc, previousContactPhoneEnc: before.enc };
}

/** The report with its contact phones whole, for those who may read it (the base, its supervisors, the bureau). */
export function withPhones<R extends Pick<ChangeReportRecord, "changes" | "previous" | "contactPhoneEnc" | "previousContactPhoneEnc">>(ctx: Ctx, r: R): R {
  return { ...r, changes: revealPhoneField(ctx.secrets, r.changes, r.contactPhoneEnc), previous: revealPhoneField(ctx.secrets, r.previous, r.previousContactPhoneEnc) };
}

/** Evidence may name only files uploaded by the base's own staff. */
export async function checkEvidence(trx: Tx, hostOrgId: string, ids: readonly string[]): Promise<string[]> {
  const unique = [...new Set(ids)];
  if (!unique.length) return [];
  const owned = await trx
    .selectFrom("fileUploads")
    .innerJoin("users", "users.id", "fileUploads.userId")
    .select("fileUploads.fileId")
    .where("fileUploads.fileId", "in", unique)
    .where("users.orgId", "=", hostOrgId)
    .execute();
  const missing = unique.filter((id) => !owned.some((o) => o.fileId === id));
  if (missing.length) throw new DomainError("EVIDENCE_FILE_INVALID", { fileIds: missing.join(",") });
  return unique;
}

/** The plaque serial format of publication (accreditation/notice.ts): JD + year + four digits. */
async function newPlaqueSerial(trx: Tx, today: string): Promise<string> {
  const year = today.slice(0, 4);
  return `JD${year}${String(await nextNumber(trx, `plaque:${year}`)).padStart(4, "0")}`;
}

/**
 * Keeps the name a base carried until today, with the plaque printed with it, and reissues the plaque
 * under a new serial (the old one now verifies as superseded). Answers the new serial.
 */
async function reissuePlaque(trx: Tx, ctx: Ctx, base: { id: string; name: string; plaqueSerial: string; decisionDate: string }, hostOrgName: string, reportId: string): Promise<string> {
  const today = ctx.clock.today();
  const last = await trx
    .selectFrom("baseNameHistory")
    .select("validTo")
    .where("baseId", "=", base.id)
    .orderBy("validTo", "desc")
    .limit(1)
    .executeTakeFirst();
  await trx
    .insertInto("baseNameHistory")
    .values({
      id: newId(),
      baseId: base.id,
      name: base.name,
      hostOrgName,
      plaqueSerial: base.plaqueSerial,
      validFrom: last?.validTo ?? base.decisionDate,
      validTo: today,
      changeReportId: reportId,
    })
    .execute();
  return newPlaqueSerial(trx, today);
}

async function renameHostOrg(trx: Tx, ctx: Ctx, base: BaseNow, newName: string, reportId: string): Promise<Array<{ baseId: string; plaqueSerial: string }>> {
  const now = ctx.clock.nowIso();
  await trx
    .updateTable("organizations")
    .set((eb) => ({ name: newName, updatedAt: now, version: eb(eb.ref("version"), "+", 1) }))
    .where("id", "=", base.hostOrgId)
    .execute();
  await appendAudit(trx, ctx, {
    action: "organization.update",
    resourceType: "organization",
    resourceId: base.hostOrgId,
    detail: { changed: ["name"], name: newName, previousName: base.hostOrgName, changeReportId: reportId, article: "第二十七条" },
  });
  // The host organization's name is printed on the plaque of each of its bases in force: reissue them too.
  const others = await trx
    .selectFrom("bases")
    .select(["id", "name", "plaqueSerial", "decisionDate"])
    .where("hostOrgId", "=", base.hostOrgId)
    .where("id", "!=", base.id)
    .where("status", "!=", "revoked")
    .execute();
  const out: Array<{ baseId: string; plaqueSerial: string }> = [];
  for (const other of others) {
    const plaqueSerial = await reissuePlaque(trx, ctx, other, base.hostOrgName, reportId);
    await trx
      .updateTable("bases")
      .set((eb) => ({ plaqueSerial, updatedAt: now, version: eb(eb.ref("version"), "+", 1) }))
      .where("id", "=", other.id)
      .execute();
    await appendAudit(trx, ctx, { action: "base.change", resourceType: "base", resourceId: other.id, detail: { changed: ["hostOrgName"], plaqueSerial, changeReportId: reportId, article: "第二十七条" } });
    out.push({ baseId: other.id, plaqueSerial });
  }
  return out;
}

export interface AppliedChanges {
  fields: string[];
  plaqueSerial: string | null;
  reissuedOtherBases: number;
}

/** 第二十七条: acknowledged changes apply at once, in the caller's transaction. */
export async function applyChanges(trx: Tx, ctx: Ctx, base: BaseNow, changes: ChangeValues, reportId: string): Promise<AppliedChanges> {
  const now = ctx.clock.nowIso();
  const fields = changedFields(changes);
  const renamed = changes.name !== undefined || changes.hostOrgName !== undefined;
  const plaqueSerial = renamed ? await reissuePlaque(trx, ctx, base, base.hostOrgName, reportId) : null;
  const others = changes.hostOrgName ? await renameHostOrg(trx, ctx, base, changes.hostOrgName, reportId) : [];
  const set: Record<string, string | null> = {};
  for (const k of ["name", "supervisorOrgId", "address", "contactName", "legalRepresentative"] as const) {
    const v = changes[k];
    if (v) set[k] = v;
  }
  // issue 10 item 7: the base's new contact phone is stored sealed
  if (changes.contactPhone) Object.assign(set, { contactPhone: null, ...sealContactPhone(ctx.secrets, changes.contactPhone) });
  if (plaqueSerial) set.plaqueSerial = plaqueSerial;
  await trx
    .updateTable("bases")
    .set((eb) => ({ ...set, updatedAt: now, version: eb(eb.ref("version"), "+", 1) }))
    .where("id", "=", base.id)
    .execute();
  await appendAudit(trx, ctx, {
    action: "base.change",
    resourceType: "base",
    resourceId: base.id,
    // names and units only: contact phone numbers stay out of the audit trail
    detail: { changed: fields, name: changes.name ?? null, supervisorOrgId: changes.supervisorOrgId ?? null, plaqueSerial, changeReportId: reportId, article: "第二十七条" },
  });
  return { fields, plaqueSerial, reissuedOtherBases: others.length };
}
