// A stand-in for the Whisper model host, for the hub's download tests: a real HTTP server on 127.0.0.1
// serving byte buffers under /models/<file>, 404 for the rest. `holdAfter` makes the next answers send
// that many bytes and then wait for release(), so a test can watch a download half-way (progress,
// cancel) without timing anything.
import { createHash } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CatalogModel } from '@onemoment/speech/models/catalog';

export interface FakeModelServer {
  /** MODELS_BASE_URL for the hub: `http://127.0.0.1:<port>/models`. */
  baseUrl: string;
  /** Paths asked for, in order. */
  requests: string[];
  holdAfter: number | null;
  /** Lets every held answer send the rest of its file. */
  release(): void;
  close(): Promise<void>;
}

export async function startFakeModelServer(files: Record<string, Uint8Array>): Promise<FakeModelServer> {
  let held: Array<() => void> = [];
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://127.0.0.1').pathname;
    state.requests.push(path);
    const [, folder, file] = path.split('/');
    const body = folder === 'models' && file ? files[decodeURIComponent(file)] : undefined;
    if (!body) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    res.writeHead(200, { 'content-length': body.length, 'content-type': 'application/octet-stream' });
    const holdAt = state.holdAfter === null ? body.length : Math.min(state.holdAfter, body.length);
    res.write(body.subarray(0, holdAt));
    if (holdAt === body.length) {
      res.end();
      return;
    }
    held.push(() => sendRest(res, body.subarray(holdAt)));
  });
  const state: FakeModelServer = {
    baseUrl: '',
    requests: [],
    holdAfter: null,
    release() {
      const waiting = held;
      held = [];
      for (const send of waiting) send();
    },
    async close() {
      held = [];
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
  state.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/models`;
  return state;
}

function sendRest(res: ServerResponse, rest: Uint8Array): void {
  // The hub may have hung up meanwhile (a cancelled download): then there is no one to send to.
  if (res.destroyed) return;
  res.end(rest);
}

/** A catalogue entry for bytes a test serves. */
export function catalogEntry(name: string, bytes: Uint8Array, overrides: Partial<CatalogModel> = {}): CatalogModel {
  return {
    name,
    file: `ggml-${name}.bin`,
    sizeBytes: bytes.length,
    sha1: createHash('sha1').update(bytes).digest('hex'),
    multilingual: true,
    summary: 'test model',
    ...overrides,
  };
}

/** A small file with a whisper.cpp ggml header (tiny's shape) and random bytes after it: listed as a valid model. */
export function headerOnlyModel(sizeBytes: number): Buffer {
  const bytes = Buffer.alloc(sizeBytes);
  const header = [0x67676d6c, 51_865, 1500, 384, 6, 4, 448, 384, 6, 4, 80, 1];
  header.forEach((value, index) => bytes.writeInt32LE(value, index * 4));
  for (let offset = header.length * 4; offset < sizeBytes; offset++) bytes[offset] = (offset * 2_654_435_761) >>> 24;
  return bytes;
}
