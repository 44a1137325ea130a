// HTTP surface of professionals and their learning records (第二十四条): sign-up, profiles, the yearly
// record, declared hours of other forms (人社部令第25号) and hours statements with public verification.
import { Type, type TProperties } from "typebox";
import { Id, IdParams, KeysetPaged, KeysetQuery, PageQuery, Paged, PersonSearchQuery } from "../../../shared/api.js";
import {
  ClaimCodeView,
  DECLARATION_STATUSES,
  DeclarationInput,
  DeclarationView,
  HoursStatementVerification,
  HoursStatementView,
  LearningRecordView,
  LearningYearSummary,
  PersonInput,
  ProfessionalView,
  RevealedIdNumber,
  ProfileUpdateBody,
  SignUpBody,
  SignUpReceipt,
} from "../../../shared/delivery.js";
import { shanghaiDate } from "../../platform/clock.js";
import type { Platform } from "../../platform/context.js";
import { actorCtx, contentDisposition, ctxOf } from "../../platform/http.js";
import { routeLimit } from "../../platform/limits.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { policyAt } from "../policy/service.js";
import { declarationEvidence, declareHours, decideDeclaration, getDeclaration, listDeclarations } from "./declarations.js";
import { sendStreamedExport, type ExportColumn } from "../../platform/streamed-export.js";
import { getProfessional, listProfessionals, myProfile, professionalsExport, registerProfessional, revealIdNumberOf, updateMyProfile } from "./directory.js";
import { learningRecordOf, learningYearsOf } from "./learning.js";
import { reissueClaimCode } from "./claims.js";
import { signUp } from "./signup.js";
import { CODE_LENGTH, issueHoursStatement, listHoursStatements, readHoursStatement, verifyHoursStatement, verifyUrlOf } from "./statements.js";

const obj = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });
const Year = Type.Integer({ minimum: 1990, maximum: 2099 });
const YearQuery = obj({ year: Type.Optional(Year) });
const YearsQuery = obj({ from: Type.Optional(Year), to: Type.Optional(Year) });
const StatementBody = obj({ year: Year });
const StepBody = obj({ version: Type.Optional(Type.Integer({ minimum: 1 })), comment: Type.Optional(Type.String({ maxLength: 2000 })) });
const ProfessionalFilter = PersonSearchQuery;
const ProfessionalFilterQuery = obj(ProfessionalFilter);
/** 个人信息保护法 / issue 11 item 6: the export carries the masked ID number and phone only. */
const PROFESSIONAL_COLUMNS: ExportColumn[] = [
  { header: "姓名", field: "name", width: 10 },
  { header: "身份证号（脱敏）", field: "idNumberMasked", width: 22 },
  { header: "手机号（脱敏）", field: "phoneMasked", width: 14 },
  { header: "工作单位", field: "employer", width: 30 },
  { header: "职称", field: "title", width: 12 },
  { header: "专业", field: "specialty", width: 14 },
  { header: "登记时间", field: "createdAt", kind: "datetime", width: 18 },
];
const withTooMany = { ...errorResponses, 429: errorResponses[400] };

export function professionalRoutes(r: Router, p: Platform): void {
  profileRoutes(r, p);
  recordRoutes(r, p);
  declarationRoutes(r, p);
}

function profileRoutes(r: Router, p: Platform): void {
  const tags = ["professionals"];
  // The same per-address limit as sign-in: a training venue behind one address still signs up a class.
  const signUpLimit = routeLimit(p, "signUp", p.config.loginRateLimit);
  r.post(
    "/api/v1/public/professionals/sign-up",
    {
      config: { public: true, csrfExempt: true },
      schema: {
        tags,
        summary:
          "Self-service sign-up with the ID number; claims an account a base registered only with its claim code. Answers 202 alike whatever became of it (no oracle of ID numbers or usernames); the person then signs in.",
        body: SignUpBody,
        response: { 202: SignUpReceipt, ...withTooMany },
      },
    },
    async (req, reply) => {
      await signUpLimit.enforce(req.ip, reply);
      await signUp(ctxOf(p, req), req.body);
      return reply.code(202).send({ status: "received" as const });
    },
  );
  r.get("/api/v1/me/professional", { config: { access: "authenticated" }, schema: { tags, summary: "My profile (ID number and phone whole)", response: { 200: ProfessionalView, ...errorResponses } } }, async (req) =>
    myProfile(actorCtx(p, req)),
  );
  r.patch(
    "/api/v1/me/professional",
    { config: { grant: "professional.update" }, schema: { tags, summary: "Update my employer, title, specialty or phone", body: ProfileUpdateBody, response: { 200: ProfessionalView, ...errorResponses } } },
    async (req) => updateMyProfile(actorCtx(p, req), req.body),
  );
  r.post(
    "/api/v1/professionals",
    {
      config: { grant: "professional.create" },
      schema: {
        tags,
        summary: "Register a person by name and ID number (201), or find them (200)",
        body: PersonInput,
        response: { 200: ProfessionalView, 201: ProfessionalView, ...errorResponses },
      },
    },
    async (req, reply) => {
      const { view, created } = await registerProfessional(actorCtx(p, req), req.body);
      return reply.code(created ? 201 : 200).send(view);
    },
  );
  r.get(
    "/api/v1/professionals",
    {
      config: { grant: "professional.read" },
      schema: {
        tags,
        summary: "Professionals in scope: the bureau all, a base the people enrolled in its courses",
        querystring: obj({ ...KeysetQuery, ...ProfessionalFilter }),
        response: { 200: KeysetPaged(ProfessionalView), ...errorResponses },
      },
    },
    async (req) => listProfessionals(actorCtx(p, req), req.query),
  );
  r.get(
    "/api/v1/professionals/export.xlsx",
    {
      config: { grant: "professional.read" },
      schema: { tags, summary: "The whole list under the same filter as Excel, streamed (never truncated); ID numbers masked", querystring: ProfessionalFilterQuery },
    },
    async (req, reply) => {
      const { query, audit } = professionalsExport(actorCtx(p, req), req.query);
      return sendStreamedExport(p, reply, { filename: "专业技术人员.xlsx", sheetName: "专业技术人员", query, keys: ["id"], columns: PROFESSIONAL_COLUMNS, onDone: audit });
    },
  );
  r.post(
    "/api/v1/professionals/:id/claim-code",
    {
      config: { grant: "professional.issueClaimCode" },
      schema: {
        tags,
        summary: "Issue a new claim code for a person not yet signed up (the old one is void): the enrolling base, or the bureau after checking identity",
        params: IdParams,
        response: { 201: ClaimCodeView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await reissueClaimCode(actorCtx(p, req), req.params.id)),
  );
  r.post(
    "/api/v1/professionals/:id/actions/reveal-id-number",
    {
      config: { grant: "professional.read" },
      schema: { tags, summary: "The person's whole ID number (the bureau; audited as professional.idNumberRevealed)", params: IdParams, response: { 200: RevealedIdNumber, ...errorResponses } },
    },
    async (req) => revealIdNumberOf(actorCtx(p, req), req.params.id),
  );
  r.get("/api/v1/professionals/:id", { config: { grant: "professional.read" }, schema: { tags, params: IdParams, response: { 200: ProfessionalView, ...errorResponses } } }, async (req) =>
    getProfessional(actorCtx(p, req), req.params.id),
  );
}

function recordRoutes(r: Router, p: Platform): void {
  const tags = ["learning record"];
  // Issue 10 item 11: public checks of statements are limited per address, across instances.
  const statementLookupLimit = routeLimit(p, "statementLookup", p.config.publicLookupRateLimit);
  r.get(
    "/api/v1/me/learning-record",
    { config: { grant: "learningRecord.read" }, schema: { tags, summary: "My learning record of a year (default: this year)", querystring: YearQuery, response: { 200: LearningRecordView, ...errorResponses } } },
    async (req) => learningRecordOf(actorCtx(p, req), "me", req.query.year),
  );
  r.get(
    "/api/v1/me/learning-record/years",
    { config: { grant: "learningRecord.read" }, schema: { tags, summary: "My hours per year against the requirement (default: the last 5 years)", querystring: YearsQuery, response: { 200: Type.Array(LearningYearSummary), ...errorResponses } } },
    async (req) => learningYearsOf(actorCtx(p, req), "me", req.query),
  );
  r.get(
    "/api/v1/professionals/:id/learning-record",
    { config: { grant: "learningRecord.read" }, schema: { tags, params: IdParams, querystring: YearQuery, response: { 200: LearningRecordView, ...errorResponses } } },
    async (req) => learningRecordOf(actorCtx(p, req), req.params.id, req.query.year),
  );
  r.get(
    "/api/v1/professionals/:id/learning-record/years",
    { config: { grant: "learningRecord.read" }, schema: { tags, params: IdParams, querystring: YearsQuery, response: { 200: Type.Array(LearningYearSummary), ...errorResponses } } },
    async (req) => learningYearsOf(actorCtx(p, req), req.params.id, req.query),
  );
  r.get(
    "/api/v1/me/hours-statements",
    { config: { grant: "learningRecord.read" }, schema: { tags, summary: "My hours statements already issued, newest first", querystring: obj(PageQuery), response: { 200: Paged(HoursStatementView), ...errorResponses } } },
    async (req) => listHoursStatements(actorCtx(p, req), "me", req.query),
  );
  r.get(
    "/api/v1/professionals/:id/hours-statements",
    { config: { grant: "learningRecord.read" }, schema: { tags, summary: "A person's hours statements already issued (the person, the bureau)", params: IdParams, querystring: obj(PageQuery), response: { 200: Paged(HoursStatementView), ...errorResponses } } },
    async (req) => listHoursStatements(actorCtx(p, req), req.params.id, req.query),
  );
  r.post(
    "/api/v1/me/hours-statements",
    { config: { grant: "hoursStatement.create" }, schema: { tags, summary: "Issue my hours statement (学时证明) of a year", body: StatementBody, response: { 201: HoursStatementView, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await issueHoursStatement(actorCtx(p, req), "me", req.body.year)),
  );
  r.post(
    "/api/v1/professionals/:id/hours-statements",
    { config: { grant: "hoursStatement.create" }, schema: { tags, summary: "Issue a person's hours statement (bureau)", params: IdParams, body: StatementBody, response: { 201: HoursStatementView, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await issueHoursStatement(actorCtx(p, req), req.params.id, req.body.year)),
  );
  r.get(
    "/api/v1/hours-statements/:id.pdf",
    { config: { grant: "learningRecord.read" }, schema: { tags, summary: "The hours statement as a printable PDF", params: IdParams } },
    async (req, reply) => {
      const ctx = actorCtx(p, req);
      const { payload, view, pdf } = await p.documents.forRequest(reply, ctx.actor.id, async () => {
        const { payload, view } = await readHoursStatement(ctx, req.params.id);
        const { params } = await policyAt(ctx.db, shanghaiDate(new Date(payload.issuedAt)));
        const meta = { cityName: params.cityName, issuer: `${params.cityName}人力资源和社会保障局`, verifyUrl: verifyUrlOf(p, view.code) };
        return { payload, view, pdf: await ctx.documents.build({ kind: "hoursStatementPdf", statement: payload, meta }) };
      });
      return reply
        .type("application/pdf")
        .header("Content-Disposition", contentDisposition(`学时证明-${payload.year}-${view.code}.pdf`, "inline"))
        .send(Buffer.from(pdf));
    },
  );
  r.get(
    "/api/v1/public/hours-statements/:code",
    {
      config: { public: true },
      schema: {
        tags: ["public"],
        summary: "Check an hours statement by its verification code",
        params: obj({ code: Type.String({ minLength: CODE_LENGTH, maxLength: CODE_LENGTH, pattern: "^[0-9A-Za-z]+$" }) }),
        response: { 200: HoursStatementVerification, ...withTooMany },
      },
    },
    async (req, reply) => {
      await statementLookupLimit.enforce(req.ip, reply);
      return verifyHoursStatement(ctxOf(p, req), req.params.code);
    },
  );
}

function declarationRoutes(r: Router, p: Platform): void {
  const tags = ["learning record"];
  r.post(
    "/api/v1/me/hour-declarations",
    {
      config: { grant: "declaration.create" },
      schema: {
        tags,
        summary: "Declare hours of another form (人社部令第25号 第十条) with evidence; they count once the bureau accepts",
        body: DeclarationInput,
        response: { 201: DeclarationView, ...errorResponses },
      },
    },
    async (req, reply) => reply.code(201).send(await declareHours(actorCtx(p, req), req.body)),
  );
  r.get(
    "/api/v1/hour-declarations",
    {
      config: { grant: "declaration.read" },
      schema: {
        tags,
        summary: "Declarations: the bureau all, a professional their own",
        querystring: obj({ ...PageQuery, status: Type.Optional(Type.Enum(DECLARATION_STATUSES)), year: Type.Optional(Year), professionalId: Type.Optional(Id) }),
        response: { 200: Paged(DeclarationView), ...errorResponses },
      },
    },
    async (req) => listDeclarations(actorCtx(p, req), req.query),
  );
  r.get("/api/v1/hour-declarations/:id", { config: { grant: "declaration.read" }, schema: { tags, params: IdParams, response: { 200: DeclarationView, ...errorResponses } } }, async (req) =>
    getDeclaration(actorCtx(p, req), req.params.id),
  );
  r.get("/api/v1/hour-declarations/:id/evidence", { config: { grant: "declaration.read" }, schema: { tags, summary: "The evidence file of a declaration", params: IdParams } }, async (req, reply) => {
    const { bytes, mime, name } = await declarationEvidence(actorCtx(p, req), req.params.id);
    return reply.type(mime).header("Content-Disposition", contentDisposition(name)).send(bytes);
  });
  r.post(
    "/api/v1/hour-declarations/:id/actions/:action",
    {
      config: { grant: ["declaration.accept", "declaration.reject"] },
      schema: {
        tags,
        summary: "The bureau accepts (hours count, within the daily limit) or rejects (with a reason)",
        params: obj({ id: Id, action: Type.Enum(["accept", "reject"] as const) }),
        body: StepBody,
        response: { 200: DeclarationView, ...errorResponses },
      },
    },
    async (req) => decideDeclaration(actorCtx(p, req), req.params.id, req.params.action, req.body),
  );
}
