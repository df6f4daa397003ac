// A stand-in for the model host, for tests: serves byte buffers on 127.0.0.1 with the behaviours a
// real download meets — HTTP ranges (switchable), a redirect like Hugging Face's to its CDN, 404, and
// a connection cut half-way.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServedRequest {
  path: string;
  range: string | null;
  status: number;
  /** Body bytes the server wrote for this request. */
  bytesSent: number;
}

export interface TestFileServer {
  /** `http://127.0.0.1:<port>`; files are under /files/<name>, redirects under /moved/<name>. */
  origin: string;
  requests: ServedRequest[];
  /** Off: Range headers are ignored and every answer is a full 200, like a plain static server. */
  ranges: boolean;
  /** When set, the next file response stops after this many body bytes and the socket is destroyed. */
  cutNextAfter: number | null;
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;

export async function startTestFileServer(files: Record<string, Uint8Array>): Promise<TestFileServer> {
  const state: TestFileServer = {
    origin: '',
    requests: [],
    ranges: true,
    cutNextAfter: null,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const record: ServedRequest = { path: url.pathname, range: req.headers.range ?? null, status: 0, bytesSent: 0 };
    state.requests.push(record);
    const [, folder, name] = url.pathname.split('/');
    if (folder === 'moved' && name) {
      record.status = 302;
      res.writeHead(302, { location: `/files/${name}` }).end();
      return;
    }
    const body = folder === 'files' && name ? files[decodeURIComponent(name)] : undefined;
    if (!body) {
      record.status = 404;
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
      return;
    }
    serveFile(req, res, body, record, state);
  });

  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', () => ready()));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

function serveFile(req: IncomingMessage, res: ServerResponse, body: Uint8Array, record: ServedRequest, state: TestFileServer): void {
  let start = 0;
  const range = state.ranges ? /^bytes=(\d+)-$/.exec(req.headers.range ?? '') : null;
  if (range) {
    start = Number(range[1]);
    if (start >= body.length) {
      record.status = 416;
      res.writeHead(416, { 'content-range': `bytes */${body.length}` }).end();
      return;
    }
    record.status = 206;
    res.writeHead(206, {
      'content-length': body.length - start,
      'content-range': `bytes ${start}-${body.length - 1}/${body.length}`,
      'accept-ranges': 'bytes',
    });
  } else {
    record.status = 200;
    res.writeHead(200, { 'content-length': body.length, ...(state.ranges ? { 'accept-ranges': 'bytes' } : {}) });
  }
  const cutAfter = state.cutNextAfter;
  state.cutNextAfter = null;
  const end = cutAfter === null ? body.length : Math.min(body.length, start + cutAfter);
  writeChunks(res, body, start, end, record, () => {
    if (cutAfter === null) res.end();
    else res.destroy();
  });
}

// Chunk by chunk with backpressure, so the client sees a stream (and progress) rather than one blob.
function writeChunks(res: ServerResponse, body: Uint8Array, from: number, end: number, record: ServedRequest, done: () => void): void {
  let offset = from;
  const next = (): void => {
    while (offset < end) {
      const chunk = body.subarray(offset, Math.min(end, offset + CHUNK));
      offset += chunk.length;
      record.bytesSent += chunk.length;
      if (offset >= end) {
        res.write(chunk, () => done());
        return;
      }
      if (!res.write(chunk)) {
        res.once('drain', next);
        return;
      }
    }
    done();
  };
  next();
}
