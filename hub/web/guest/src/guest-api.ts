/**
 * The guest's API client. A 401 is told apart by its code: `visit_closed` means staff ended the visit
 * (the page thanks the guest and keeps the cart), any other means the token itself is dead (the page
 * joins again). The shared client's onUnauthorized carries no code, so the check sits here.
 */
import { ApiError, createApiClient, type ApiClient } from '@onemoment/shared/client/api-client';

export const VISIT_CLOSED = 'visit_closed';

export function createGuestApi(token: string, onDead: (code: string) => void): ApiClient {
  const client = createApiClient({ token: () => token });
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    try {
      return await client.request<T>(method, path, body);
    } catch (error) {
      if (error instanceof ApiError && error.status === 401) onDead(error.code);
      throw error;
    }
  };
  return {
    request,
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body ?? {}),
    patch: (path, body) => request('PATCH', path, body ?? {}),
  };
}
