// HTTP to a hub running in its own process (the crash tests): a call that reads the JSON answer, a
// staff login, and a wait for a state the hub reports.

export async function call(baseUrl: string, method: string, path: string, token: string, body?: unknown): Promise<{ status: number; body: any }> {
  const response = await fetch(baseUrl + path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as any };
}

export const login = async (baseUrl: string, pin: string): Promise<string> => (await call(baseUrl, 'POST', '/api/staff/login', '', { pin })).body.token as string;

/** Asks the hub over HTTP until `check` answers (a state, not a time): a deadline turns a hang into a failure. */
export async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
