// Input validation with the same TypeBox schemas the routes use: for the HTTP layer (Fastify's
// validator compiler) and for input that arrives another way (the operators' command line).
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import type { FastifyInstance } from "fastify";
import type { TSchema } from "typebox";
import { DomainError } from "./errors.js";

export function makeAjv(coerce: boolean): Ajv {
  // Bodies are strict (a wrong type is refused, unknown fields are refused, never silently dropped);
  // query strings and path parameters arrive as text and are coerced.
  const ajv = new Ajv({ allErrors: false, removeAdditional: false, useDefaults: true, coerceTypes: coerce ? "array" : false, strict: false });
  addFormats.default(ajv);
  return ajv;
}

const strict = makeAjv(false);

export function validateInput<T>(schema: TSchema, value: unknown): T {
  const check = strict.compile(schema);
  if (!check(value)) {
    throw new DomainError("VALIDATION_FAILED", {
      errors: (check.errors ?? []).map((e) => ({ path: e.instancePath || "/", rule: e.keyword, message: e.message, params: e.params })),
    });
  }
  return value as T;
}

/** The path of the first key or string in `value` that holds U+0000, or undefined. Iterative: bodies nest deep. */
export function findNul(value: unknown): string | undefined {
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (v.includes("\u0000")) return path || "/";
    } else if (v !== null && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        if (k.includes("\u0000")) return `${path}/${k.replaceAll("\u0000", "\\u0000")}`;
        stack.push([child, `${path}/${k}`]);
      }
    }
  }
  return undefined;
}

/**
 * issue 10 item 14 (found by the schema fuzzing): no text may hold U+0000. PostgreSQL refuses it in
 * text columns (a 500 on that database), SQLite would store it silently; refused alike on both, before
 * any route runs: path parameters, query strings and JSON bodies (raw uploads are bytes, not text).
 */
export function registerNulRefusal(app: FastifyInstance): void {
  app.addHook("preValidation", async (req) => {
    const parts = [["params", req.params], ["querystring", req.query], ["body", Buffer.isBuffer(req.body) ? undefined : req.body]] as const;
    for (const [part, value] of parts) {
      const path = findNul(value);
      if (path !== undefined) throw new DomainError("VALIDATION_FAILED", { part, errors: [{ path, rule: "noNul", message: "must not contain U+0000" }] });
    }
  });
}
