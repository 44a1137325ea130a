// HTTP surface of completion, certificates (and their public verification), evaluation surveys and
// project archives (第十七条, 第二十四条).
import { Type, type TProperties } from "typebox";
import { Id, IdParams, KeysetPaged, KeysetQuery, PersonSearchQuery } from "../../../shared/api.js";
import {
  ArchiveView,
  CERTIFICATE_STATUSES,
  CertificateVerification,
  CertificateView,
  CompletionPreview,
  CompletionView,
  ProjectSurveyView,
  RevokeBody,
  SigningKeyList,
  SigningKeyView,
  SurveyFormInput,
  SurveyFormView,
  SurveyResponseBody,
  SurveyResultsView,
} from "../../../shared/delivery.js";
import { BulkRevokeResult } from "../../../shared/supervision/violations.js";
import type { Platform } from "../../platform/context.js";
import { DomainError, requestLang } from "../../platform/errors.js";
import { actorCtx, ctxOf } from "../../platform/http.js";
import { routeLimit } from "../../platform/limits.js";
import { errorResponses, type Router } from "../../platform/routing.js";
import { loadProject, takeProjectStep } from "../filing/projects.js";
import { policyAt } from "../policy/service.js";
import { archiveView, archiveZip } from "./archive.js";
import * as certificates from "./certificates.js";
import { getCompletion, previewCompletion } from "./completion.js";
import * as survey from "./survey.js";
import { sendFile, XLSX_TYPE } from "./workbooks.js";

const obj = <P extends TProperties>(props: P) => Type.Object(props, { additionalProperties: false });
const StepBody = obj({ version: Type.Optional(Type.Integer({ minimum: 1 })), comment: Type.Optional(Type.String({ maxLength: 2000 })) });
const SerialParams = obj({ serial: Type.String({ minLength: 6, maxLength: 40, pattern: "^[0-9A-Za-z-]+$" }) });

export function completionRoutes(r: Router, p: Platform): void {
  let tags = ["completion"];
  r.post(
    "/api/v1/training-projects/:id/actions/complete",
    {
      config: { grant: "trainingProject.complete" },
      schema: {
        tags,
        summary: "Decide who completed (第十七条), issue their signed certificates and register their hours (第二十四条)",
        params: IdParams,
        body: StepBody,
        response: { 200: CompletionView, ...errorResponses },
      },
    },
    async (req) => {
      const ctx = actorCtx(p, req);
      await takeProjectStep(ctx, req.params.id, "complete", req.body);
      return completionOf(ctx, req.params.id);
    },
  );
  r.get(
    "/api/v1/training-projects/:id/completion",
    { config: { grant: "trainingProject.read" }, schema: { tags, summary: "The outcome of completion (404 before it is decided)", params: IdParams, response: { 200: CompletionView, ...errorResponses } } },
    async (req) => completionOf(actorCtx(p, req), req.params.id),
  );
  r.get(
    "/api/v1/training-projects/:id/completion/preview",
    {
      config: { grant: "trainingProject.complete" },
      schema: { tags, summary: "Who 办理结业 would find completed and who not, by today's attendance (第十七条)", params: IdParams, response: { 200: CompletionPreview, ...errorResponses } },
    },
    async (req) => {
      const ctx = actorCtx(p, req);
      const project = await loadProject(ctx.db, req.params.id);
      if (!project) throw new DomainError("NOT_FOUND");
      return previewCompletion(ctx.db, ctx, project);
    },
  );
  async function completionOf(ctx: ReturnType<typeof actorCtx>, id: string) {
    const project = await loadProject(ctx.db, id);
    if (!project) throw new DomainError("NOT_FOUND");
    return getCompletion(ctx.db, ctx, project);
  }

  // ---- certificates ----
  tags = ["certificates"];
  r.get(
    "/api/v1/training-projects/:id/certificates",
    {
      config: { grant: "certificate.read" },
      schema: {
        tags,
        params: IdParams,
        querystring: obj({ ...KeysetQuery, status: Type.Optional(Type.Enum(CERTIFICATE_STATUSES)) }),
        response: { 200: KeysetPaged(CertificateView), ...errorResponses },
      },
    },
    async (req) => certificates.listProjectCertificates(actorCtx(p, req), req.params.id, req.query),
  );
  r.get(
    "/api/v1/certificates",
    {
      config: { grant: "certificate.read" },
      schema: {
        tags,
        summary: "证书查询: the certificates the actor may read, newest first, by the holder's name or whole ID number or by serial",
        querystring: obj({ ...KeysetQuery, ...PersonSearchQuery, status: Type.Optional(Type.Enum(CERTIFICATE_STATUSES)) }),
        response: { 200: KeysetPaged(CertificateView), ...errorResponses },
      },
    },
    async (req) => certificates.listCertificates(actorCtx(p, req), req.query),
  );
  r.get("/api/v1/me/certificates", { config: { grant: "certificate.read" }, schema: { tags, summary: "My certificates", querystring: obj(KeysetQuery), response: { 200: KeysetPaged(CertificateView), ...errorResponses } } }, async (req) =>
    certificates.listMyCertificates(actorCtx(p, req), req.query),
  );
  r.get("/api/v1/certificates/:id", { config: { grant: "certificate.read" }, schema: { tags, params: IdParams, response: { 200: CertificateView, ...errorResponses } } }, async (req) =>
    certificates.getCertificate(actorCtx(p, req), req.params.id),
  );
  r.get(
    "/api/v1/certificates/:id.pdf",
    { config: { grant: "certificate.read" }, schema: { tags, summary: "The certificate as a PDF, with its verification QR code", params: obj({ id: Id }) } },
    async (req, reply) => {
      const ctx = actorCtx(p, req);
      return p.documents.forRequest(reply, ctx.actor.id, async () => {
        const { row, view } = await certificates.certificateToPrint(ctx, req.params.id);
        const { params } = await policyAt(ctx.db, view.content.issuedOn);
        const print = { certificate: view, keyId: row.keyId, fingerprint: certificates.signatureFingerprint(row.signature), cityName: params.cityName };
        return sendFile(reply, "application/pdf", `结业证书-${view.serial}.pdf`, await ctx.documents.build({ kind: "certificatePdf", print }), "inline");
      });
    },
  );
  r.post(
    "/api/v1/certificates/:id/actions/revoke",
    { config: { grant: "certificate.revoke" }, schema: { tags, summary: "Revoke a certificate with a reason; its hours leave the learning record", params: IdParams, body: RevokeBody, response: { 200: CertificateView, ...errorResponses } } },
    async (req) => certificates.revokeCertificate(actorCtx(p, req), req.params.id, req.body.reason),
  );
  r.post(
    "/api/v1/training-projects/:id/certificates/actions/revoke-all",
    {
      config: { grant: "certificate.revoke" },
      schema: {
        tags,
        summary: "Revoke every valid certificate of the project with one reason (第二十条 乱发证); their hours leave the learning records",
        params: IdParams,
        body: RevokeBody,
        response: { 200: BulkRevokeResult, ...errorResponses },
      },
    },
    async (req) => certificates.revokeProjectCertificates(actorCtx(p, req), req.params.id, req.body.reason),
  );

  // ---- public verification ----
  tags = ["public"];
  // Public look-ups per client address: generous for people, a bound on walking serials (issue 10 item 11).
  const verifyLimit = routeLimit(p, "certificateLookup", p.config.publicLookupRateLimit);
  r.get(
    "/api/v1/public/certificates/:serial",
    {
      config: { public: true },
      schema: { tags, summary: "Verify a certificate: genuine and not revoked; the holder's name partly masked", params: SerialParams, response: { 200: CertificateVerification, ...errorResponses, 429: errorResponses[400] } },
    },
    async (req, reply) => {
      await verifyLimit.enforce(req.ip, reply);
      return certificates.verifyCertificate(ctxOf(p, req), req.params.serial);
    },
  );
  r.get(
    "/api/v1/public/signing-key",
    { config: { public: true }, schema: { tags, summary: "The Ed25519 public key certificates and hours statements are signed with", response: { 200: SigningKeyView } } },
    async () => certificates.signingKey(p),
  );
  r.get(
    "/api/v1/public/signing-keys",
    {
      config: { public: true },
      schema: {
        tags,
        summary: "Every Ed25519 key certificates and hours statements were signed with, retired ones included, with validity",
        description: "A document names its key id; it was signed while that key was valid (validFrom up to retiredAt).",
        response: { 200: SigningKeyList },
      },
    },
    async () => certificates.signingKeys(p),
  );

  // ---- 培训效果评估 ----
  tags = ["evaluation survey"];
  r.get("/api/v1/survey-forms", { config: { grant: "surveyForm.read" }, schema: { tags, response: { 200: Type.Object({ items: Type.Array(SurveyFormView) }), ...errorResponses } } }, async (req) =>
    survey.listSurveyForms(actorCtx(p, req)),
  );
  r.post(
    "/api/v1/survey-forms",
    { config: { grant: "surveyForm.create" }, schema: { tags, summary: "A new questionnaire version, in force from a date (the bureau)", body: SurveyFormInput, response: { 201: SurveyFormView, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await survey.createSurveyForm(actorCtx(p, req), req.body)),
  );
  r.get(
    "/api/v1/training-projects/:id/survey",
    { config: { grant: "survey.answer" }, schema: { tags, summary: "The project's questionnaire and my answer (enrolled professionals)", params: IdParams, response: { 200: ProjectSurveyView, ...errorResponses } } },
    async (req) => survey.projectSurvey(actorCtx(p, req), req.params.id),
  );
  r.post(
    "/api/v1/training-projects/:id/survey-responses",
    { config: { grant: "survey.answer" }, schema: { tags, summary: "Answer the survey, once (attendees)", params: IdParams, body: SurveyResponseBody, response: { 201: ProjectSurveyView, ...errorResponses } } },
    async (req, reply) => reply.code(201).send(await survey.answerSurvey(actorCtx(p, req), req.params.id, req.body)),
  );
  r.get(
    "/api/v1/training-projects/:id/survey-results",
    { config: { grant: "survey.results" }, schema: { tags, summary: "The aggregates of the project's survey", params: IdParams, response: { 200: SurveyResultsView, ...errorResponses } } },
    async (req) => survey.surveyResults(actorCtx(p, req), req.params.id),
  );
  r.get("/api/v1/training-projects/:id/survey-results.xlsx", { config: { grant: "survey.results" }, schema: { tags, summary: "The survey's aggregates and comments as Excel", params: IdParams } }, async (req, reply) => {
    const ctx = actorCtx(p, req);
    return p.documents.forRequest(reply, ctx.actor.id, async () => {
      const results = await survey.surveyResults(ctx, req.params.id);
      const title = (await loadProject(ctx.db, req.params.id))!.title;
      return sendFile(reply, XLSX_TYPE, `培训效果评估-${title}.xlsx`, await survey.surveyResultsWorkbook(ctx, results, title));
    });
  });

  // ---- 第十七条 建档 ----
  tags = ["archive"];
  r.get(
    "/api/v1/training-projects/:id/archive",
    { config: { grant: "archive.read" }, schema: { tags, summary: "The project's archive with a completeness check per item (第十七条)", params: IdParams, response: { 200: ArchiveView, ...errorResponses } } },
    async (req) => archiveView(actorCtx(p, req), req.params.id, requestLang(req)),
  );
  r.get("/api/v1/training-projects/:id/archive.zip", { config: { grant: "archive.read" }, schema: { tags, summary: "The whole archive: one ZIP of PDFs and Excel files", params: IdParams } }, async (req, reply) => {
    const ctx = actorCtx(p, req);
    return p.documents.forRequest(reply, ctx.actor.id, async () => {
      const { filename, bytes } = await archiveZip(ctx, req.params.id);
      return sendFile(reply, "application/zip", filename, bytes);
    });
  });
}
