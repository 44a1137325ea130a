// Load from the bench process: autocannon at 50 connections for BENCH_SECONDS per path, sign-ins made
// once up front, and /health sampled at a fixed interval while something heavy runs.
import autocannon from "autocannon";
import { totpAt, totpStep, TOTP_STEP_SECONDS } from "../../src/server/platform/totp.js";
import { demoCode } from "../../test/support/demo-code.js";

export const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
export const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);

export interface SignedIn {
  cookie: string;
  csrf: string;
}

/**
 * fetch for the bench's own set-up requests (sign-ins, probes, cursor walks): a 503 SERVER_BUSY from the
 * server's pressure relief is waited out as its Retry-After asks, up to 5 times; the measured load never retries.
 */
export async function fetchPatiently(input: string, init?: RequestInit): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(input, init);
    if (res.status !== 503 || attempt >= 5) return res;
    await res.body?.cancel();
    const wait = Number(res.headers.get("retry-after") ?? 2);
    console.log(`  (server busy: 503, retrying in ${wait} s)`);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
}

/** A sign-in over HTTP; the bureau's second factor is the demo secret's code (or the manifest's secret). */
export async function signIn(url: string, username: string, password = "Demo#2026", totpSecret?: string): Promise<SignedIn> {
  const totp = totpSecret ? totpAt(totpSecret, totpStep(Date.now()) * TOTP_STEP_SECONDS * 1000) : await demoCode(username);
  const res = await fetchPatiently(`${url}/api/v1/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username, password, totp }) });
  if (res.status !== 200) throw new Error(`sign-in of ${username}: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { csrfToken: string };
  return { cookie: /cebase_session=[^;]*/.exec(res.headers.get("set-cookie") ?? "")![0], csrf: body.csrfToken };
}

export async function pool<T, R>(items: readonly T[], width: number, fn: (item: T, i: number) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(width, items.length) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i], i);
      }
    }),
  );
  return out;
}

export interface Load {
  perSecond: number;
  p50: number;
  p99: number;
  requests: number;
  errors: number;
  non2xx: number;
}

export interface LoadSpec {
  method?: "GET" | "POST";
  /** the path of request i (rotating over samples) */
  path: (i: number) => string;
  /** the signed-in person of request i, if any */
  who?: (i: number) => SignedIn | null;
  body?: (i: number) => string;
  /** a fixed number of requests (a burst) instead of BENCH_SECONDS */
  amount?: number;
  connections?: number;
}

const WARM_UP = Number(process.env.BENCH_WARM_UP ?? 200);

/**
 * autocannon with a cookie, CSRF token, path and body of its own on each request; a path measured for a
 * duration is first warmed up with BENCH_WARM_UP requests (JIT, statement caches, the page cache).
 */
export async function load(url: string, spec: LoadSpec): Promise<Load> {
  if (!spec.amount && WARM_UP > 0) await measure(url, { ...spec, amount: WARM_UP });
  return measure(url, spec);
}

async function measure(url: string, spec: LoadSpec): Promise<Load> {
  let i = 0;
  const started = performance.now();
  let last = started;
  const instance = autocannon({
    url,
    connections: Math.min(spec.connections ?? CONNECTIONS, spec.amount ?? Infinity),
    ...(spec.amount ? { amount: spec.amount } : { duration: SECONDS }),
    timeout: 60,
    requests: [
      {
        method: spec.method ?? "GET",
        setupRequest: (req: any) => {
          const k = i++;
          const s = spec.who?.(k) ?? null;
          req.path = spec.path(k);
          req.headers = { ...(spec.body ? { "content-type": "application/json" } : {}), ...(s ? { cookie: s.cookie, "x-csrf-token": s.csrf } : {}) };
          if (spec.body) req.body = spec.body(k);
          return req;
        },
      },
    ],
  });
  instance.on("response", () => (last = performance.now()));
  const r = await instance;
  const requests = r.requests.total as number;
  // a burst: from its first request to its last answer (autocannon's own duration is in whole seconds)
  const perSecond = spec.amount ? (requests * 1000) / Math.max(1, last - started) : (r.requests.average as number);
  return { perSecond, p50: r.latency.p50, p99: r.latency.p99, requests, errors: r.errors + r.timeouts, non2xx: r.non2xx };
}

/** GET /health every `everyMs` (one at a time) until stopped; latencies in ms. */
export function sampleHealth(url: string, everyMs = 20): { stop(): Promise<{ p50: number; p99: number; max: number; n: number; failed: number }> } {
  const ms: number[] = [];
  let failed = 0;
  let running = true;
  const loop = (async () => {
    while (running) {
      const t = performance.now();
      const ok = await fetch(`${url}/api/v1/health`).then(
        async (r) => {
          await r.arrayBuffer();
          return r.status === 200;
        },
        () => false,
      );
      const took = performance.now() - t;
      if (ok) ms.push(took);
      else failed++;
      if (took < everyMs) await new Promise((resolve) => setTimeout(resolve, everyMs - took));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return { ...percentiles(ms), n: ms.length, failed };
    },
  };
}

export function percentiles(xs: number[]): { p50: number; p99: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN);
  return { p50: Math.round(at(50)), p99: Math.round(at(99)), max: Math.round(s[s.length - 1] ?? NaN) };
}

/** One GET with a signed-in person's cookie: status and JSON (or null). */
export async function getJson(url: string, pathName: string, who?: SignedIn): Promise<{ status: number; body: any }> {
  const res = await fetchPatiently(`${url}${pathName}`, { headers: who ? { cookie: who.cookie } : {} });
  const text = await res.text();
  let body: unknown = null;
  try {
    body = JSON.parse(text);
  } catch {
    body = null;
  }
  return { status: res.status, body };
}
