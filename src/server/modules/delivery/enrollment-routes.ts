// HTTP surface of enrolment and check-in (第十七条): enrolling, the enrolment list and its Excel,
// the rotating check-in code, checking in, who is in, 补签 by hand, the printable sign-in sheet and
// its Excel import.
import { Type, type TProperties } from "typebox";
import { Id, IdParams, KeysetPaged, KeysetQuery } from "../../../shared/api.js";
import {
  CheckInBody,
  CheckInCodeView,
  CheckInView,
  DeliveryImportResult,
  ENROLLMENT_STATUSES,
  EnrollmentCreateBody,
  EnrollmentView,
  ManualCheckInBody,
  MyEnrollmentView,
  SessionAttendanceView,
} from "../../../shared/delivery.js";
import type { Platform } from "../../platform/context.js";
import { sendStreamedExport, type ExportColumn } from "../../platform/streamed-export.js";
import { actorCtx, contentDisposition } from "../../platform/http.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { checkIn, checkInCode, manualCheckIn, sessionAttendance } from "./checkins.js";
import { enrolmentTemplate, importEnrolments } from "./enrollment-excel.js";
import { cancelEnrolment, enrol, enrolmentsExport, listEnrolments, myEnrolments } from "./enrollments.js";
import { importSignInSheet, signInSheetPdf, signInSheetXlsx } from "./signin-sheet.js";

const obj = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });
const SessionParams = obj({ id: Id, sessionId: Id });
const EnrolmentQuery = {
  keyword: Type.Optional(Type.String({ maxLength: 50, description: "a name (3 characters or more anywhere in it, 1–2 its beginning), the visible digits of ID numbers, or one whole ID number" })),
  employer: Type.Optional(Type.String({ maxLength: 50, description: "the employer contains this" })),
  status: Type.Optional(Type.Enum(ENROLLMENT_STATUSES)),
};
const CancelBody = obj({ version: Type.Optional(Type.Integer({ minimum: 1 })), reason: Type.Optional(Type.String({ maxLength: 500 })) });
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const STATUS_NAMES: Record<string, string> = { enrolled: "已报名", cancelled: "已取消" };
const SOURCE_NAMES: Record<string, string> = { self: "本人报名", staff: "基地代报", import: "Excel 导入" };

/** 个人信息保护法: the ID number masked, as on the page. */
const ENROLMENT_COLUMNS: ExportColumn[] = [
  { header: "姓名", width: 12, field: "name" },
  { header: "身份证号码", width: 22, field: "idNumberMasked" },
  { header: "工作单位", width: 30, field: "employer" },
  { header: "职称", width: 14, field: "title" },
  { header: "报名方式", width: 12, field: "source", labels: SOURCE_NAMES },
  { header: "状态", width: 10, field: "status", labels: STATUS_NAMES },
  { header: "出勤", width: 10, field: "attendance" },
  { header: "结业", width: 8, field: "completed", labels: { "1": "是", "0": "否" } },
  { header: "报名时间", width: 18, kind: "datetime", field: "createdAt" },
];

export function enrollmentRoutes(r: Router, p: Platform): void {
  let tags = ["enrolment"];
  r.post(
    "/api/v1/training-projects/:id/enrollments",
    {
      config: { grant: "enrollment.create" },
      schema: {
        tags,
        summary: "Enrol: a professional with an empty body enrols themselves; base staff name the person (第十七条)",
        params: IdParams,
        body: EnrollmentCreateBody,
        response: { 201: EnrollmentView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await enrol(actorCtx(p, req), req.params.id, req.body)),
  );
  r.get(
    "/api/v1/training-projects/:id/enrollments",
    { config: { grant: "enrollment.read" }, schema: { tags, summary: "A project's enrolments (ID numbers masked)", params: IdParams, querystring: obj({ ...KeysetQuery, ...EnrolmentQuery }), response: { 200: KeysetPaged(EnrollmentView), ...errorResponses } } },
    async (req) => listEnrolments(actorCtx(p, req), req.params.id, req.query),
  );
  r.get(
    "/api/v1/training-projects/:id/enrollments.xlsx",
    { config: { grant: "enrollment.read" }, schema: { tags, summary: "Export a project's enrolments to Excel", params: IdParams, querystring: obj(EnrolmentQuery) } },
    async (req, reply) => {
      const { query, audit } = await enrolmentsExport(actorCtx(p, req), req.params.id, req.query);
      return sendStreamedExport(p, reply, { filename: "报名名单.xlsx", sheetName: "报名名单", query, keys: ["createdAt", "id"], columns: ENROLMENT_COLUMNS, onDone: audit });
    },
  );
  r.get(
    "/api/v1/training-projects/:id/enrollments/template.xlsx",
    { config: { grant: "enrollment.create" }, schema: { tags, summary: "Excel template of an enrolment list", params: IdParams } },
    async (req, reply) =>
      reply
        .type(XLSX)
        .header("Content-Disposition", contentDisposition("报名名单导入模板.xlsx"))
        .send(await enrolmentTemplate(actorCtx(p, req), req.params.id)),
  );
  r.post(
    "/api/v1/enrollments/:id/actions/cancel",
    { config: { grant: "enrollment.cancel" }, schema: { tags, summary: "Cancel an enrolment before class start (the person or the base)", params: IdParams, body: CancelBody, response: { 200: EnrollmentView, ...errorResponses } } },
    async (req) => cancelEnrolment(actorCtx(p, req), req.params.id, req.body),
  );
  r.get(
    "/api/v1/me/enrollments",
    { config: { access: "authenticated" }, schema: { tags, summary: "My courses: sessions with my check-ins, completion, certificate, survey", response: { 200: Type.Array(MyEnrollmentView), ...errorResponses } } },
    async (req) => myEnrolments(actorCtx(p, req)),
  );

  tags = ["check-in"];
  r.get(
    "/api/v1/training-projects/:id/sessions/:sessionId/check-in-code",
    { config: { grant: "checkIn.open" }, schema: { tags, summary: "The session's rotating check-in code (new every 30 s) with its QR image", params: SessionParams, response: { 200: CheckInCodeView, ...errorResponses } } },
    async (req) => checkInCode(actorCtx(p, req), req.params.id, req.params.sessionId),
  );
  r.post(
    "/api/v1/check-ins",
    {
      config: { grant: "checkIn.create" },
      schema: {
        tags,
        summary: "Check in with a scanned code; a repeated check-in answers the first (200, repeated: true)",
        body: CheckInBody,
        response: { 200: CheckInView, 201: CheckInView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const ctx = actorCtx(p, req);
      // Issue 12 item 4: the device is kept only as a keyed hash (proxy check-in detection).
      const { view, created } = await checkIn(ctx, req.body.token, { ip: ctx.ip, userAgent: req.headers["user-agent"] ?? null });
      return reply.code(created ? 201 : 200).send(view);
    },
  );
  r.get(
    "/api/v1/training-projects/:id/sessions/:sessionId/check-ins",
    { config: { grant: "checkIn.read" }, schema: { tags, summary: "Who is in: the enrolled people and their check-in at this session", params: SessionParams, response: { 200: SessionAttendanceView, ...errorResponses } } },
    async (req) => sessionAttendance(actorCtx(p, req), req.params.id, req.params.sessionId),
  );
  r.post(
    "/api/v1/training-projects/:id/sessions/:sessionId/check-ins",
    { config: { grant: "checkIn.manual" }, schema: { tags, summary: "补签: check a person in by hand, with a reason (audited)", params: SessionParams, body: ManualCheckInBody, response: { 200: CheckInView, 201: CheckInView, ...errorResponses } } },
    async (req, reply) => {
      const { view, created } = await manualCheckIn(actorCtx(p, req), req.params.id, req.params.sessionId, req.body);
      return reply.code(created ? 201 : 200).send(view);
    },
  );
  r.get(
    "/api/v1/training-projects/:id/sessions/:sessionId/sign-in-sheet.pdf",
    { config: { grant: "checkIn.read" }, schema: { tags, summary: "The printable sign-in sheet of a session (A4)", params: SessionParams } },
    async (req, reply) => {
      const ctx = actorCtx(p, req);
      const { filename, bytes } = await p.documents.forRequest(reply, ctx.actor.id, () => signInSheetPdf(ctx, req.params.id, req.params.sessionId));
      return reply.type("application/pdf").header("Content-Disposition", contentDisposition(filename, "inline")).send(bytes);
    },
  );
  r.get(
    "/api/v1/training-projects/:id/sessions/:sessionId/sign-in-sheet.xlsx",
    { config: { grant: "checkIn.read" }, schema: { tags, summary: "The sign-in sheet as Excel, with a 签到 column to mark and import back", params: SessionParams } },
    async (req, reply) => {
      const { filename, bytes } = await signInSheetXlsx(actorCtx(p, req), req.params.id, req.params.sessionId);
      return reply.type(XLSX).header("Content-Disposition", contentDisposition(filename)).send(bytes);
    },
  );
}

/** Excel imports (enrolment list, sign-in sheet) take raw .xlsx bodies: their own scope. */
export function enrollmentUploadRoutes(r: Router, p: Platform): void {
  const limit = 5 * 1024 * 1024;
  r.addContentTypeParser([XLSX, "application/octet-stream"], { parseAs: "buffer", bodyLimit: limit }, (_req, body, done) => done(null, body));
  const bytesOf = (body: unknown) => (Buffer.isBuffer(body) ? body : Buffer.alloc(0));
  r.post(
    "/api/v1/training-projects/:id/enrollments/import",
    {
      config: { grant: "enrollment.create" },
      bodyLimit: limit,
      schema: {
        tags: ["enrolment"],
        summary: "Enrol the people of the Excel template; any bad row imports nothing and is reported (IMPORT_ROWS_INVALID)",
        params: IdParams,
        response: { 200: DeliveryImportResult, ...errorResponses },
      },
    },
    async (req) => importEnrolments(actorCtx(p, req), req.params.id, bytesOf(req.body)),
  );
  r.post(
    "/api/v1/training-projects/:id/sessions/:sessionId/check-ins/import",
    {
      config: { grant: "checkIn.manual" },
      bodyLimit: limit,
      schema: {
        tags: ["check-in"],
        summary: "Import a marked sign-in sheet (已签到/✓/1); any bad row imports nothing and is reported",
        params: SessionParams,
        response: { 200: DeliveryImportResult, ...errorResponses },
      },
    },
    async (req) => importSignInSheet(actorCtx(p, req), req.params.id, req.params.sessionId, bytesOf(req.body)),
  );
}
