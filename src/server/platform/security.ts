// Security headers on every answer (CSP with frame-ancestors, nosniff, no referrer leakage).
import type { FastifyInstance } from "fastify";
import { cacheControlOf } from "./public-cache.js";

const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  // Ant Design writes its CSS-in-JS styles inline.
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

export function registerSecurityHeaders(app: FastifyInstance, publicCacheSeconds = 0): void {
  app.addHook("onSend", async (req, reply, payload) => {
    // Swagger UI sets its own CSP (with hashes of its inline scripts); keep frame-ancestors there too.
    const existing = reply.getHeader("content-security-policy");
    reply.header("content-security-policy", existing ? `${String(existing)}; frame-ancestors 'none'` : CSP);
    reply.header("x-content-type-options", "nosniff");
    reply.header("x-frame-options", "DENY");
    reply.header("referrer-policy", "same-origin");
    reply.header("permissions-policy", "camera=(self), geolocation=()");
    if (req.url.startsWith("/api/")) reply.header("cache-control", cacheControlOf(req, reply, publicCacheSeconds));
    return payload;
  });
}
