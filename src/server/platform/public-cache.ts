// Public reads from a short-lived cache (issue 13 item 6): the training calendar, the base registry, the
// notices and announcements are read by the public far more often than they change, and in December by
// everyone at once. The routes below are cached; their 200 answers are kept per URL and language for `publicCacheSeconds`, and browsers and proxies may keep them as long
// (Cache-Control: public). Any successful change through this instance empties the cache at once; a
// change through another instance or a scheduled job shows within the same few seconds. Certificate and
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

interface Entry {
  body: string;
  type: string;
  expires: number;
}

/** Enough for every filter combination people actually use; the oldest entry goes first. */
const MAX_ENTRIES = 1000;
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
  app.addHook("onRequest", async (req, reply) => {
    if (!cacheable(req)) return;
    const key = keyOf(req);
    const hit = entries.get(key);
    if (!hit) return;
    if (hit.expires <= Date.now()) {
      entries.delete(key);
      return;
    }
    reply.header("x-cache", "hit").header("vary", "accept-language").type(hit.type);
    return reply.send(hit.body);
  });
  app.addHook("onSend", async (req, reply, payload) => {
    if (!cacheable(req) || reply.statusCode !== 200 || reply.hasHeader("x-cache") || typeof payload !== "string" || payload.length > MAX_BODY_CHARS) return payload;
    if (entries.size >= MAX_ENTRIES) entries.delete(entries.keys().next().value!);
    entries.set(keyOf(req), { body: payload, type: String(reply.getHeader("content-type") ?? "application/json; charset=utf-8"), expires: Date.now() + seconds * 1000 });
    reply.header("x-cache", "miss").header("vary", "accept-language");
    return payload;
  });
  // A change made through this instance is seen by the very next public read.
  app.addHook("onResponse", async (req, reply) => {
    if (req.method !== "GET" && req.method !== "HEAD" && reply.statusCode < 400) entries.clear();
  });
}
