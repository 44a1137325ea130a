// fast-check arbitraries that turn one OpenAPI operation into hostile HTTP requests (issue 10, "Tests
// that stay": hostile strings, wrong types, boundary values over every route's schema).
import fc from "fast-check";
import type { JsonSchema, Operation, Parameter } from "./openapi.js";

/** Strings that have broken servers before: sizes, control and bidi characters, injections, odd Unicode. */
export const HOSTILE_STRINGS: readonly string[] = [
  "",
  " ",
  "x".repeat(10_001),
  "长".repeat(12_000),
  "\u0000",
  "a\u0000b",
  "\u0001\u0007\u001b[31m\u007f\u0085",
  "\r\n\r\nX-Injected: 1",
  "\u202Egnp.exe",
  "\u200B\uFEFF\u2028\u2029",
  "' OR 1=1 --",
  "%",
  "_",
  "%_%\\",
  "'; DROP TABLE users; --",
  '" OR ""="',
  "../../etc/passwd",
  "..\\..\\windows\\win.ini",
  "<script>alert(1)</script>",
  "<img src=x onerror=alert(1)>",
  "${7*7}{{7*7}}",
  "😀👨‍👩‍👧‍👦",
  "𠜎𠜱",
  "\uD800",
  "\uDC00x",
  "__proto__",
  "constructor",
  "null",
  "NaN",
  "-1",
  "1e309",
  "2026-02-30",
  "0000-00-00",
  "2026-13-45T25:61:61Z",
  "00000000-0000-0000-0000-000000000000",
];

/** Any UTF-16 code unit, lone surrogates and control characters included. */
const utf16String = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 40 });

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 40 }) },
  { weight: 1, arbitrary: utf16String },
  { weight: 1, arbitrary: fc.tuple(fc.constantFrom(...HOSTILE_STRINGS), fc.constantFrom(...HOSTILE_STRINGS)).map(([a, b]) => a + b) },
);

function nested(depth: number, asArray: boolean): unknown {
  let v: unknown = asArray ? [] : {};
  for (let i = 0; i < depth; i++) v = asArray ? [v] : { a: v };
  return v;
}

/** Values of the wrong type for whatever the schema wants, deep nesting included. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.constantFrom(0.5, -0, 1e308, Number.MAX_SAFE_INTEGER + 2, -1),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.constantFrom(nested(500, false), nested(1_000, true)),
  hostileString,
);

function clampInt(n: number | undefined, fallback: number): number {
  return n === undefined || !Number.isFinite(n) ? fallback : Math.max(-1e9, Math.min(1e9, Math.ceil(n)));
}

function patternString(schema: JsonSchema): fc.Arbitrary<string> | undefined {
  if (!schema.pattern) return undefined;
  try {
    return fc.stringMatching(new RegExp(schema.pattern));
  } catch {
    return undefined;
  }
}

function formatString(format: string | undefined): fc.Arbitrary<string> | undefined {
  const day = fc.date({ min: new Date("1990-01-01"), max: new Date("2040-12-31"), noInvalidDate: true });
  if (format === "date") return day.map((d) => d.toISOString().slice(0, 10));
  if (format === "date-time") return day.map((d) => d.toISOString());
  if (format === "uuid") return fc.uuid();
  if (format === "email") return fc.emailAddress();
  return undefined;
}

function stringLike(schema: JsonSchema): fc.Arbitrary<string> {
  const min = schema.minLength ?? 0;
  const max = schema.maxLength ?? 200;
  const bounds = [min, max, max + 1, Math.max(0, min - 1)].map((n) => "a".repeat(n));
  const options: fc.Arbitrary<string>[] = [fc.constantFrom(...bounds, "长".repeat(max)), fc.string({ minLength: min, maxLength: Math.min(max, 40) })];
  const special = patternString(schema) ?? formatString(schema.format);
  if (special) options.push(special, special);
  return fc.oneof(...options);
}

function numberLike(schema: JsonSchema, isInteger: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? schema.exclusiveMinimum;
  const max = schema.maximum ?? schema.exclusiveMaximum;
  const edges = [min, max, min === undefined ? undefined : min - 1, max === undefined ? undefined : max + 1, 0, -1, 1, 2 ** 31, 2 ** 53 + 2].filter((n): n is number => n !== undefined);
  const inside = fc.integer({ min: clampInt(min, -1000), max: Math.max(clampInt(min, -1000), clampInt(max, 100_000)) });
  return fc.oneof(fc.constantFrom(...edges), inside, isInteger ? fc.constantFrom(0.5, 1e-9) : fc.double({ noNaN: true, noDefaultInfinity: true }));
}

function objectLike(schema: JsonSchema, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const props = schema.properties ?? {};
  const model = Object.fromEntries(Object.entries(props).map(([k, v]) => [k, fuzzValue(v, depth + 1)]));
  const required = (schema.required ?? []).filter((k) => k in props);
  const record = fc.record(model, { requiredKeys: required }) as fc.Arbitrary<Record<string, unknown>>;
  const withoutOne = required.length === 0 ? record : fc.tuple(record, fc.constantFrom(...required)).map(([o, k]) => {
    const copy = { ...o };
    delete copy[k];
    return copy;
  });
  // Extra properties as own keys, __proto__ included (JSON.stringify writes own enumerable keys).
  const withExtra = fc.tuple(record, fc.constantFrom("__proto__", "constructor", "prototype", "isAdmin", "id", "status", "extra"), wrongType).map(([o, k, v]) => {
    const copy = { ...o };
    Object.defineProperty(copy, k, { value: k === "__proto__" ? { isAdmin: true, roles: ["bureau"] } : v, enumerable: true, configurable: true, writable: true });
    return copy;
  });
  return fc.oneof({ weight: 5, arbitrary: record }, { weight: 1, arbitrary: withoutOne }, { weight: 1, arbitrary: withExtra });
}

/** A value the schema accepts or almost accepts: boundaries, enum members, formats, patterns. */
export function validish(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  let arb: fc.Arbitrary<unknown>;
  const alternatives = schema.anyOf ?? schema.oneOf;
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  if (schema.enum?.length) arb = fc.constantFrom(...schema.enum);
  else if (schema.const !== undefined) arb = fc.constant(schema.const);
  else if (alternatives?.length) arb = fc.oneof(...alternatives.map((a) => validish(a, depth)));
  else if (type === "string") arb = stringLike(schema);
  else if (type === "integer" || type === "number") arb = numberLike(schema, type === "integer");
  else if (type === "boolean") arb = fc.boolean();
  else if (type === "null") arb = fc.constant(null);
  else if (type === "array") {
    const maxItems = Math.min(schema.maxItems ?? 4, 4);
    const items = fc.array(depth > 3 ? fc.constant("x") : fuzzValue(schema.items ?? {}, depth + 1), { minLength: Math.min(schema.minItems ?? 0, maxItems), maxLength: maxItems });
    const overflow = schema.maxItems !== undefined && schema.maxItems <= 200 ? fc.constant(Array.from({ length: schema.maxItems + 1 }, (_, i) => `x${i}`)) : items;
    arb = fc.oneof({ weight: 4, arbitrary: items }, { weight: 1, arbitrary: overflow });
  } else if (type === "object" || schema.properties) arb = depth > 3 ? fc.constant({}) : objectLike(schema, depth);
  else arb = fc.jsonValue({ maxDepth: 2 });
  return schema.nullable ? fc.oneof(arb, fc.constant(null)) : arb;
}

/** Mostly near-valid, sometimes hostile, sometimes the wrong type. */
export function fuzzValue(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  return fc.oneof({ weight: 6, arbitrary: validish(schema, depth) }, { weight: 2, arbitrary: hostileString }, { weight: 2, arbitrary: wrongType });
}

/** Percent-encodes any string; a lone surrogate becomes the invalid UTF-8 it would be on the wire. */
export function encodeAny(text: string): string {
  return text
    .split(/([\uD800-\uDFFF])/)
    .map((part) => (/^[\uD800-\uDFFF]$/.test(part) ? "%ED%A0%80" : encodeURIComponent(part)))
    .join("");
}

function asText(v: unknown): string {
  return typeof v === "string" ? v : v !== null && typeof v === "object" ? JSON.stringify(v) : String(v);
}

/** One path segment, already encoded: from the schema, hostile, a real id, or a crafted encoding. */
function pathSegment(p: Parameter, realIds: readonly string[]): fc.Arbitrary<string> {
  const crafted = fc.constantFrom("..%2F..%2Fetc%2Fpasswd", "a%2Fb", "%2F", "%00", "%25", "%E0%A4%A", "%ED%A0%80", "%C0%AE%C0%AE", "x%0D%0AX-Injected:%201");
  const generated = fc.oneof(validish(p.schema), hostileString, fc.uuid(), fc.integer(), fc.constantFrom(...realIds)).map((v) => encodeAny(asText(v)));
  return fc.oneof({ weight: 5, arbitrary: generated }, { weight: 1, arbitrary: crafted });
}

function queryString(params: Parameter[]): fc.Arbitrary<string> {
  const entry = (p: Parameter) =>
    fc.oneof(
      fc.constant<string[]>([]),
      fuzzValue(p.schema).map((v) => [asText(v)]),
      fc.array(validish(p.schema).map(asText), { minLength: 2, maxLength: 3 }),
    ).map((values) => values.map((v) => `${encodeAny(p.name)}=${encodeAny(v)}`));
  const extra = fc.oneof(fc.constant<string[]>([]), fc.tuple(fc.constantFrom("__proto__", "constructor[prototype]", "x", ""), hostileString).map(([k, v]) => [`${encodeAny(k)}=${encodeAny(v)}`]));
  return fc.tuple(fc.tuple(...params.map(entry)), extra).map(([entries, more]) => [...entries.flat(), ...more].join("&"));
}

export interface FuzzRequest {
  url: string;
  /** A JSON value (sent as JSON), or raw text/bytes sent as they are. */
  body?: unknown;
  headers: Record<string, string>;
}

const rawJson = fc.constantFrom('{"a":', "[1,2", "{'single': 1}", "\u0000", "null", "[]", "42", '"text"', "{}".padEnd(2_000, " "), "\uFEFF{}");
const wrongContentType = fc.constantFrom("text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/json; charset=latin1", "");

function jsonBody(schema: JsonSchema | undefined): fc.Arbitrary<Pick<FuzzRequest, "body" | "headers">> {
  const value = schema ? fuzzValue(schema) : fc.oneof(fc.constant({}), wrongType);
  return fc.oneof(
    { weight: 8, arbitrary: value.map((body) => ({ body, headers: {} })) },
    { weight: 1, arbitrary: rawJson.map((body) => ({ body, headers: {} })) },
    { weight: 1, arbitrary: fc.tuple(wrongContentType, hostileString).map(([type, body]) => ({ body, headers: { "content-type": type } })) },
    { weight: 1, arbitrary: fc.constant({ body: JSON.stringify({ pad: "x".repeat(1_100_000) }), headers: {} }) },
  );
}

function uploadBody(): fc.Arbitrary<Pick<FuzzRequest, "body" | "headers">> {
  const type = fc.constantFrom("application/pdf", "image/png", "image/jpeg", "application/octet-stream", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "text/plain", "application/json");
  const bytes = fc.oneof(
    fc.uint8Array({ maxLength: 2_000 }),
    fc.constantFrom("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj<<>>endobj", "PK\u0003\u0004garbage", "\u0089PNG\r\n\u001a\nxx").map((t) => Uint8Array.from(Buffer.from(t, "latin1"))),
  );
  return fc.tuple(type, bytes, hostileString).map(([t, b, name]) => ({ body: Buffer.from(b), headers: { "content-type": t, "x-file-name": encodeAny(name).slice(0, 200) } }));
}

/** Requests for one operation: path parameters, query string and body all fuzzed together. */
export function requestFor(op: Operation, realIds: readonly string[]): fc.Arbitrary<FuzzRequest> {
  const segments = fc.tuple(...op.pathParams.map((p) => pathSegment(p, realIds)));
  const body = op.rawBody ? uploadBody() : op.method === "GET" || op.method === "DELETE" ? fc.constant<Pick<FuzzRequest, "body" | "headers">>({ headers: {} }) : jsonBody(op.body);
  return fc.tuple(segments, queryString(op.query), body).map(([values, query, b]) => {
    let path = op.path;
    op.pathParams.forEach((p, i) => (path = path.replace(`{${p.name}}`, values[i])));
    return { url: query ? `${path}?${query}` : path, body: b.body, headers: b.headers };
  });
}
