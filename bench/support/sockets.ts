import { io, type Socket } from 'socket.io-client';

export interface HubEventMessage {
  seq: number;
  type: string;
  payload: unknown;
  at: string;
}

/** Every socket a run opened, so a failed run can still close them all. */
export class SocketPool {
  private readonly sockets = new Set<Socket>();

  constructor(private readonly baseUrl: string) {}

  /**
   * Opens one socket.io connection of its own (forceNew: no multiplexing with the other sockets), over
   * the websocket transport only, and resolves once the server has said `ready` (after any replay).
   * The event listener is attached before connecting, so nothing sent after `ready` can be missed.
   */
  open(namespace: string, auth: Record<string, unknown>, onEvent: (message: HubEventMessage) => void): Promise<Socket> {
    const socket = io(this.baseUrl + namespace, { transports: ['websocket'], auth, forceNew: true, reconnection: false, timeout: 10_000 });
    this.sockets.add(socket);
    socket.on('event', onEvent);
    return new Promise((resolve, reject) => {
      socket.once('ready', () => resolve(socket));
      socket.once('connect_error', (error: Error) => reject(new Error(`${namespace} socket refused: ${error.message}`)));
    });
  }

  /** Opens `count` sockets a batch at a time: 300 handshakes at once would time some out. */
  async openMany(count: number, batch: number, open: (index: number) => Promise<Socket>): Promise<void> {
    for (let first = 0; first < count; first += batch) {
      await Promise.all(Array.from({ length: Math.min(batch, count - first) }, (_, offset) => open(first + offset)));
    }
  }

  /** Sockets that dropped during the run: a dropped KDS would silently miss tickets. */
  disconnected(): number {
    let count = 0;
    for (const socket of this.sockets) if (!socket.connected) count += 1;
    return count;
  }

  closeAll(): void {
    for (const socket of this.sockets) socket.close();
    this.sockets.clear();
  }
}
