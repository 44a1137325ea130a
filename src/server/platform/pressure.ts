// Keeping the event loop free (issue 13 item 4): while the loop lags past its bound (or the heap passes
// its own), new requests are answered 503 SERVER_BUSY with Retry-After at once, before any work, so the
// requests already under way finish instead of every user waiting behind them. /api/v1/health stays
// answered (a load balancer should not drop an instance that is merely busy).
import underPressure from "@fastify/under-pressure";
import type { FastifyInstance } from "fastify";
import type { AppConfig } from "./config.js";
import { DomainError } from "./errors.js";

const EXEMPT = new Set(["/api/v1/health"]);

export async function registerPressureRelief(app: FastifyInstance, config: AppConfig["underPressure"]): Promise<void> {
  const { maxEventLoopDelayMs, maxHeapUsedBytes, maxEventLoopUtilization, retryAfterSeconds } = config;
  if (maxEventLoopDelayMs <= 0 && maxHeapUsedBytes <= 0 && maxEventLoopUtilization <= 0) return;
  await app.register(underPressure, {
    maxEventLoopDelay: Math.max(0, maxEventLoopDelayMs),
    maxHeapUsedBytes: Math.max(0, maxHeapUsedBytes),
    maxEventLoopUtilization: Math.max(0, maxEventLoopUtilization),
    retryAfter: retryAfterSeconds,
    pressureHandler: async (req, reply, type, value) => {
      if (EXEMPT.has(req.routeOptions.url ?? "")) return;
      req.log.warn({ type, value }, "under pressure: request refused");
      reply.header("Retry-After", String(retryAfterSeconds));
      throw new DomainError("SERVER_BUSY", { retryAfterSeconds });
    },
  });
}
