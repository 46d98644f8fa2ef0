// The REST client: the reference's envelope, the session cookie (same origin) and the CSRF
// header on writes, typed errors. A 401 tells the shell to show the login page.

export const API = '/api/v1';

export interface Envelope<T> {
  status: string;
  message: string;
  data: T;
  meta?: { total: number; page: number; limit: number; totalPages: number; hasNextPage: boolean; hasPrevPage: boolean };
  [extra: string]: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly errors: { field?: string; message: string }[] = [],
    readonly body: unknown = null,
  ) {
    super(message);
  }
}

// No answer at all (offline, DNS, reset, timeout): the request may or may not have happened.
export class NetworkError extends Error {}

// Kept for the tab's life (sessionStorage): a page reloaded without a network must still be
// able to send its queued check-ins once the network is back. Useless without the cookie.
let csrfToken: string | null = sessionStorage.getItem('admit.csrf');
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
  if (token) sessionStorage.setItem('admit.csrf', token);
  else sessionStorage.removeItem('admit.csrf');
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function url(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined || v === null || v === '') continue;
    params.set(k, String(v));
  }
  const qs = params.toString();
  return `${API}${path}${qs ? `?${qs}` : ''}`;
}

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  form?: FormData;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<Envelope<T>> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.form) {
    body = options.form;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  if (method !== 'GET' && method !== 'HEAD' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs ?? 15000);
  let response: Response;
  try {
    response = await fetch(url(path, options.query), {
      method,
      headers,
      body,
      credentials: 'same-origin',
      signal: controller.signal,
      cache: 'no-store',
    });
  } catch (e) {
    throw new NetworkError(controller.signal.aborted ? 'The server did not answer in time' : 'Cannot reach the server');
  } finally {
    clearTimeout(timer);
  }
  const type = response.headers.get('content-type') ?? '';
  let parsed: unknown = null;
  try {
    parsed = type.includes('json') ? await response.json() : await response.text();
  } catch {
    if (response.ok) throw new NetworkError('The answer was cut off');
  }
  if (!response.ok) {
    const obj = (parsed && typeof parsed === 'object' ? parsed : {}) as { message?: unknown; errors?: unknown };
    let message = typeof obj.message === 'string' ? obj.message : typeof parsed === 'string' && parsed ? parsed : response.statusText;
    const errors = Array.isArray(obj.errors) ? (obj.errors as { field?: string; message: string }[]) : [];
    if (message === 'Validation failed' && errors.length) message = errors.map((e) => e.message).join('; ');
    if (response.status === 401 && !path.startsWith('/auth/')) window.dispatchEvent(new CustomEvent('admit:unauthorized'));
    throw new ApiError(response.status, message || `HTTP ${response.status}`, errors, parsed);
  }
  if (typeof parsed !== 'object' || parsed === null) return { status: 'success', message: '', data: parsed as T };
  return parsed as Envelope<T>;
}

export const get = <T>(path: string, query?: Query) => request<T>('GET', path, { query });
export const post = <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
  request<T>('POST', path, { body: body ?? {}, headers });
export const patch = <T>(path: string, body: unknown) => request<T>('PATCH', path, { body });
export const put = <T>(path: string, body: unknown) => request<T>('PUT', path, { body });
export const del = <T>(path: string) => request<T>('DELETE', path);

export function errorText(e: unknown): string {
  if (e instanceof ApiError || e instanceof NetworkError) return e.message;
  return e instanceof Error ? e.message : String(e);
}
