import { io, type Socket } from 'socket.io-client';

export interface HubEvent {
  seq: number;
  type: string;
  payload: any;
  at: string;
}

export type Heard = { kind: 'event'; event: HubEvent } | { kind: 'ready'; latestSeq: number } | { kind: 'resync'; latestSeq: number } | { kind: 'connect_error'; message: string };

/**
 * A socket.io client that writes down everything it hears, in arrival order, and lets a test wait for
 * a particular message. A wait that is never satisfied fails after a few seconds with what was heard.
 */
export class Listener {
  readonly heard: Heard[] = [];
  private waiters: Array<{ match: (h: Heard) => boolean; resolve: (h: Heard) => void }> = [];
  readonly socket: Socket;

  constructor(baseUrl: string, namespace: string, auth: Record<string, unknown>) {
    this.socket = io(baseUrl + namespace, { path: '/socket.io', transports: ['websocket'], auth, reconnection: false, forceNew: true });
    this.socket.on('event', (event: HubEvent) => this.note({ kind: 'event', event }));
    this.socket.on('ready', (info: { latestSeq: number }) => this.note({ kind: 'ready', latestSeq: info.latestSeq }));
    this.socket.on('resync', (info: { latestSeq: number }) => this.note({ kind: 'resync', latestSeq: info.latestSeq }));
    this.socket.on('connect_error', (error: Error) => this.note({ kind: 'connect_error', message: error.message }));
  }

  private note(h: Heard): void {
    this.heard.push(h);
    this.waiters = this.waiters.filter((waiter) => {
      if (!waiter.match(h)) return true;
      waiter.resolve(h);
      return false;
    });
  }

  until(match: (h: Heard) => boolean, what: string): Promise<Heard> {
    const already = this.heard.find(match);
    if (already) return Promise.resolve(already);
    return new Promise<Heard>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`never heard ${what}; heard ${JSON.stringify(this.heard).slice(0, 500)}`)), 5000);
      this.waiters.push({
        match,
        resolve: (h) => {
          clearTimeout(timer);
          resolve(h);
        },
      });
    });
  }

  ready(): Promise<Heard> {
    return this.until((h) => h.kind === 'ready', 'ready');
  }

  orderEvent(type: string, orderId: string): Promise<HubEvent> {
    return this.until((h) => h.kind === 'event' && h.event.type === type && h.event.payload.id === orderId, `${type} of ${orderId}`).then(
      (h) => (h as { event: HubEvent }).event,
    );
  }

  events(): HubEvent[] {
    return this.heard.flatMap((h) => (h.kind === 'event' ? [h.event] : []));
  }

  close(): void {
    this.socket.disconnect();
  }
}
