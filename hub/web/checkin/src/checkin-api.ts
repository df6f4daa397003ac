/**
 * The check-in page's calls to the hub: join with the link's code, then the stay, the form and the
 * photo with the token. Errors carry the hub's sentence, which the page shows as it is.
 */
import type { GuestStay, RegistrationBody } from '@onemoment/shared/schemas/hotel';

export class CheckInError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

export interface JoinedStay {
  token: string;
  expiresAt: string;
  stay: GuestStay;
}

async function call<T>(method: string, path: string, options: { token?: string; body?: BodyInit; type?: string; networkMessage: string }): Promise<T> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.type) headers['content-type'] = options.type;
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: options.body });
  } catch {
    throw new CheckInError(0, 'network', options.networkMessage);
  }
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (data ?? {}) as { error?: string; message?: string };
    throw new CheckInError(response.status, problem.error ?? 'error', problem.message ?? `The hotel’s hub answered ${response.status}.`);
  }
  return data as T;
}

export function createCheckInApi(networkMessage: string) {
  return {
    join: (code: string) => call<JoinedStay>('POST', `/api/guest/check-in/${encodeURIComponent(code)}/join`, { networkMessage }),
    stay: (token: string) => call<GuestStay>('GET', '/api/guest/stay', { token, networkMessage }),
    register: (token: string, body: RegistrationBody) =>
      call<GuestStay>('PUT', '/api/guest/stay/registration', { token, body: JSON.stringify(body), type: 'application/json', networkMessage }),
    idPhoto: (token: string, photo: Blob) => call<GuestStay>('PUT', '/api/guest/stay/id-photo', { token, body: photo, type: photo.type, networkMessage }),
  };
}

export type CheckInApi = ReturnType<typeof createCheckInApi>;
