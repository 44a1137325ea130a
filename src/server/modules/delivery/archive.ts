// 建档 (第十七条): after a course the base files, by year and by project, the training notice, the
// curriculum, the sign-in records, the certificates issued and the evaluation. The archive view checks
// each item for completeness; the download packs them into one ZIP of PDFs and Excel files.
import { type ArchiveView } from "../../../shared/delivery.js";
import type { Lang } from "../../../shared/errors.js";
import { authorize } from "../../platform/authz.js";
import type { Ctx } from "../../platform/context.js";
import { revealContactPhone } from "../../platform/contact-phones.js";
import type { Tx } from "../../platform/db.js";
import type { ZipEntry } from "../../platform/document-jobs.js";
import { DomainError } from "../../platform/errors.js";
import { auditPersonalDataRead } from "../audit/personal-data.js";
import { baseScope } from "../filing/bases.js";
import { loadProject, type ProjectRecord } from "../filing/projects.js";
import { policyAt } from "../policy/service.js";
import type { NoticeFacts } from "./archive-pdf.js";
import { presentCertificate, signatureFingerprint, type CertificateRow } from "./certificates.js";
import { signInSheetPrint } from "./signin-sheet.js";
import { resultsOf, surveyResultsSheets } from "./survey.js";
import { plainSheet } from "./workbooks.js";

const FILES = {
  notice: "01-培训通知.pdf",
  curriculum: "02-课程设置.pdf",
  signIn: (seq: number, s: { date: string; title: string }) => `03-签到表/第${String(seq + 1).padStart(2, "0")}次课程-${s.date}-${safeName(s.title)}.pdf`,
  register: "04-结业证书/结业证书登记表.xlsx",
  certificate: (serial: string) => `04-结业证书/${serial}.pdf`,
  evaluation: "05-培训效果评估汇总.xlsx",
};

/** A title as a file name: no path separators or characters Windows refuses. */
const safeName = (text: string) => text.replace(/[\\/:*?"<>|\r\n\t]/g, "_").slice(0, 60);

interface Facts {
  project: ProjectRecord;
  /** check-ins per session id */
  checkIns: Map<string, number>;
  completed: number;
  certificates: (CertificateRow & { employer: string })[];
  responses: number;
}

async function loadInScope(trx: Tx, ctx: Ctx, projectId: string): Promise<ProjectRecord> {
  const project = await loadProject(trx, projectId);
  if (!project) throw new DomainError("NOT_FOUND");
  authorize(ctx.actor, "archive.read", baseScope(project));
  return project;
}

async function factsOf(trx: Tx, project: ProjectRecord): Promise<Facts> {
  const [perSession, completed, certificates, responses] = await Promise.all([
    trx.selectFrom("checkIns").select(["sessionId", (eb) => eb.fn.countAll<number>().as("n")]).where("projectId", "=", project.id).groupBy("sessionId").execute(),
    trx.selectFrom("enrollments").select((eb) => eb.fn.countAll<number>().as("n")).where("projectId", "=", project.id).where("completed", "=", 1).executeTakeFirstOrThrow(),
    trx
      .selectFrom("certificates")
      .innerJoin("professionals", "professionals.id", "certificates.professionalId")
      .selectAll("certificates")
      .select("professionals.employer")
      .where("certificates.projectId", "=", project.id)
      .orderBy("certificates.serial")
      .execute(),
    trx.selectFrom("surveyResponses").select((eb) => eb.fn.countAll<number>().as("n")).where("projectId", "=", project.id).executeTakeFirstOrThrow(),
  ]);
  return {
    project,
    checkIns: new Map(perSession.map((r) => [r.sessionId, Number(r.n)])),
    completed: Number(completed.n),
    certificates: certificates.map((c) => ({ ...c, version: Number(c.version), hostOrgId: project.base.hostOrgId, supervisorOrgId: project.base.supervisorOrgId })),
    responses: Number(responses.n),
  };
}

const zh = (lang: Lang, zhText: string, en: string) => (lang === "en-US" ? en : zhText);

/** What decides whether a project's archive is complete (第十七条), as counted for one project. */
export interface ArchiveCounts {
  filingNo: string | null;
  description: string;
  sessions: number;
  sessionsWithCheckIns: number;
  concluded: boolean;
  responses: number;
}

/**
 * 第十七条: each item of the archive — notice (filed, with its text), curriculum, sign-in records of
 * every session, completion with its certificates, evaluation — and whether it is there. The archive page
 * and the annual inspection's facts (第十八条) judge completeness by this one rule.
 */
export function archiveChecks(c: ArchiveCounts): Record<ArchiveView["items"][number]["key"], boolean> {
  return {
    notice: !!c.filingNo && c.description.trim() !== "",
    curriculum: c.sessions > 0,
    signIn: c.sessions > 0 && c.sessionsWithCheckIns >= c.sessions,
    certificates: c.concluded,
    evaluation: c.responses > 0,
  };
}

export const archiveComplete = (c: ArchiveCounts): boolean => Object.values(archiveChecks(c)).every(Boolean);

function itemsOf(f: Facts, lang: Lang): ArchiveView["items"] {
  const p = f.project;
  const missingSignIn = p.sessions.map((s, i) => ({ s, i })).filter(({ s }) => !f.checkIns.get(s.id));
  const revoked = f.certificates.filter((c) => c.status === "revoked").length;
  const complete = archiveChecks({
    filingNo: p.filingNo,
    description: p.description,
    sessions: p.sessions.length,
    sessionsWithCheckIns: p.sessions.length - missingSignIn.length,
    concluded: !!p.concludedAt,
    responses: f.responses,
  });
  const hasNotice = complete.notice;
  return [
    {
      key: "notice",
      complete: complete.notice,
      detail: !p.filingNo
        ? zh(lang, "项目未备案，没有培训通知", "The project is not filed: there is no notice")
        : hasNotice
          ? zh(lang, `备案号 ${p.filingNo}，培训通知已存档`, `Filed as ${p.filingNo}; the notice is archived`)
          : zh(lang, `备案号 ${p.filingNo}，但缺少培训说明（通知正文）`, `Filed as ${p.filingNo}, but the notice text (description) is missing`),
      files: [FILES.notice],
    },
    {
      key: "curriculum",
      complete: complete.curriculum,
      detail: p.sessions.length
        ? zh(lang, `共 ${p.sessions.length} 次课程，${p.sessions.reduce((n, s) => n + s.hours, 0)} 学时`, `${p.sessions.length} sessions, ${p.sessions.reduce((n, s) => n + s.hours, 0)} hours`)
        : zh(lang, "没有课程安排", "No sessions"),
      files: [FILES.curriculum],
    },
    {
      key: "signIn",
      complete: complete.signIn,
      detail:
        missingSignIn.length === 0
          ? zh(lang, `${p.sessions.length} 次课程均有签到记录`, `Every one of the ${p.sessions.length} sessions has sign-in records`)
          : zh(
              lang,
              `缺少签到记录：${missingSignIn.map(({ s, i }) => `第 ${i + 1} 次课程（${s.date} ${s.title}）`).join("、")}`,
              `No sign-in records for session ${missingSignIn.map(({ i }) => i + 1).join(", ")}`,
            ),
      files: p.sessions.map((s, i) => FILES.signIn(i, s)),
    },
    {
      key: "certificates",
      complete: complete.certificates,
      detail: p.concludedAt
        ? zh(lang, `已办理结业：结业 ${f.completed} 人，发放证书 ${f.certificates.length} 份${revoked ? `（已撤销 ${revoked} 份）` : ""}`, `Completion decided: ${f.completed} completed, ${f.certificates.length} certificates issued${revoked ? ` (${revoked} revoked)` : ""}`)
        : zh(lang, "尚未办理结业，未发放结业证书", "Completion not decided yet; no certificates issued"),
      files: [FILES.register, ...f.certificates.map((c) => FILES.certificate(c.serial))],
    },
    {
      key: "evaluation",
      complete: complete.evaluation,
      detail: f.responses > 0 ? zh(lang, `收回评估问卷 ${f.responses} 份`, `${f.responses} survey responses`) : zh(lang, "尚无学员填写评估问卷", "No survey responses yet"),
      files: [FILES.evaluation],
    },
  ];
}

export async function archiveView(ctx: Ctx, projectId: string, lang: Lang): Promise<ArchiveView> {
  const project = await loadInScope(ctx.db, ctx, projectId);
  const items = itemsOf(await factsOf(ctx.db, project), lang);
  return { projectId, complete: items.every((i) => i.complete), items };
}

/** What the notice needs beyond the project: the city, the base's address and contact, where to enrol. */
async function noticeFacts(trx: Tx, ctx: Ctx, project: ProjectRecord): Promise<NoticeFacts> {
  const [base, { params }] = await Promise.all([
    trx.selectFrom("bases").select(["address", "contactName", "contactPhoneEnc"]).where("id", "=", project.base.id).executeTakeFirstOrThrow(),
    policyAt(trx, project.startDate),
  ]);
  return {
    cityName: params.cityName,
    address: base.address,
    // The notice tells people whom to call, so it carries the whole contact: the archive is read only by
    // the base's staff, its supervising unit and the bureau, who may read the base's own phone
    // (contact-phones.ts); the public pages keep showing it masked (issue 10 item 7).
    contactName: base.contactName,
    contactPhone: revealContactPhone(ctx.secrets, base.contactPhoneEnc),
    enrolUrl: `${ctx.config.publicUrl}/public/trainings/${encodeURIComponent(project.id)}`,
  };
}

/**
 * The whole archive as one ZIP, with the file name to offer. It lists people (sign-in sheets, the
 * certificate register): the download is audited once, with how many different people it names.
 */
export async function archiveZip(ctx: Ctx, projectId: string): Promise<{ filename: string; bytes: Uint8Array }> {
  const trx = ctx.db;
  const project = await loadInScope(trx, ctx, projectId);
  const f = await factsOf(trx, project);
  const people = new Set(f.certificates.map((c) => c.professionalId));
  // issue 10 item 5: the database is read here; a document worker draws every file and packs the ZIP
  const entries: ZipEntry[] = [
    { name: FILES.notice, job: { kind: "noticePdf", project, notice: await noticeFacts(trx, ctx, project) } },
    { name: FILES.curriculum, job: { kind: "curriculumPdf", project } },
  ];
  for (const [i, s] of project.sessions.entries()) {
    const sheet = await signInSheetPrint(ctx, project.id, s.id);
    for (const id of sheet.professionalIds) people.add(id);
    entries.push({ name: FILES.signIn(i, s), job: { kind: "signInSheetPdf", sheet: sheet.print } });
  }
  const views = f.certificates.map((c) => ({ row: c, view: presentCertificate(ctx, c) }));
  entries.push({
    name: FILES.register,
    job: {
      kind: "workbook",
      sheets: [
        plainSheet({
          name: "结业证书登记表",
          columns: [
            { header: "证书编号", width: 20, value: (x: (typeof views)[number]) => x.view.serial },
            { header: "姓名", width: 10, value: (x) => x.view.content.holderName },
            { header: "身份证号", width: 22, value: (x) => x.view.content.holderIdNumberMasked },
            { header: "工作单位", width: 30, value: (x) => x.row.employer },
            { header: "学时", width: 8, value: (x) => x.view.content.hours },
            { header: "发证日期", kind: "date", value: (x) => x.view.content.issuedOn },
            { header: "状态", width: 8, value: (x) => (x.view.status === "revoked" ? "已撤销" : "有效") },
            { header: "撤销原因", width: 30, value: (x) => x.view.revokedReason },
          ],
          rows: views,
        }),
      ],
    },
  });
  if (views.length) {
    const { params } = await policyAt(trx, project.endDate);
    for (const { row, view } of views) {
      const print = { certificate: view, keyId: row.keyId, fingerprint: signatureFingerprint(row.signature), cityName: params.cityName };
      entries.push({ name: FILES.certificate(view.serial), job: { kind: "certificatePdf", print } });
    }
  }
  entries.push({ name: FILES.evaluation, job: { kind: "workbook", sheets: surveyResultsSheets(await resultsOf(trx, project), project.title) } });
  const bytes = await ctx.documents.build({ kind: "zip", entries });
  await auditPersonalDataRead(ctx, { action: "archive.downloaded", resourceType: "trainingProject", resourceId: project.id, count: people.size, format: "zip" });
  return { filename: `培训档案-${project.filingNo ?? ""}-${safeName(project.title)}.zip`, bytes };
}
