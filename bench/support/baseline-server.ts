import Fastify from 'fastify';
import { Server } from 'socket.io';

/**
 * The baseline the hub is measured against: bare Fastify on the same port layout, with the same POST
 * route doing no work (no auth, no validation, no database). With BASELINE_REALTIME=on it also runs
 * socket.io with the hub's namespaces, and each POST emits the order to every connected socket before
 * answering, as the hub broadcasts after its commit and before its reply.
 */
const port = Number(process.env.PORT ?? 0);
const host = process.env.HOST ?? '127.0.0.1';
const realtime = process.env.BASELINE_REALTIME === 'on';

const app = Fastify({ logger: false, bodyLimit: 65536 });
let io: Server | null = null;
let seq = 0;

app.get('/api/health', async () => ({ status: 'ok' }));

app.post('/api/guest/orders', async (request, reply) => {
  const body = request.body as { id: string; items: unknown[] };
  const order = { id: body.id, number: (seq += 1), status: 'placed', items: body.items, createdAt: new Date().toISOString() };
  if (io) {
    const message = { seq, type: 'order.placed', payload: order, at: order.createdAt };
    for (const name of ['/kds', '/staff', '/guest']) io.of(name).emit('event', message);
  }
  reply.code(201);
  return order;
});

await app.listen({ port, host });
if (realtime) {
  io = new Server(app.server, { path: '/socket.io', serveClient: false });
  for (const name of ['/kds', '/staff', '/guest']) {
    io.of(name).on('connection', (socket) => socket.emit('ready', { latestSeq: seq }));
  }
}

const stop = async () => {
  io?.disconnectSockets(true);
  io?.engine.close();
  await app.close();
  process.exit(0);
};
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
