/**
 * A TCP link between the browser and the hub that a test can cut and restore: a real network outage
 * (connections dropped, new ones refused) for the page, its service worker and its sockets alike.
 * Chromium's own offline switch reaches a service worker that restarts after a reload a moment late,
 * so a request can slip through it; a cut link lets nothing through.
 */
import { createServer, connect, type Server, type Socket } from 'node:net';

export class CuttableLink {
  private server: Server | null = null;
  private readonly open = new Set<Socket>();
  private port = 0;

  private constructor(private readonly target: { host: string; port: number }) {}

  /** Listens on 127.0.0.1 (a free port) and forwards every connection to `targetUrl`'s host and port. */
  static async to(targetUrl: string): Promise<CuttableLink> {
    const url = new URL(targetUrl);
    const link = new CuttableLink({ host: url.hostname, port: Number(url.port) });
    await link.listen();
    return link;
  }

  /** The address the browser uses instead of the hub's. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Drops every open connection and refuses new ones until restore(). */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.open) socket.destroy();
    this.open.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Accepts connections again, on the same port (the page's origin must not change). */
  restore(): Promise<void> {
    return this.listen();
  }

  close(): Promise<void> {
    return this.cut();
  }

  private listen(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.target.port, this.target.host);
      for (const socket of [client, upstream]) {
        this.open.add(socket);
        socket.on('close', () => this.open.delete(socket));
        socket.on('error', () => {
          client.destroy();
          upstream.destroy();
        });
      }
      client.pipe(upstream).pipe(client);
    });
    this.server = server;
    return new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => {
        this.port = (server.address() as { port: number }).port;
        resolve();
      });
    });
  }
}
