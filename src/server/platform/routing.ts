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
