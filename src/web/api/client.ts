// The one fetch wrapper of the web app: JSON in and out, same-origin cookies, the CSRF token on every
// state-changing request, Accept-Language from the UI language, and errors as ApiError carrying the
// server's `{ error: { code, message, details } }`. 401 and PASSWORD_CHANGE_REQUIRED are handed to the
// session layer, which sends the user to the login or change-password page.
import i18n, { currentLang } from "../i18n";

export class ApiError extends Error {
  /** True when the client already reacted (redirect to login or password page): callers stay quiet. */
  handled = false;
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export interface AuthHandlers {
  onUnauthenticated(code: string): void;
  onPasswordChangeRequired(): void;
}

let csrfToken: string | null = null;
let handlers: AuthHandlers | null = null;
let lastRequestAt = Date.now();

export function setAuthHandlers(h: AuthHandlers | null): void {
  handlers = h;
}
export function clearCsrfToken(): void {
  csrfToken = null;
}
/** Time of the last answered request: the server's idle timer restarts with each one. */
export function lastApiActivity(): number {
  return lastRequestAt;
}

export type Query = Record<string, string | number | boolean | null | undefined>;

export function queryString(query: Query | undefined): string {
  if (!query) return "";
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) {
    if (v === undefined || v === null || v === "") continue;
    params.set(k, String(v));
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Do not redirect on 401 (the login form and the initial session probe handle it themselves). */
  silentAuth?: boolean;
  signal?: AbortSignal;
  /** A raw body (a file) sent as is instead of JSON, with its own headers (Content-Type, X-File-Name). */
  raw?: { body: Blob; headers: Record<string, string> };
}

async function readBody(res: Response): Promise<unknown> {
  if (res.status === 204) return undefined;
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function toApiError(status: number, body: unknown): ApiError {
  const e = (body as { error?: { code?: unknown; message?: unknown; details?: unknown } } | null)?.error;
  if (e && typeof e.code === "string") {
    const message = typeof e.message === "string" && e.message ? e.message : e.code;
    const details = e.details && typeof e.details === "object" ? (e.details as Record<string, unknown>) : {};
    return new ApiError(status, e.code, message, details);
  }
  return new ApiError(status, `HTTP_${status}`, i18n.t("errors.http", { status }));
}

export async function request<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: "application/json", "Accept-Language": currentLang() };
  if (opts.body !== undefined) headers["Content-Type"] = "application/json";
  if (opts.raw) Object.assign(headers, opts.raw.headers);
  if (method !== "GET" && method !== "HEAD" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let res: Response;
  try {
    res = await fetch(path + queryString(opts.query), {
      method,
      headers,
      credentials: "same-origin",
      body: opts.raw ? opts.raw.body : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (err) {
    if ((err as Error).name === "AbortError") throw err;
    throw new ApiError(0, "NETWORK_ERROR", i18n.t("errors.network"));
  }
  lastRequestAt = Date.now();
  const body = await readBody(res);
  if (res.ok) {
    const token = (body as { csrfToken?: unknown } | null)?.csrfToken;
    if (typeof token === "string") csrfToken = token;
    return body as T;
  }
  const error = toApiError(res.status, body);
  if (res.status === 401 && !opts.silentAuth && handlers) {
    csrfToken = null;
    error.handled = true;
    handlers.onUnauthenticated(error.code);
  } else if (res.status === 403 && error.code === "PASSWORD_CHANGE_REQUIRED" && handlers) {
    error.handled = true;
    handlers.onPasswordChangeRequired();
  }
  throw error;
}

export const api = {
  get: <T>(path: string, query?: Query, opts?: RequestOptions) => request<T>("GET", path, { ...opts, query }),
  post: <T>(path: string, body?: unknown, opts?: RequestOptions) => request<T>("POST", path, { ...opts, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>("PATCH", path, { ...opts, body }),
  put: <T>(path: string, body: unknown, opts?: RequestOptions) => request<T>("PUT", path, { ...opts, body }),
  delete: <T>(path: string, opts?: RequestOptions) => request<T>("DELETE", path, opts),
  /** Uploads one file as the raw request body (`X-File-Name` percent-encoded), with the CSRF token. */
  upload: <T>(path: string, file: File, contentType?: string, opts?: RequestOptions) =>
    request<T>("POST", path, {
      ...opts,
      raw: { body: file, headers: { "Content-Type": contentType || file.type || "application/octet-stream", "X-File-Name": encodeURIComponent(file.name) } },
    }),
};
