/**
 * Thin fetch wrapper for the BrokerDesk JSON API.
 *
 * - Cookies are httpOnly, so every call uses `credentials: 'same-origin'`.
 * - `content-type: application/json` is only sent when there is a body.
 * - Errors become `ApiError` carrying the server's `{code, message, field}`.
 * - A 401 anywhere (except where the caller opts out, e.g. the login form)
 *   triggers the registered "session expired" handler.
 */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** Everything else the server put in the error body (e.g. `matches` of `duplicate_client`). */
  readonly details: Record<string, unknown>;

  constructor(
    status: number,
    code: string,
    message: string,
    field?: string,
    details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.details = details;
  }
}

export function isApiError(error: unknown): error is ApiError {
  return error instanceof ApiError;
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** Set for calls where 401 is an expected answer (login, "who am I"). */
  allowUnauthorized?: boolean;
  signal?: AbortSignal;
  /** Extra request headers (e.g. `Idempotency-Key` on money actions). */
  headers?: Record<string, string>;
}

let onUnauthorized: (() => void) | null = null;

/** Registered once by the app shell: clears caches and sends the user to /login. */
export function setUnauthorizedHandler(handler: (() => void) | null): void {
  onUnauthorized = handler;
}

/** For callers that learn about an ended session another way (e.g. the WebSocket closing). */
export function reportUnauthorized(): void {
  onUnauthorized?.();
}

export function buildUrl(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    // Empty filters are simply left out so the server applies its defaults.
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const qs = params.toString();
  return qs ? `${path}?${qs}` : path;
}

async function readError(response: Response): Promise<ApiError> {
  let payload: { code?: unknown; message?: unknown; field?: unknown; [detail: string]: unknown } = {};
  try {
    payload = (await response.json()) as typeof payload;
  } catch {
    // Non-JSON error bodies (proxies, crashes) still produce a usable error.
  }
  const code = typeof payload.code === 'string' ? payload.code : `http_${response.status}`;
  const message = typeof payload.message === 'string' ? payload.message : response.statusText;
  const field = typeof payload.field === 'string' ? payload.field : undefined;
  const details = payload && typeof payload === 'object' ? payload : {};
  return new ApiError(response.status, code, message, field, details);
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
  const hasBody = options.body !== undefined;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, options.query), {
      method,
      credentials: 'same-origin',
      headers: {
        ...(hasBody ? { 'content-type': 'application/json' } : {}),
        accept: 'application/json',
        ...options.headers,
      },
      body: hasBody ? JSON.stringify(options.body) : undefined,
      signal: options.signal,
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === 'AbortError') throw error;
    throw new ApiError(0, 'network_error', error instanceof Error ? error.message : 'Network error');
  }

  if (!response.ok) {
    const error = await readError(response);
    if (response.status === 401 && !options.allowUnauthorized) onUnauthorized?.();
    throw error;
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const http = {
  get: <T>(path: string, options?: RequestOptions) => request<T>('GET', path, options),
  post: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('POST', path, { ...options, body }),
  patch: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PATCH', path, { ...options, body }),
  put: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('PUT', path, { ...options, body }),
  delete: <T>(path: string, body?: unknown, options?: RequestOptions) =>
    request<T>('DELETE', path, { ...options, body }),
};
