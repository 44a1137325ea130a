// Helpers every module's routes share: the typed router, standard responses and tags.
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from "fastify";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import { ErrorBody } from "../../shared/api.js";

export type Router = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export function typed(app: FastifyInstance): Router {
  return app.withTypeProvider<TypeBoxTypeProvider>();
}

/** The error answers a route documents in OpenAPI besides its success. */
export const errorResponses = {
  400: ErrorBody,
  401: ErrorBody,
  403: ErrorBody,
  404: ErrorBody,
  409: ErrorBody,
  422: ErrorBody,
};

/**
 * Which methods each registered path takes, so a known path asked with another method answers 405 with
 * `Allow` rather than 404 (Fastify's router answers 404 for both). Fed by the `onRoute` hook before any
 * route is registered; route patterns (`:id`, `*`) become anchored expressions.
 */
export class RouteMethods {
  private readonly routes: { pattern: RegExp; methods: Set<string> }[] = [];
  private readonly byPath = new Map<string, { pattern: RegExp; methods: Set<string> }>();

  add(url: string, method: string | string[]): void {
    let entry = this.byPath.get(url);
    if (!entry) {
      const source = url
        .split("/")
        .map((part) => (part === "*" ? ".*" : part.startsWith(":") ? "[^/]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
        .join("/");
      entry = { pattern: new RegExp(`^${source}$`), methods: new Set() };
      this.byPath.set(url, entry);
      this.routes.push(entry);
    }
    for (const m of [method].flat()) entry.methods.add(m.toUpperCase());
  }

  /** The methods a concrete path takes (empty: no route has this path). */
  allowed(path: string): string[] {
    const out = new Set<string>();
    for (const r of this.routes) if (r.pattern.test(path)) for (const m of r.methods) out.add(m);
    return [...out].sort();
  }
}

/**
 * Gives every documented route the error answers the platform's own handling can give it, where the
 * route lists none of its own (file downloads, exports): 400 for bad input, 404 for what is out of scope
 * or missing, 409 and 422 for refused steps, 429 when limited; and 401 and 403 unless the route is
 * public. Routes that list their answers keep them.
 */
export function documentErrors(route: { schema?: object; config?: unknown }): void {
  const schema = route.schema as { hide?: boolean; response?: Record<string, unknown> } | undefined;
  if (!schema || schema.hide) return;
  const response = (schema.response ??= {});
  if (Object.keys(response).some((code) => code.startsWith("4"))) return;
  const isPublic = !!(route.config as { public?: boolean } | undefined)?.public;
  for (const [code, body] of Object.entries(errorResponses)) if (!isPublic || (code !== "401" && code !== "403")) response[code] = body;
  response["429"] = ErrorBody;
}
