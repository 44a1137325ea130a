// 结业证书 (第十七条 结业证书发放; 第二十条 乱发证): a certificate is issued only by completion, carries a
// serial and an Ed25519 signature over its content, can be checked by anyone (public verification and
// the published key), and can be revoked with a reason, one by one or all of a project's at once,
// which takes their hours out of the record.
import { createHash, randomBytes } from "node:crypto";
import type { CertificateContent, CertificateVerification, CertificateView } from "../../../shared/delivery.js";
import { maskName } from "../../../shared/delivery.js";
import type { SubjectType } from "../../../shared/filing.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize, can, scopeWhere, type ScopedResource } from "../../platform/authz.js";
import { inTransaction, type Ctx, type Platform } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import type { BasesTable, CertificatesTable } from "../../db/schema.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { listKeyVersions } from "../../platform/keys.js";
import { keysetPage, type KeysetList, type KeysetRequest } from "../../platform/keyset.js";
import type { KeysetPaged } from "../../../shared/api.js";
import { nextNumber } from "../accreditation/queries.js";
import { auditPersonalDataRead, readsSomeoneElse } from "../audit/personal-data.js";
import { BASE_SCOPE_COLUMNS, requireText } from "../filing/bases.js";
import { notify } from "../notifications/service.js";
import { revokeCertificateHours } from "../professionals/record.js";
import { idNumberHashOf } from "../professionals/identity.js";
import { requireProfessional } from "../professionals/profiles.js";
import { indexedTextMatch, PROFESSIONAL_NAME } from "../../platform/search.js";

/** JSON with object keys in code-point order at every depth: the same content always signs the same bytes. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Crockford's base 32 (no I, L, O, U): a serial read aloud or retyped is not misread. */
const SERIAL_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const SERIAL_RANDOM_LENGTH = 6;

/**
 * 继教证书 serials: JJZS-<year of issue>-<six digits>-<six random characters>, numbered within the year.
 * Issue 10 item 11: the random part (30 bits) makes a serial unguessable from its neighbours, so walking
 * the numbers finds nothing. Serials issued before it (no random part) still verify: they are printed.
 */
/** A keyword that is a serial, or the beginning of one (JJZS-2026-…), searches the serials rather than names. */
const SERIAL_PREFIX = /^JJZS-/i;

export async function nextSerial(trx: Tx, year: number): Promise<string> {
  const random = [...randomBytes(SERIAL_RANDOM_LENGTH)].map((b) => SERIAL_ALPHABET[b & 31]).join("");
  return `JJZS-${year}-${String(await nextNumber(trx, `certificate:${year}`)).padStart(6, "0")}-${random}`;
}

export const verifyUrlOf = (p: Platform, serial: string) => `${p.config.publicUrl}/verify/certificates/${encodeURIComponent(serial)}`;

/** A short, printable fingerprint of a signature: the first 16 hex digits of its sha256, in groups of four. */
export const signatureFingerprint = (signature: string) =>
  createHash("sha256").update(signature).digest("hex").slice(0, 16).toUpperCase().match(/.{4}/g)!.join("-");

export interface Issue {
  projectId: string;
  professionalId: string;
  content: Omit<CertificateContent, "serial">;
}

/**
 * Issues and signs one certificate. Only completion calls this (第二十条: no certificate without a
 * completed course); the caller has decided the person completed.
 */
export async function issueCertificate(trx: Tx, ctx: Ctx, issue: Issue): Promise<{ id: string; serial: string }> {
  const serial = await nextSerial(trx, Number(issue.content.issuedOn.slice(0, 4)));
  const payload = canonicalJson({ ...issue.content, serial } satisfies CertificateContent);
  const id = newId();
  await trx
    .insertInto("certificates")
    .values({
      id,
      serial,
      projectId: issue.projectId,
      professionalId: issue.professionalId,
      payload,
      signature: ctx.secrets.sign(payload),
      keyId: ctx.secrets.signingKeyId,
      issuedAt: ctx.clock.nowIso(),
      status: "valid",
      revokedAt: null,
      revokedBy: null,
      revokedReason: null,
      version: 1,
    })
    .execute();
  return { id, serial };
}

// ---- reading ----

/** A certificate as read: its row (less who revoked it) and the scope facts of the base that issued it. */
export type CertificateRow = Omit<CertificatesTable, "revokedBy"> & Pick<BasesTable, "hostOrgId" | "supervisorOrgId">;

const CERT_SCOPE_COLUMNS = { ...BASE_SCOPE_COLUMNS, userId: "certificates.professionalId" } as const;

/** Certificates with the base that issued each (the scope's columns), nothing selected yet. */
function certificatesJoined(trx: Tx) {
  return trx
    .selectFrom("certificates")
    .innerJoin("trainingProjects", "trainingProjects.id", "certificates.projectId")
    .innerJoin("bases", "bases.id", "trainingProjects.baseId");
}

function certificates(trx: Tx) {
  return certificatesJoined(trx)
    .select([
      "certificates.id",
      "certificates.serial",
      "certificates.projectId",
      "certificates.professionalId",
      "certificates.payload",
      "certificates.signature",
      "certificates.keyId",
      "certificates.issuedAt",
      "certificates.status",
      "certificates.revokedAt",
      "certificates.revokedReason",
      "certificates.version",
      "bases.hostOrgId",
      "bases.supervisorOrgId",
    ]);
}

/** The base that issued it, its supervising unit and the holder (第二十四条: a person's own certificates). */
export const certificateScope = (c: Pick<CertificateRow, "hostOrgId" | "supervisorOrgId" | "professionalId">): ScopedResource => ({
  orgId: c.hostOrgId,
  supervisorOrgId: c.supervisorOrgId,
  userId: c.professionalId,
});

/** The signed content, or null when the stored payload is not even JSON (tampered). */
export function contentOf(payload: string): CertificateContent | null {
  try {
    const c = JSON.parse(payload) as CertificateContent;
    return c && typeof c === "object" && typeof c.serial === "string" ? c : null;
  } catch {
    return null;
  }
}

/** The certificate in the actor's read scope, or NOT_FOUND. */
export async function loadCertificate(trx: Tx, ctx: Ctx, id: string): Promise<CertificateRow> {
  const row = await certificates(trx).where("certificates.id", "=", id).executeTakeFirst();
  if (!row || !can(ctx.actor, "certificate.read", certificateScope(row))) throw new DomainError("NOT_FOUND");
  return { ...row, version: Number(row.version) };
}

/** A tampered payload still shows the row's own facts, blank where it cannot be read. */
const unreadable = (r: CertificateRow): CertificateContent => ({
  serial: r.serial,
  holderName: "",
  holderIdNumberMasked: "",
  projectId: r.projectId,
  projectTitle: "",
  filingNo: "",
  subjectType: "professional",
  hours: 0,
  startDate: r.issuedAt.slice(0, 10),
  endDate: r.issuedAt.slice(0, 10),
  baseName: "",
  issuedOn: r.issuedAt.slice(0, 10),
});

export function presentCertificate(ctx: Ctx, r: CertificateRow): CertificateView {
  const revocable = r.status === "valid" && can(ctx.actor, "certificate.revoke", certificateScope(r));
  return {
    id: r.id,
    serial: r.serial,
    professionalId: r.professionalId,
    content: contentOf(r.payload) ?? unreadable(r),
    status: r.status as CertificateView["status"],
    issuedAt: r.issuedAt,
    revokedAt: r.revokedAt,
    revokedReason: r.revokedReason,
    verifyUrl: verifyUrlOf(ctx, r.serial),
    signature: r.signature,
    keyId: r.keyId,
    availableActions: revocable ? ["revoke"] : [],
    version: r.version,
  };
}

export async function getCertificate(ctx: Ctx, id: string): Promise<CertificateView> {
  return presentCertificate(ctx, await loadCertificate(ctx.db, ctx, id));
}

/** A certificate to print as PDF: staff printing someone's certificate is audited, its holder is not. */
export async function certificateToPrint(ctx: Ctx, id: string): Promise<{ row: CertificateRow; view: CertificateView }> {
  const row = await loadCertificate(ctx.db, ctx, id);
  if (readsSomeoneElse(ctx, row.professionalId)) {
    await auditPersonalDataRead(ctx, { action: "certificate.downloaded", resourceType: "certificate", resourceId: row.id, count: 1, format: "pdf" });
  }
  return { row, view: presentCertificate(ctx, row) };
}

/** Certificates in serial order (the serial is unique): one range of certificates_project_serial_idx or certificates_professional_serial_idx. */
const SERIAL_ORDER: KeysetList<{ id: string; serial: string }> = {
  keys: [{ ref: "certificates.serial", dir: "asc" }],
  select: (q) => q.select(["certificates.id", "certificates.serial"]),
  keyOf: (r) => [r.serial],
};

/** A page of the filtered certificates: the page's ids by keyset (serials only, however many match), then their rows. */
async function page(ctx: Ctx, q: ReturnType<typeof certificatesJoined>, req: KeysetRequest, order = SERIAL_ORDER): Promise<KeysetPaged<CertificateView>> {
  const paged = await keysetPage(ctx.db, q, order, req);
  const ids = paged.items.map((r) => r.id);
  const rows = ids.length ? await certificates(ctx.db).where("certificates.id", "in", ids).execute() : [];
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { ...paged, items: ids.map((id) => presentCertificate(ctx, { ...byId.get(id)!, version: Number(byId.get(id)!.version) })) };
}

/** A project's certificates, as far as the actor may read them (the base, its supervising unit, the bureau). */
export async function listProjectCertificates(ctx: Ctx, projectId: string, req: KeysetRequest & { status?: "valid" | "revoked" }): Promise<KeysetPaged<CertificateView>> {
  const where = scopeWhere<any, "bases" | "certificates">(ctx.actor, "certificate.read", CERT_SCOPE_COLUMNS);
  if (!where) throw new DomainError("FORBIDDEN");
  const project = await ctx.db
    .selectFrom("trainingProjects")
    .innerJoin("bases", "bases.id", "trainingProjects.baseId")
    .select(["bases.hostOrgId", "bases.supervisorOrgId"])
    .where("trainingProjects.id", "=", projectId)
    .executeTakeFirst();
  // The base's staff, its supervising unit and the bureau see the project's list; a professional sees
  // their own certificate in it; anyone else (another base) does not learn the project exists.
  if (!project || !can(ctx.actor, "certificate.read", certificateScope({ ...project, professionalId: ctx.actor!.id }))) throw new DomainError("NOT_FOUND");
  let q = certificatesJoined(ctx.db).where("certificates.projectId", "=", projectId).where(where);
  if (req.status) q = q.where("certificates.status", "=", req.status);
  return page(ctx, q, req);
}

/** The province-wide list, newest serial first: one range of the serial's unique index, read backwards. */
const NEWEST_FIRST: KeysetList<{ id: string; serial: string }> = { ...SERIAL_ORDER, keys: [{ ref: "certificates.serial", dir: "desc" }] };

export interface CertificateSearch {
  /** the holder's name (1–2 characters its beginning, 3 or more any part), or a serial or its beginning */
  keyword?: string;
  /** the holder's whole ID number, matched through its keyed hash */
  idNumber?: string;
  status?: "valid" | "revoked";
}

/**
 * 证书查询: every certificate the actor may read (the bureau the city's, a supervising unit its bases', a base
 * its own), found by the holder's name or ID number or by the serial printed on the paper. The holder is
 * found first through the name's index or the ID number's hash; their certificates then through
 * certificates_professional_serial_idx.
 */
export async function listCertificates(ctx: Ctx, req: KeysetRequest & CertificateSearch): Promise<KeysetPaged<CertificateView>> {
  const where = scopeWhere<any, "bases" | "certificates">(ctx.actor, "certificate.read", CERT_SCOPE_COLUMNS);
  if (!where) throw new DomainError("FORBIDDEN");
  let q = certificatesJoined(ctx.db).where(where);
  const keyword = req.keyword?.trim() ?? "";
  if (SERIAL_PREFIX.test(keyword)) {
    const serial = keyword.toUpperCase();
    q = q.where("certificates.serial", ">=", serial).where("certificates.serial", "<", `${serial}\u{10FFFF}`);
  } else if (keyword) {
    q = q.where("certificates.professionalId", "in", ctx.db.selectFrom("users").select("users.id").where(() => indexedTextMatch(ctx.db, PROFESSIONAL_NAME, keyword)));
  }
  if (req.idNumber) q = q.where("certificates.professionalId", "in", ctx.db.selectFrom("users").select("users.id").where("users.idNumberHash", "=", idNumberHashOf(ctx.secrets, req.idNumber)));
  if (req.status) q = q.where("certificates.status", "=", req.status);
  return page(ctx, q, req, NEWEST_FIRST);
}

/** The signed-in professional's own certificates. */
export async function listMyCertificates(ctx: Ctx, req: KeysetRequest): Promise<KeysetPaged<CertificateView>> {
  const professionalId = await requireProfessional(ctx.db, ctx);
  authorize(ctx.actor, "certificate.read", { userId: professionalId });
  return page(ctx, certificatesJoined(ctx.db).where("certificates.professionalId", "=", professionalId), req);
}

// ---- revocation (第二十条: a wrongly issued certificate is withdrawn, and its hours with it) ----

export async function revokeCertificate(ctx: Ctx, id: string, reasonText: string): Promise<CertificateView> {
  return inTransaction(ctx, async (trx) => {
    const c = await loadCertificate(trx, ctx, id);
    authorize(ctx.actor, "certificate.revoke", certificateScope(c));
    if (c.status === "revoked") throw new DomainError("CERTIFICATE_REVOKED");
    requireText(reasonText, 2, "撤销原因");
    await revokeOne(trx, ctx, c, reasonText.trim());
    return presentCertificate(ctx, await loadCertificate(trx, ctx, id));
  });
}

/** The one revocation path, for a single certificate and for a project's in bulk: status, hours, audit, holder told. */
async function revokeOne(trx: Tx, ctx: Ctx, c: CertificateRow, reason: string, bulk = false): Promise<number> {
  const now = ctx.clock.nowIso();
  const res = await trx
    .updateTable("certificates")
    .set({ status: "revoked", revokedAt: now, revokedBy: ctx.actor!.id, revokedReason: reason, version: c.version + 1 })
    .where("id", "=", c.id)
    .where("version", "=", c.version)
    .where("status", "=", "valid")
    .executeTakeFirst();
  // Two revocations at once: the one that lost finds it revoked already.
  if (Number(res.numUpdatedRows) !== 1) throw new DomainError("CERTIFICATE_REVOKED");
  const entries = await revokeCertificateHours(trx, ctx, c.id, reason);
  const content = contentOf(c.payload);
  await appendAudit(trx, ctx, {
    action: "certificate.revoke",
    resourceType: "certificate",
    resourceId: c.id,
    detail: { serial: c.serial, projectId: c.projectId, professionalId: c.professionalId, reason, learningEntriesRevoked: entries, bulk, article: "第二十条" },
  });
  await notify(trx, ctx, [c.professionalId], "certificate.revoked", { serial: c.serial, projectTitle: content?.projectTitle ?? "", reason }, "/my/courses");
  return entries;
}

/**
 * 第二十条 乱发证: every valid certificate of a project revoked at once with one reason, in one
 * transaction, each through the same path as a single revocation (its hours leave the record).
 */
export async function revokeProjectCertificates(ctx: Ctx, projectId: string, reasonText: string): Promise<{ projectId: string; revoked: number; learningEntriesRevoked: number }> {
  return inTransaction(ctx, async (trx) => {
    const project = await trx
      .selectFrom("trainingProjects")
      .innerJoin("bases", "bases.id", "trainingProjects.baseId")
      .select(["bases.hostOrgId", "bases.supervisorOrgId"])
      .where("trainingProjects.id", "=", projectId)
      .executeTakeFirst();
    // The base that issued them and its supervising unit (no holder: this is about the whole project).
    const scope: ScopedResource | undefined = project && { orgId: project.hostOrgId, supervisorOrgId: project.supervisorOrgId };
    if (!scope || !can(ctx.actor, "certificate.read", scope)) throw new DomainError("NOT_FOUND");
    authorize(ctx.actor, "certificate.revoke", scope);
    requireText(reasonText, 2, "撤销原因");
    const reason = reasonText.trim();
    const rows = await certificates(trx).where("certificates.projectId", "=", projectId).where("certificates.status", "=", "valid").orderBy("certificates.serial").execute();
    if (rows.length === 0) throw new DomainError("NO_VALID_CERTIFICATES");
    let entries = 0;
    for (const r of rows) entries += await revokeOne(trx, ctx, { ...r, version: Number(r.version) }, reason, true);
    await appendAudit(trx, ctx, {
      action: "certificate.revokeAll",
      resourceType: "trainingProject",
      resourceId: projectId,
      detail: { reason, revoked: rows.length, learningEntriesRevoked: entries, serials: rows.map((r) => r.serial), article: "第二十条" },
    });
    return { projectId, revoked: rows.length, learningEntriesRevoked: entries };
  });
}

// ---- public verification ----

/** Anyone checks a serial: genuine (the signature holds over the stored content) and not revoked. */
export async function verifyCertificate(ctx: Ctx, serial: string): Promise<CertificateVerification> {
  const r = await certificates(ctx.db).where("certificates.serial", "=", serial.trim().toUpperCase()).executeTakeFirst();
  if (!r) throw new DomainError("NOT_FOUND");
  const content = contentOf(r.payload);
  // Issue 10 item 12: checked with the key that signed it, current or retired.
  const signatureValid = !!content && content.serial === r.serial && ctx.secrets.verify(r.payload, r.signature, r.keyId);
  const c = content ?? unreadable({ ...r, version: Number(r.version) });
  const status = r.status as CertificateVerification["status"];
  return {
    valid: signatureValid && status === "valid",
    serial: r.serial,
    status,
    signatureValid,
    holderName: maskName(c.holderName),
    projectTitle: c.projectTitle,
    filingNo: c.filingNo,
    subjectType: c.subjectType as SubjectType,
    hours: c.hours,
    baseName: c.baseName,
    startDate: c.startDate,
    endDate: c.endDate,
    issuedOn: c.issuedOn,
    revokedAt: r.revokedAt,
    revokedReason: r.revokedReason,
    keyId: r.keyId,
  };
}

export function signingKey(ctx: Platform) {
  return { algorithm: "Ed25519" as const, keyId: ctx.secrets.signingKeyId, publicKeyPem: ctx.secrets.publicKeyPem };
}

/** Every signing key with its validity, the active one first (issue 10 item 12: retired keys stay published). */
export async function signingKeys(ctx: Platform) {
  const rows = await listKeyVersions(ctx, "signing");
  return {
    items: rows.map((r) => ({
      algorithm: "Ed25519" as const,
      keyId: r.keyId,
      version: r.version,
      publicKeyPem: r.publicKeyPem ?? ctx.secrets.signingKey(r.version).publicKeyPem,
      validFrom: r.validFrom,
      retiredAt: r.retiredAt,
      active: r.retiredAt === null,
    })),
  };
}
