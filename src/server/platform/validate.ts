// Input validation with the same TypeBox schemas the routes use: for the HTTP layer (Fastify's
// validator compiler) and for input that arrives another way (the operators' command line).
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
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
