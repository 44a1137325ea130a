// The operations of the server's own OpenAPI document (the TypeBox route schemas, as @fastify/swagger
// writes them), for tests that go over every route (issue 10, "Tests that stay": the schema fuzzing).
import type { Client } from "./harness.js";

/** A JSON Schema as the document carries it (TypeBox output with OpenAPI's `nullable`). */
export type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  nullable?: boolean;
  default?: unknown;
  $ref?: string;
};

export interface Parameter {
  name: string;
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** The path template with `{name}` for each parameter, as OpenAPI writes it. */
  path: string;
  pathParams: Parameter[];
  query: Parameter[];
  /** The JSON body's schema; undefined where the route takes none (or a raw upload, see `rawBody`). */
  body?: JsonSchema;
  /** Uploads (files, Excel imports) take a raw body and document no JSON schema. */
  rawBody: boolean;
}

interface OpenApiDoc {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[]; requestBody?: { content?: Record<string, { schema: JsonSchema }> } }>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const METHODS = new Set(["get", "post", "put", "patch", "delete"]);

/** Replaces every local `$ref` (`#/components/schemas/X`) by a copy of what it names; cycles stop at depth 20. */
export function resolveRefs<T>(value: T, doc: OpenApiDoc, depth = 0): T {
  if (Array.isArray(value)) return value.map((v) => resolveRefs(v, doc, depth)) as T;
  if (!value || typeof value !== "object") return value;
  const ref = (value as JsonSchema).$ref;
  if (typeof ref === "string" && depth < 20) {
    const target = ref.replace(/^#\//, "").split("/").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], doc);
    return resolveRefs(target ?? {}, doc, depth + 1) as T;
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveRefs(v, doc, depth)])) as T;
}

/** Lists every documented operation (hidden routes, like the document itself, are not in it). */
export function operationsOf(doc: OpenApiDoc): Operation[] {
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!METHODS.has(method)) continue;
      const params = resolveRefs(op.parameters ?? [], doc);
      const param = (p: (typeof params)[number]): Parameter => ({ name: p.name, required: !!p.required, schema: p.schema ?? {} });
      const json = op.requestBody?.content?.["application/json"]?.schema;
      ops.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === "path").map(param),
        query: params.filter((p) => p.in === "query").map(param),
        body: json && resolveRefs(json, doc),
        rawBody: method !== "get" && method !== "delete" && !op.requestBody && /\/(files|import)$/.test(path),
      });
    }
  }
  return ops;
}

/** Fetches the document the server serves and lists its operations. */
export async function fetchOperations(client: Client): Promise<Operation[]> {
  const res = await client.get<OpenApiDoc>("/api/v1/openapi.json");
  if (res.status !== 200) throw new Error(`openapi.json answered ${res.status}`);
  return operationsOf(res.body);
}
