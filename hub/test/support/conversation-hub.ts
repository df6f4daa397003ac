// The real hub for the conversation tests, given a scripted recognizer through the translator's
// options (the test harness in hub/test/harness.ts starts the hub with Whisper). Real store, real
// sessions, real sockets on 127.0.0.1, real Apertium; only the recognizer is scripted (see
// scripted-speech.ts).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { createHub, type Hub } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { TextTranslation } from '../../src/translator/text/index.ts';
import { ScriptedSpeech } from './scripted-speech.ts';

export interface Answer<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

export interface ConversationTestHub {
  hub: Hub;
  baseUrl: string;
  speech: ScriptedSpeech;
  text: TextTranslation;
  /** A JSON call; a string body is sent as it is (for malformed JSON). */
  request<T = any>(method: string, path: string, body?: unknown, token?: string): Promise<Answer<T>>;
  /** A raw upload with its content type (audio for the speech route). */
  upload<T = any>(path: string, bytes: Buffer, contentType: string | null, token?: string): Promise<Answer<T>>;
  login(pin: string): Promise<string>;
  /** Scans a table's QR code and returns the guest token (the visit opens on the first scan). */
  guestToken(tableId: string): Promise<string>;
  /** Row count of a table: a refused request must leave it as it was. */
  count(table: 'conversations' | 'conversation_lines' | 'events'): number;
  listen(namespace: '/staff' | '/guest', token: string): Promise<SocketListener>;
  close(): Promise<void>;
}

export async function startConversationHub(options: { staffLanguage?: string } = {}): Promise<ConversationTestHub> {
  const dataDir = mkdtempSync(join(tmpdir(), 'onemoment-conversations-'));
  const config = loadConfig({
    PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'silent', MDNS: 'off', STAFF_LANGUAGE: options.staffLanguage ?? 'en',
  });
  const speech = new ScriptedSpeech();
  const hub = await createHub(config, { translator: { conversationSpeech: speech } });
  const text = hub.modules.translator?.text;
  if (!text) throw new Error('the translator module did not start');
  const port = await hub.listen();
  const baseUrl = `http://127.0.0.1:${port}`;
  const sqlite = hub.context.store.sqlite;
  const listeners: SocketListener[] = [];

  async function send<T>(method: string, path: string, headers: Record<string, string>, body: string | Uint8Array | undefined): Promise<Answer<T>> {
    const response = await fetch(baseUrl + path, { method, headers, body });
    const raw = await response.text();
    let parsed: unknown = raw;
    try {
      parsed = raw ? JSON.parse(raw) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: response.status, body: parsed as T, headers: response.headers };
  }
  const auth = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

  const testHub: ConversationTestHub = {
    hub,
    baseUrl,
    speech,
    text,
    request(method, path, body, token) {
      const headers = auth(token);
      if (body === undefined) return send(method, path, headers, undefined);
      headers['content-type'] = 'application/json';
      return send(method, path, headers, typeof body === 'string' ? body : JSON.stringify(body));
    },
    upload(path, bytes, contentType, token) {
      const headers = auth(token);
      if (contentType !== null) headers['content-type'] = contentType;
      return send('POST', path, headers, new Uint8Array(bytes));
    },
    async login(pin) {
      const answer = await testHub.request<{ token: string }>('POST', '/api/staff/login', { pin });
      if (answer.status !== 200) throw new Error(`login with ${pin} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.token;
    },
    async guestToken(tableId) {
      const code = sqlite.prepare('SELECT code FROM dining_tables WHERE id = ?').pluck().get(tableId) as string;
      const answer = await testHub.request<{ token: string }>('POST', '/api/guest/visits', { tableCode: code });
      if (answer.status !== 201) throw new Error(`joining ${tableId} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
      return answer.body.token;
    },
    count(table) {
      return sqlite.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
    },
    async listen(namespace, token) {
      const listener = await SocketListener.connect(baseUrl, namespace, token);
      listeners.push(listener);
      return listener;
    },
    async close() {
      for (const listener of listeners) listener.close();
      await hub.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return testHub;
}

export interface HeardEvent {
  seq: number;
  type: string;
  payload: any;
}

type Heard = { kind: 'event'; event: HeardEvent } | { kind: 'message'; name: string; payload: any };

/**
 * A socket.io client that writes down every stored event (`event`) and every transient message it
 * hears, and lets a test wait for one. A wait never satisfied fails after a few seconds, saying what
 * was heard instead.
 */
export class SocketListener {
  readonly heard: Heard[] = [];
  private waiters: Array<{ match: (heard: Heard) => boolean; resolve: (heard: Heard) => void }> = [];

  private constructor(private readonly socket: Socket) {
    socket.on('event', (event: HeardEvent) => this.note({ kind: 'event', event }));
    socket.onAny((name: string, payload: unknown) => {
      if (name !== 'event' && name !== 'ready') this.note({ kind: 'message', name, payload });
    });
  }

  static connect(baseUrl: string, namespace: string, token: string): Promise<SocketListener> {
    const socket = io(baseUrl + namespace, { path: '/socket.io', transports: ['websocket'], auth: { token }, reconnection: false, forceNew: true });
    const listener = new SocketListener(socket);
    return new Promise((resolve, reject) => {
      socket.once('ready', () => resolve(listener));
      socket.once('connect_error', (error: Error) => reject(error));
    });
  }

  /** The first stored event of `type` that `match` accepts, heard already or to come. */
  event(type: string, match: (payload: any) => boolean = () => true): Promise<HeardEvent> {
    return this.until((heard) => heard.kind === 'event' && heard.event.type === type && match(heard.event.payload), `event ${type}`).then(
      (heard) => (heard as { event: HeardEvent }).event,
    );
  }

  /** The first transient message called `name` that `match` accepts. */
  message(name: string, match: (payload: any) => boolean = () => true): Promise<any> {
    return this.until((heard) => heard.kind === 'message' && heard.name === name && match(heard.payload), `message ${name}`).then(
      (heard) => (heard as { payload: any }).payload,
    );
  }

  events(type: string): HeardEvent[] {
    return this.heard.flatMap((heard) => (heard.kind === 'event' && heard.event.type === type ? [heard.event] : []));
  }

  messages(name: string): any[] {
    return this.heard.flatMap((heard) => (heard.kind === 'message' && heard.name === name ? [heard.payload] : []));
  }

  close(): void {
    this.socket.disconnect();
  }

  private until(match: (heard: Heard) => boolean, what: string): Promise<Heard> {
    const already = this.heard.find(match);
    if (already) return Promise.resolve(already);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never heard ${what}; heard ${JSON.stringify(this.heard).slice(0, 600)}`)), 5000);
      this.waiters.push({
        match,
        resolve: (heard) => {
          clearTimeout(timer);
          resolve(heard);
        },
      });
    });
  }

  private note(heard: Heard): void {
    this.heard.push(heard);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.match(heard)) return true;
      waiter.resolve(heard);
      return false;
    });
  }
}
