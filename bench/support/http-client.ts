import { Agent, request } from 'node:http';

export interface RawResponse {
  status: number;
  text: string;
}

export interface JsonClient {
  /** The most sockets it opens to the server. */
  readonly connections: number;
  post(path: string, body: string, token?: string): Promise<RawResponse>;
  get(path: string, token?: string): Promise<RawResponse>;
  close(): void;
}

/**
 * A plain keep-alive HTTP client (undici is not installed): at most `connections` sockets, reused
 * across requests, so a run of N workers holds N open connections for its whole length.
 */
export function createJsonClient(baseUrl: string, connections: number): JsonClient {
  const url = new URL(baseUrl);
  const agent = new Agent({ keepAlive: true, maxSockets: connections, maxFreeSockets: connections });

  function send(method: string, path: string, body: string | null, token?: string): Promise<RawResponse> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = {};
      if (token) headers.authorization = `Bearer ${token}`;
      if (body !== null) {
        headers['content-type'] = 'application/json';
        headers['content-length'] = Buffer.byteLength(body);
      }
      const req = request({ host: url.hostname, port: url.port, method, path, agent, headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() }));
        res.on('error', reject);
      });
      req.on('error', reject);
      req.end(body ?? undefined);
    });
  }

  return {
    connections,
    post: (path, body, token) => send('POST', path, body, token),
    get: (path, token) => send('GET', path, null, token),
    close: () => agent.destroy(),
  };
}
