// Hours statements (学时证明): a year of a person's learning record, frozen as a signed payload (Ed25519)
// with a short verification code, printable as a PDF and checkable by anyone who holds the code.
import { randomBytes } from "node:crypto";
import { maskName, type HoursStatementVerification, type HoursStatementView, type LearningSource } from "../../../shared/delivery.js";
import type { SubjectType } from "../../../shared/filing.js";
import { appendAudit } from "../../platform/audit.js";
import { authorize } from "../../platform/authz.js";
import { inTransaction, type Ctx, type Platform } from "../../platform/context.js";
import type { Tx } from "../../platform/db.js";
import { DomainError } from "../../platform/errors.js";
import { newId } from "../../platform/ids.js";
import { auditPersonalDataRead, readsSomeoneElse } from "../audit/personal-data.js";
import { pageWindow, type Page, type PageRequest } from "../../platform/paging.js";
import { buildLearningRecord, currentYear, readableRecordOf, requirementOf } from "./learning.js";
import { requireProfessional } from "./profiles.js";

/** Crockford's base 32: no I, L, O or U, so a code read aloud or retyped is not misread. */
const CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const CODE_LENGTH = 12;
export const CODE_PATTERN = `^[${CODE_ALPHABET}]{${CODE_LENGTH}}$`;

function newCode(): string {
  return [...randomBytes(CODE_LENGTH)].map((b) => CODE_ALPHABET[b & 31]).join("");
}

/** Everything the statement prints; the signature covers exactly this JSON text. */
export interface StatementPayload {
  code: string;
  professionalId: string;
  holderName: string;
  holderIdNumberMasked: string;
  year: number;
  generalHours: number;
  professionalHours: number;
  totalHours: number;
  requiredHours: number;
  requiredProfessionalHours: number;
  requiredGeneralHours: number;
  compliant: boolean;
  shortfalls: { kind: "total" | "general" | "professional"; hours: number }[];
  entries: {
    title: string;
    source: LearningSource;
    subjectType: SubjectType;
    hours: number;
    earnedOn: string;
    baseName: string | null;
    certificateSerial: string | null;
    /** declared hours (人社部令第25号 第十条): the name of the evidence the bureau accepted them on; statements before issue 11 have none */
    evidenceName?: string | null;
  }[];
  issuedAt: string;
  keyId: string;
}

export const verifyUrlOf = (p: Platform, code: string) => `${p.config.publicUrl}/verify/hours/${code}`;

function view(p: Platform, r: { id: string; code: string; professionalId: string; year: number; issuedAt: string }): HoursStatementView {
  return { id: r.id, code: r.code, professionalId: r.professionalId, year: Number(r.year), issuedAt: r.issuedAt, pdfUrl: `/api/v1/hours-statements/${r.id}.pdf`, verifyUrl: verifyUrlOf(p, r.code) };
}

async function unusedCode(trx: Tx): Promise<string> {
  for (;;) {
    const code = newCode();
    if (!(await trx.selectFrom("hoursStatements").select("id").where("code", "=", code).executeTakeFirst())) return code;
  }
}

/** Issues a statement for the person (own record) or, by the bureau, for anyone. */
export async function issueHoursStatement(ctx: Ctx, who: string | "me", year: number): Promise<HoursStatementView> {
  return inTransaction(ctx, async (trx) => {
    const professionalId = who === "me" ? await requireProfessional(trx, ctx) : who;
    authorize(ctx.actor, "hoursStatement.create");
    const exists = await trx.selectFrom("professionals").select("id").where("id", "=", professionalId).executeTakeFirst();
    if (!exists) throw new DomainError("NOT_FOUND");
    authorize(ctx.actor, "hoursStatement.create", { userId: professionalId });
    // 第二十四条: a statement covers a year that has begun and that the measures govern.
    if (year > currentYear(ctx) || !(await requirementOf(trx, year))) throw new DomainError("STATEMENT_YEAR_INVALID", { year });
    const record = await buildLearningRecord(trx, professionalId, year);
    const evidence = await evidenceNames(trx, record.entries.map((e) => e.declarationId));
    const person = await trx.selectFrom("users").select("idNumberMasked").where("id", "=", professionalId).executeTakeFirstOrThrow();
    const id = newId();
    const code = await unusedCode(trx);
    const issuedAt = ctx.clock.nowIso();
    const payload: StatementPayload = {
      code,
      professionalId,
      holderName: record.name,
      holderIdNumberMasked: person.idNumberMasked ?? "",
      year,
      generalHours: record.generalHours,
      professionalHours: record.professionalHours,
      totalHours: record.totalHours,
      requiredHours: record.requiredHours,
      requiredProfessionalHours: record.requiredProfessionalHours,
      requiredGeneralHours: record.requiredGeneralHours,
      compliant: record.compliant,
      shortfalls: record.shortfalls,
      entries: record.entries
        .filter((e) => e.status === "counted")
        .sort((a, b) => a.earnedOn.localeCompare(b.earnedOn))
        .map((e) => ({
          title: e.title,
          source: e.source,
          subjectType: e.subjectType,
          hours: e.hours,
          earnedOn: e.earnedOn,
          baseName: e.baseName,
          certificateSerial: e.certificateSerial,
          evidenceName: e.declarationId ? (evidence.get(e.declarationId) ?? null) : null,
        })),
      issuedAt,
      keyId: ctx.secrets.signingKeyId,
    };
    const text = JSON.stringify(payload);
    await trx
      .insertInto("hoursStatements")
      .values({ id, code, professionalId, year, payload: text, signature: ctx.secrets.sign(text), keyId: ctx.secrets.signingKeyId, issuedAt })
      .execute();
    await appendAudit(trx, ctx, { action: "hoursStatement.create", resourceType: "hoursStatement", resourceId: id, detail: { professionalId, year, code, compliant: record.compliant } });
    return view(ctx, { id, code, professionalId, year, issuedAt });
  });
}

/** The file names of the evidence the declarations were accepted on (the person's own uploads). */
async function evidenceNames(trx: Tx, declarationIds: (string | null)[]): Promise<Map<string, string>> {
  const ids = [...new Set(declarationIds.filter((id): id is string => !!id))];
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom("hourDeclarations")
    .innerJoin("fileUploads", (j) => j.onRef("fileUploads.fileId", "=", "hourDeclarations.evidenceFileId").onRef("fileUploads.userId", "=", "hourDeclarations.professionalId"))
    .select(["hourDeclarations.id", "fileUploads.name"])
    .where("hourDeclarations.id", "in", ids)
    .execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/**
 * The statements issued to a person, newest first: their own (learningRecord.read: self) or, for the
 * bureau, anyone's. Someone else's list answers 404, as their record does.
 */
export async function listHoursStatements(ctx: Ctx, who: string | "me", req: PageRequest): Promise<Page<HoursStatementView>> {
  const professionalId = who === "me" ? await requireProfessional(ctx.db, ctx) : who;
  await readableRecordOf(ctx, professionalId);
  const { page, pageSize, offset } = pageWindow(req);
  const q = ctx.db.selectFrom("hoursStatements").where("professionalId", "=", professionalId);
  const [count, rows] = await Promise.all([
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
    q.select(["id", "code", "professionalId", "year", "issuedAt"]).orderBy("issuedAt", "desc").orderBy("id", "desc").limit(pageSize).offset(offset).execute(),
  ]);
  return { items: rows.map((r) => view(ctx, r)), total: Number(count.n), page, pageSize };
}

/**
 * A stored statement to print, for its holder or the bureau (learningRecord.read); anyone else answers
 * 404. The bureau printing someone's statement is audited; the holder printing their own is not.
 */
export async function readHoursStatement(ctx: Ctx, id: string): Promise<{ payload: StatementPayload; view: HoursStatementView }> {
  authorize(ctx.actor, "learningRecord.read");
  const row = await ctx.db.selectFrom("hoursStatements").selectAll().where("id", "=", id).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  authorize(ctx.actor, "learningRecord.read", { userId: row.professionalId });
  if (readsSomeoneElse(ctx, row.professionalId)) {
    await auditPersonalDataRead(ctx, { action: "hoursStatement.downloaded", resourceType: "hoursStatement", resourceId: row.id, count: 1, format: "pdf" });
  }
  return { payload: JSON.parse(row.payload) as StatementPayload, view: view(ctx, row) };
}

function parsePayload(text: string): Partial<StatementPayload> {
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === "object" ? (v as Partial<StatementPayload>) : {};
  } catch {
    return {};
  }
}

/** Public check of a statement: genuine when the signature covers the stored payload and names this code. */
export async function verifyHoursStatement(ctx: Ctx, code: string): Promise<HoursStatementVerification> {
  const row = await ctx.db.selectFrom("hoursStatements").selectAll().where("code", "=", code.toUpperCase()).executeTakeFirst();
  if (!row) throw new DomainError("NOT_FOUND");
  const p = parsePayload(row.payload);
  // Issue 10 item 12: checked with the key that signed it, current or retired; the payload names it too.
  const valid = p.keyId === row.keyId && ctx.secrets.verify(row.payload, row.signature, row.keyId) && p.code === row.code;
  const num = (n: unknown) => (typeof n === "number" && Number.isFinite(n) ? n : 0);
  // A statement is a snapshot: a certificate revoked or hours accepted since leave it genuine but out of date.
  const now = await buildLearningRecord(ctx.db, row.professionalId, Number(row.year));
  const differs = (a: number, b: unknown) => Math.abs(a - num(b)) > 0.001;
  const revisedSince = differs(now.generalHours, p.generalHours) || differs(now.professionalHours, p.professionalHours);
  return {
    valid,
    code: row.code,
    holderName: maskName(typeof p.holderName === "string" ? p.holderName : ""),
    year: Number(row.year),
    generalHours: num(p.generalHours),
    professionalHours: num(p.professionalHours),
    totalHours: num(p.totalHours),
    requiredHours: num(p.requiredHours),
    compliant: valid && p.compliant === true,
    issuedAt: row.issuedAt,
    revisedSince,
    currentTotalHours: now.totalHours,
  };
}
