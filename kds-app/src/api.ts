/**
 * The one API client of the kitchen display. The token lives in a module variable so every call
 * uses the current session; a 401 anywhere sends the screen back to the PIN pad.
 */
import { createApiClient } from '@onemoment/shared/client/api-client';

let currentToken: string | null = null;
let unauthorizedHandler: () => void = () => undefined;

export function setToken(token: string | null): void {
  currentToken = token;
}

export function getToken(): string | null {
  return currentToken;
}

export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

export const api = createApiClient({
  token: () => currentToken,
  onUnauthorized: () => unauthorizedHandler(),
});
