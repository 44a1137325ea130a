// buildApp(config): opens the database, registers the platform plugins, then each module. Scheduled
// jobs start only when asked (startJobs), once the server listens: never beside demo seeding, never
// in a process that failed to start.
import fs from "node:fs";
import { Worker } from "node:worker_threads";
import path from "node:path";
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from "fastify";
import compress from "@fastify/compress";
import cookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import { createClock, type Clock } from "./platform/clock.js";
import type { AppConfig } from "./platform/config.js";
import type { Platform } from "./platform/context.js";
import { migrateToLatest, openDb, type DbHandle } from "./platform/db.js";
import { DocumentJobs, workerEntry } from "./platform/documents.js";
import { answerClientError, answerFrameworkError, registerErrorHandling, sendError } from "./platform/errors.js";
import { registerSessionHandling } from "./platform/http.js";
import { registerAccessGate, registerRouteDeclarations } from "./platform/access.js";
import { RouteMethods, documentErrors, typed } from "./platform/routing.js";
import { registerSecurityHeaders } from "./platform/security.js";
import { registerPublicCache } from "./platform/public-cache.js";
import { registerPressureRelief } from "./platform/pressure.js";
import { makeAjv, registerNulRefusal } from "./platform/validate.js";
import { auditRoutes } from "./modules/audit/routes.js";
import { authRoutes } from "./modules/auth/routes.js";
import { calendarRoutes } from "./modules/calendar/routes.js";
import { homeRoutes } from "./modules/home/routes.js";
import { organizationRoutes } from "./modules/organizations/routes.js";
import { ensureBaselinePolicy } from "./modules/policy/service.js";
import { policyRoutes } from "./modules/policy/routes.js";
import { systemRoutes } from "./modules/system/routes.js";
import { userRoutes } from "./modules/users/routes.js";
import { accreditationRoutes } from "./modules/accreditation/routes.js";
import { baseRoutes } from "./modules/bases/routes.js";
import { fileRoutes } from "./modules/files/routes.js";
import { notificationRoutes } from "./modules/notifications/routes.js";
import { publicRoutes } from "./modules/public/routes.js";
import { filingRoutes, filingUploadRoutes } from "./modules/filing/routes.js";
import { professionalRoutes } from "./modules/professionals/routes.js";
import { enrollmentRoutes, enrollmentUploadRoutes } from "./modules/delivery/enrollment-routes.js";
import { completionRoutes } from "./modules/delivery/completion-routes.js";
import { supervisionRoutes } from "./modules/supervision/routes.js";
import { statisticsRoutes } from "./modules/statistics/routes.js";
import { announcementRoutes } from "./modules/announcements/routes.js";
import { forecastRoutes } from "./modules/forecast/routes.js";
import { ALL_JOBS } from "./jobs.js";
import { startScheduler, type Scheduler } from "./platform/scheduler.js";
import { loadSecrets } from "./platform/secrets.js";
import { sealAuditChain } from "./platform/audit-seal.js";
import { loadKeyVersions, refreshKeyVersions } from "./platform/keys.js";
import { LEGACY_ID_NUMBERS, LEGACY_PHONES } from "./modules/professionals/identity.js";
import { LEGACY_CONTACT_PHONES } from "./platform/contact-phones.js";
import { sealLegacyColumn } from "./platform/legacy-sealing.js";
import { ensureBaselineSurveyForm } from "./modules/delivery/survey.js";

export interface App {
  app: FastifyInstance;
  platform: Platform;
  /** Starts the scheduled jobs (unless config.jobIntervalMs is 0); close() stops them. */
  startJobs(): void;
  close(): Promise<void>;
}

export type OpenPlatform = Platform & { handle: DbHandle };

export interface BuildOptions {
  clock?: Clock;
  db?: DbHandle;
  /** An already opened platform (`cebase start` opens it first, to name a failure); the app then owns it. */
  platform?: OpenPlatform;
}

export async function openPlatform(config: AppConfig, opts: BuildOptions = {}): Promise<OpenPlatform> {
  const handle = opts.db ?? openDb({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, pgSchema: config.pgSchema, idleInTransactionMs: config.pgIdleInTransactionMs, statementTimeoutMs: config.pgStatementTimeoutMs });
  try {
    await migrateToLatest(handle.db, handle.dialect === "postgres" ? config.pgSchema : undefined);
    const clock = opts.clock ?? createClock({ testClock: config.testClock });
    const platform = { db: handle.db, dialect: handle.dialect, clock, config, secrets: loadSecrets(config), documents: new DocumentJobs(config), handle };
    await loadKeyVersions(platform); // issue 10 item 12: the active signing and sealing versions
    await ensureBaselinePolicy(platform);
    await ensureBaselineSurveyForm(platform);
    // issue 10 item 7: personal data an older version left in clear, sealed in batches
    for (const legacy of [LEGACY_ID_NUMBERS, LEGACY_PHONES, ...LEGACY_CONTACT_PHONES]) await sealLegacyColumn(platform, legacy);
    return platform;
  } catch (err) {
    // A handle opened here is closed here: a failed start leaves no pool or file open behind it.
    if (!opts.db) await handle.close().catch(() => undefined);
    throw err;
  }
}

/** A request's path for the log, its query string masked: ID numbers, phones and tokens may ride there. */
export function logSafeUrl(url: string): string {
  const q = url.indexOf("?");
  return q < 0 ? url : `${url.slice(0, q)}?${url.slice(q + 1).replace(/=[^&]*/g, "=***")}`;
}

/** Seconds a stopping jobs thread may take to finish the job under way before it is ended. */
const JOBS_STOP_MS = 30_000;

/** The scheduled jobs on their own thread and connection (jobs-worker.ts); stopping waits for the job under way. */
function startJobsThread(config: AppConfig, log: FastifyBaseLogger): Scheduler {
  const { filename, execArgv } = workerEntry(import.meta.url, "jobs-worker");
  const worker = new Worker(filename, { workerData: config, execArgv });
  worker.on("error", (err) => log.error({ err }, "the scheduled jobs' thread failed"));
  return {
    async stop() {
      const stopped = new Promise<void>((resolve) => {
        worker.on("message", (m) => m === "stopped" && resolve());
        worker.once("exit", () => resolve());
        setTimeout(resolve, JOBS_STOP_MS).unref();
      });
      worker.postMessage("stop");
      await stopped;
      await worker.terminate();
    },
  };
}

/** Vite writes every built asset under assets/ with a content hash in its name. */
const IMMUTABLE_ASSET = /[\\/]assets[\\/][^\\/]+-[A-Za-z0-9_-]{8}\.[a-z0-9]+(\.br|\.gz)?$/;

export async function buildApp(config: AppConfig, opts: BuildOptions = {}): Promise<App> {
  const platform = opts.platform ?? (await openPlatform(config, opts));
  const app = Fastify({
    logger: {
      level: config.logLevel,
      // Personal data never reaches the log: no bodies, no cookies, no CSRF tokens.
      redact: ["req.headers.cookie", "req.headers['x-csrf-token']", "res.headers['set-cookie']"],
      // …nor query strings: a lookup by ID number (?idNumber=) or a check-in token stays out of it.
      serializers: {
        req: (req: { method: string; url: string; hostname?: string; ip?: string }) => ({
          method: req.method,
          url: logSafeUrl(req.url),
          hostname: req.hostname,
          remoteAddress: req.ip,
        }),
      },
    },
    bodyLimit: 1024 * 1024,
    // Only a configured proxy may name the client's address: rate limits and the audit log rely on it.
    trustProxy: config.trustedProxies.length ? config.trustedProxies : false,
    // issue 10 ("Tests that stay", fuzzing): refusals made before a route runs answer in the error shape too
    clientErrorHandler: answerClientError,
    frameworkErrors: answerFrameworkError,
  });
  const strict = makeAjv(false);
  const coercing = makeAjv(true);
  app.setValidatorCompiler(({ schema, httpPart }) => (httpPart === "body" ? strict : coercing).compile(schema));

  // An empty JSON body is an empty object: route schemas then name what is missing.
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (_req, body, done) => {
    const text = String(body);
    if (text.trim() === "") return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch {
      const err = new SyntaxError("malformed JSON");
      done(err, undefined);
    }
  });

  registerErrorHandling(app);
  registerNulRefusal(app);
  platform.documents.log = app.log;
  app.decorate("documents", platform.documents);
  // Which methods each path takes, for 405, and the error answers each documents (every route registers
  // after this hook, and before swagger reads it).
  const routeMethods = new RouteMethods();
  app.addHook("onRoute", (route) => {
    routeMethods.add(route.url, route.method);
    documentErrors(route);
  });
  // issue 10 "Tests that stay": a route that does not declare its access fails the start-up
  registerRouteDeclarations(app);
  registerSecurityHeaders(app, config.publicCacheSeconds);
  await registerPressureRelief(app, config.underPressure);
  // issue 13 item 6: answers of 1 KB and more go out brotli- or gzip-compressed when the client takes it
  // (the built web app is compressed once at build time, below). Request bodies are never inflated: an
  // upload is taken as sent, so a small compressed body cannot expand past the size limits.
  await app.register(compress, { globalDecompression: false, encodings: ["br", "gzip"], threshold: 1024 });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      info: { title: "cebase API", version: config.version, description: "专业技术人员继续教育基地服务平台 API" },
      components: { securitySchemes: { session: { type: "apiKey", in: "cookie", name: "cebase_session" } } },
    },
  });
  await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  // A cached public read is answered before the session is looked up.
  registerPublicCache(app, config.publicCacheSeconds);
  registerSessionHandling(app, platform);
  // issue 10 "Tests that stay": no grant at all answers 403 before the handler runs (after the session loads)
  registerAccessGate(app);
  // Issue 10 item 12: a key rotation reaches this instance within KEY_REFRESH_MS, with no restart.
  app.addHook("onRequest", async () => refreshKeyVersions(platform));

  await app.register(async (scope) => {
    const r = typed(scope);
    const modules = [
      systemRoutes,
      authRoutes,
      organizationRoutes,
      userRoutes,
      auditRoutes,
      policyRoutes,
      calendarRoutes,
      homeRoutes,
      notificationRoutes,
      accreditationRoutes,
      baseRoutes,
      publicRoutes,
      filingRoutes,
      professionalRoutes,
      enrollmentRoutes,
      completionRoutes,
      supervisionRoutes,
      statisticsRoutes,
      announcementRoutes,
      forecastRoutes,
    ];
    for (const routes of modules) routes(r, platform);
    r.get("/api/v1/openapi.json", { config: { public: true }, schema: { hide: true } }, async () => app.swagger());
  });
  // Uploads parse raw bodies: their own scope, so no other route accepts a file body.
  await app.register(async (scope) => fileRoutes(typed(scope), platform));
  await app.register(async (scope) => filingUploadRoutes(typed(scope), platform));
  await app.register(async (scope) => enrollmentUploadRoutes(typed(scope), platform));

  const webDir = config.webDir;
  const hasWeb = !!webDir && fs.existsSync(path.join(webDir, "index.html"));
  if (hasWeb) {
    await app.register(fastifyStatic, {
      root: webDir!,
      prefix: "/",
      wildcard: false,
      index: ["index.html"],
      preCompressed: true,
      // issue 13 item 6: the hashed assets never change under their name; the page itself is asked anew.
      cacheControl: false,
      setHeaders: (res, file) => res.setHeader("cache-control", IMMUTABLE_ASSET.test(file) ? "public, max-age=31536000, immutable" : "no-cache"),
    });
  }
  app.setNotFoundHandler((req, reply) => {
    // The web app routes in the browser: any other GET of a page answers index.html.
    if (hasWeb && req.method === "GET" && !req.url.startsWith("/api/")) return reply.sendFile("index.html");
    const url = req.url.split("?")[0];
    // A known path asked with another method: 405 naming the methods it takes.
    const allow = routeMethods.allowed(url);
    if (allow.length > 0) return sendError(req, reply.header("allow", allow.join(", ")), "METHOD_NOT_ALLOWED", { method: req.method, allow: allow.join(", ") });
    return sendError(req, reply, "ROUTE_NOT_FOUND", { method: req.method, url });
  });

  await app.ready();
  let scheduler: Scheduler | null = null;
  return {
    app,
    platform,
    startJobs() {
      if (scheduler || config.jobIntervalMs <= 0) return;
      // The test clock lives in this instance's memory: with it the jobs run here, on the moved clock.
      scheduler = config.testClock ? startScheduler(platform, ALL_JOBS, config.jobIntervalMs, app.log) : startJobsThread(config, app.log);
    },
    async close() {
      await scheduler?.stop();
      await app.close();
      // issue 10 item 1: a signed checkpoint at graceful shutdown, once no request can append any more.
      if (config.auditCheckpointMinutes > 0) {
        const sealed = await sealAuditChain(platform, "shutdown").catch((err: unknown) => app.log.error({ err }, "audit checkpoint at shutdown failed"));
        if (sealed && !sealed.written && sealed.reason === "broken") app.log.error({ problem: sealed.problem, seq: sealed.seq }, "audit chain fails verification: no checkpoint signed");
      }
      await platform.documents.close();
      await platform.handle.close();
    },
  };
}
