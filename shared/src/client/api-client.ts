/**
 * The browser apps' HTTP client: bearer token, JSON in and out, and errors carried as
 * `ApiError { status, code, message }` so a page can show the hub's sentence to a person. What a
 * refusal says beside those (the new price of a `price_changed`, the `retryAfterMs` of a 429) is in
 * `details`.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Readonly<Record<string, unknown>> = {},
  ) {
    super(message);
  }

  /** True when the request may have reached the hub but no answer came back: retry with the same id. */
  get isNetwork(): boolean {
    return this.status === 0;
  }
}

export interface ApiClientOptions {
  /** Returns the current token, or null when logged out. */
  token: () => string | null;
  /** Called on a 401, so the page can return to its login or rejoin its visit. */
  onUnauthorized?: () => void;
  timeoutMs?: number;
}

export interface ApiClient {
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const timeoutMs = options.timeoutMs ?? 8000;

  async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
    const headers: Record<string, string> = {};
    const token = options.token();
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    try {
      response = await fetch(path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: controller.signal,
      });
    } catch {
      throw new ApiError(0, 'network', 'The hub did not answer. Check the Wi-Fi; we will keep trying.');
    } finally {
      clearTimeout(timer);
    }
    if (response.status === 204) return undefined as T;
    const data: unknown = await response.json().catch(() => null);
    if (!response.ok) {
      const { error, message, ...details } = (data ?? {}) as { error?: string; message?: string };
      if (response.status === 401) options.onUnauthorized?.();
      throw new ApiError(response.status, error ?? 'error', message ?? `The hub answered ${response.status}.`, details);
    }
    return data as T;
  }

  return {
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body ?? {}),
    patch: (path, body) => request('PATCH', path, body ?? {}),
  };
}
