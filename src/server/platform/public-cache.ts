// Public reads from a short-lived cache (issue 13 item 6): the training calendar, the base registry, the
// notices and announcements are read by the public far more often than they change, and in December by
// everyone at once. The routes below are cached; their 200 answers are kept per URL and language for
// `publicCacheSeconds`, and browsers and proxies may keep them as long (Cache-Control: public). A
// successful change through this instance to what the public pages show (projects, bases and their
// accreditation, notices, announcements, supervision results, the policy) empties the cache at once;
// check-ins, sign-ins and the like do not, or December's thousands of check-ins a second would keep it
// empty. A change through another instance or a scheduled job shows within the same few seconds. Certificate and
// statement verification are not cached: a revocation must show on the next look-up.
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { requestLang } from "./errors.js";

/** The public reads answered from the cache, with Cache-Control: public (all reachable without signing in). */
export const CACHED_PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  "/api/v1/public/training-projects",
  "/api/v1/public/training-projects.ics",
  "/api/v1/public/training-projects/:id",
  "/api/v1/public/bases",
  "/api/v1/public/bases/:id",
  "/api/v1/public/notices",
  "/api/v1/public/notices/:id",
  "/api/v1/public/announcements",
  "/api/v1/public/announcements/:id",
  "/api/v1/public/dishonesty-records",
  "/api/v1/public/spot-checks",
  "/api/v1/public/spot-checks/:id",
  "/api/v1/public/signing-keys",
]);

/** Writes under these paths change what the cached pages show. */
const INVALIDATING_PREFIXES = [
  "/api/v1/training-projects",
  "/api/v1/fee-standards",
  "/api/v1/bases",
  "/api/v1/base-applications",
  "/api/v1/objections",
  "/api/v1/change-reports",
  "/api/v1/organizations",
  "/api/v1/announcements",
  "/api/v1/spot-checks",
  "/api/v1/inspections",
  "/api/v1/rectification-orders",
  "/api/v1/violations",
  "/api/v1/dishonesty-records",
  "/api/v1/policy",
  "/api/v1/calendar",
  "/api/v1/test",
];

interface Entry {
  body: string;
  headers: Record<string, string>;
  expires: number;
}

/** The answer's own headers a hit must carry as the miss did (an iCal feed's file name). */
const KEPT_HEADERS = ["content-type", "content-disposition"];
/** The cache holds at most this many characters (about twice as many bytes); the oldest entry goes first. */
const MAX_CACHED_CHARS = 16 * 1024 * 1024;
/** A larger answer (a long iCal feed) is served fresh each time rather than held in memory. */
const MAX_BODY_CHARS = 512 * 1024;

const cacheable = (req: FastifyRequest) => req.method === "GET" && CACHED_PUBLIC_ROUTES.has(req.routeOptions.url ?? "");
const keyOf = (req: FastifyRequest) => `${requestLang(req)} ${req.url}`;

/** The Cache-Control of an answer: public for a cached route's 200 without a cookie, otherwise never kept. */
export function cacheControlOf(req: FastifyRequest, reply: FastifyReply, seconds: number): string {
  if (seconds > 0 && cacheable(req) && reply.statusCode === 200 && !reply.hasHeader("set-cookie")) {
    return `public, max-age=${seconds}, stale-while-revalidate=${seconds}`;
  }
  return "no-store";
}

export function registerPublicCache(app: FastifyInstance, seconds: number): void {
  if (seconds <= 0) return;
  const entries = new Map<string, Entry>();
  let held = 0;
  const forget = (key: string) => {
    held -= entries.get(key)?.body.length ?? 0;
    entries.delete(key);
  };
  app.addHook("onRequest", async (req, reply) => {
    if (!cacheable(req)) return;
    const key = keyOf(req);
    const hit = entries.get(key);
    if (!hit) return;
    if (hit.expires <= Date.now()) {
      forget(key);
      return;
    }
    reply.headers(hit.headers).header("x-cache", "hit").header("vary", "accept-language");
    return reply.send(hit.body);
  });
  app.addHook("onSend", async (req, reply, payload) => {
    if (!cacheable(req) || reply.statusCode !== 200 || reply.hasHeader("x-cache") || typeof payload !== "string" || payload.length > MAX_BODY_CHARS) return payload;
    const key = keyOf(req);
    forget(key);
    while (entries.size > 0 && held + payload.length > MAX_CACHED_CHARS) forget(entries.keys().next().value!);
    const headers: Record<string, string> = {};
    for (const name of KEPT_HEADERS) if (reply.hasHeader(name)) headers[name] = String(reply.getHeader(name));
    entries.set(key, { body: payload, headers, expires: Date.now() + seconds * 1000 });
    held += payload.length;
    reply.header("x-cache", "miss").header("vary", "accept-language");
    return payload;
  });
  // A change made through this instance to what the public sees is seen by the very next public read.
  app.addHook("onResponse", async (req, reply) => {
    if (req.method === "GET" || req.method === "HEAD" || reply.statusCode >= 400) return;
    if (!INVALIDATING_PREFIXES.some((prefix) => req.url.startsWith(prefix))) return;
    entries.clear();
    held = 0;
  });
}
