/**
 * One API client for the staff pages. The token is read at call time, so logging in or out never
 * needs a new client; a 401 anywhere sends the tablet back to the PIN pad.
 */
import { ApiError, createApiClient, type ApiClient } from '@onemoment/shared/client/api-client';

export { ApiError };
export type { ApiClient };

let currentToken: string | null = null;
let unauthorizedHandler: () => void = () => {};

export function setToken(token: string | null): void {
  currentToken = token;
}

export function getToken(): string | null {
  return currentToken;
}

export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export const api: ApiClient = createApiClient({
  token: () => currentToken,
  onUnauthorized: () => unauthorizedHandler(),
});

/**
 * Binary and HTML resources (QR images, the printable sheet) need the bearer token too, which an
 * <img src> or a plain link cannot send: fetch them here and hand the page a Blob.
 */
export async function fetchBlob(path: string): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(path, { headers: currentToken ? { authorization: `Bearer ${currentToken}` } : {} });
  } catch {
    throw new ApiError(0, 'network', 'The hub did not answer. Check the Wi-Fi and try again.');
  }
  if (!response.ok) {
    if (response.status === 401) unauthorizedHandler();
    const problem = (await response.json().catch(() => ({}))) as { error?: string; message?: string };
    throw new ApiError(response.status, problem.error ?? 'error', problem.message ?? `The hub answered ${response.status}.`);
  }
  return response.blob();
}

/** The sentence to show a person for any failure. */
export function describeError(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return 'Something went wrong.';
}
