// One error class for everything a user can cause, and the one handler that turns any failure into
// DESIGN.md's error shape in the request's language. Never a stack trace to the client.
import type { Socket } from "node:net";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { ERROR_CODES, errorMessage, type ErrorCode, type Lang } from "../../shared/errors.js";

export class DomainError extends Error {
  constructor(
    public readonly code: ErrorCode,
    public readonly details: Record<string, unknown> = {},
  ) {
    super(code);
    this.name = "DomainError";
  }
  get status(): number {
    return ERROR_CODES[this.code].status;
  }
}

export function requestLang(req: FastifyRequest): Lang {
  const h = String(req.headers["accept-language"] ?? "");
  return /^en\b/i.test(h.trim()) ? "en-US" : "zh-CN";
}

/** A refusal that names several broken rules carries each one's message in the request's language too. */
function withViolationMessages(details: Record<string, unknown>, lang: Lang): Record<string, unknown> {
  if (!Array.isArray(details.violations)) return details;
  const violations = (details.violations as { code: ErrorCode; details?: Record<string, unknown> }[]).map((v) => ({
    code: v.code,
    message: errorMessage(v.code, lang, v.details ?? {}),
    details: v.details ?? {},
  }));
  return { ...details, violations };
}

export function sendError(req: FastifyRequest, reply: FastifyReply, code: ErrorCode, details: Record<string, unknown> = {}) {
  const status = ERROR_CODES[code].status;
  const body: { error: { code: string; message: string; details?: Record<string, unknown> } } = {
    error: { code, message: errorMessage(code, requestLang(req), details) },
  };
  if (Object.keys(details).length > 0) body.error.details = withViolationMessages(details, requestLang(req));
  return reply.code(status).type("application/json; charset=utf-8").send(body);
}

interface ValidationIssue {
  instancePath?: string;
  message?: string;
  params?: Record<string, unknown>;
  keyword?: string;
}

function validationDetails(err: FastifyError): Record<string, unknown> {
  const issues = (err.validation ?? []) as ValidationIssue[];
  return {
    part: err.validationContext,
    errors: issues.slice(0, 20).map((v) => ({
      path: (v.instancePath || "/") + (v.params?.additionalProperty ? `/${String(v.params.additionalProperty)}` : "") +
        (v.params?.missingProperty ? `/${String(v.params.missingProperty)}` : ""),
      rule: v.keyword,
      message: v.message,
    })),
  };
}

/** What a client cut off by the statement timeout or a busy database is told to wait. */
const BUSY_RETRY_AFTER_SECONDS = 10;

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError & { details?: Record<string, unknown> }, req, reply) => {
    if (err instanceof DomainError) return sendError(req, reply, err.code, err.details);
    if (err.validation) return sendError(req, reply, "VALIDATION_FAILED", validationDetails(err));
    const code = err.code ?? "";
    if (code === "FST_ERR_CTP_BODY_TOO_LARGE" || err.statusCode === 413) return sendError(req, reply, "PAYLOAD_TOO_LARGE");
    if (code === "FST_ERR_CTP_INVALID_MEDIA_TYPE" || err.statusCode === 415) return sendError(req, reply, "UNSUPPORTED_MEDIA_TYPE");
    if (code === "FST_ERR_CTP_EMPTY_JSON_BODY" || code === "FST_ERR_CTP_INVALID_JSON_BODY" || err instanceof SyntaxError) {
      return sendError(req, reply, "MALFORMED_JSON");
    }
    if (err.statusCode === 429) return sendError(req, reply, "RATE_LIMITED");
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) return sendError(req, reply, "BAD_REQUEST");
    // issue 13 item 4: a statement PostgreSQL cancelled at its timeout (57014), or a SQLite write that
    // waited out busy_timeout behind another connection: the server is overloaded, the request was fine.
    if (code === "57014" || code === "SQLITE_BUSY") {
      req.log.warn({ errCode: code }, "statement cancelled or database busy");
      return sendError(req, reply.header("retry-after", String(BUSY_RETRY_AFTER_SECONDS)), "SERVER_BUSY", { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS });
    }
    // A number past what the column holds (PostgreSQL's integer is 32-bit; SQLite's 64): only a request sends one.
    if (code === "22003") return sendError(req, reply, "VALIDATION_FAILED", { reason: "numberOutOfRange" });
    // Database errors carry the offending values (an ID number in a unique-key clash): log the kind only.
    req.log.error({ errName: err.name, errCode: code, constraint: (err as { constraint?: string }).constraint, stack: err.stack?.split("\n").slice(1, 6).join("\n") }, "unhandled error");
    return sendError(req, reply, "INTERNAL");
  });
}

/**
 * issue 10 ("Tests that stay", fuzzing): what the router refuses before any route runs (a path that is
 * not valid percent-encoded UTF-8, a path parameter over the router's length) answers in the error shape,
 * not in Fastify's own. Passed to Fastify as `frameworkErrors`.
 */
export function answerFrameworkError(err: FastifyError, req: FastifyRequest, reply: FastifyReply) {
  if (err.code === "FST_ERR_BAD_URL") return sendError(req, reply, "BAD_URL");
  if (err.code === "FST_ERR_MAX_PARAM_LENGTH") return sendError(req, reply, "URI_TOO_LONG");
  return sendError(req, reply, "BAD_REQUEST");
}

/** The raw answer on a socket whose request Node could not parse: no request, so no language; zh-CN. */
function rawErrorAnswer(code: "HEADERS_TOO_LARGE" | "REQUEST_TIMEOUT" | "BAD_REQUEST"): string {
  const status = ERROR_CODES[code].status;
  const body = JSON.stringify({ error: { code, message: errorMessage(code, "zh-CN") } });
  const reason = { HEADERS_TOO_LARGE: "Request Header Fields Too Large", REQUEST_TIMEOUT: "Request Timeout", BAD_REQUEST: "Bad Request" }[code];
  return `HTTP/1.1 ${status} ${reason}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json; charset=utf-8\r\nConnection: close\r\n\r\n${body}`;
}

/**
 * issue 10 ("Tests that stay", fuzzing): a request Node refuses while parsing it (headers over its 16 KB
 * limit, a malformed request line, a timeout) answers in the error shape on the raw socket: 431
 * HEADERS_TOO_LARGE, 408 REQUEST_TIMEOUT, otherwise 400 BAD_REQUEST. Passed to Fastify as
 * `clientErrorHandler`.
 */
export function answerClientError(err: Error & { code?: string }, socket: Socket): void {
  if (err.code === "ECONNRESET" || socket.destroyed) return;
  const code = err.code === "HPE_HEADER_OVERFLOW" ? "HEADERS_TOO_LARGE" : err.code === "ERR_HTTP_REQUEST_TIMEOUT" ? "REQUEST_TIMEOUT" : "BAD_REQUEST";
  if (socket.writable) socket.write(rawErrorAnswer(code));
  socket.destroy(err);
}
