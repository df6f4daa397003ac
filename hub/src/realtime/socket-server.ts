import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { HubContext } from '../context.ts';
import { rooms, type StoredEvent } from './event-log.ts';

interface Handshake {
  token?: unknown;
  lastSeq?: unknown;
  station?: unknown;
}

type NamespaceName = '/kds' | '/staff' | '/guest';

const BROADCAST_ORDER: readonly NamespaceName[] = ['/kds', '/guest', '/staff'];

/** Which rooms a socket joins, decided from its verified token; null refuses the connection. */
type RoomsFor = (auth: Handshake) => string[] | null;

export interface RealtimeServer {
  io: Server;
  close(): Promise<void>;
}

function namespaceOfRoom(room: string): NamespaceName {
  if (room.startsWith('kds:')) return '/kds';
  if (room === rooms.staff) return '/staff';
  return '/guest';
}

/**
 * socket.io on the hub's HTTP server. Each namespace checks the handshake token with the same session
 * lookup as HTTP. On connect the socket joins its rooms and, in the same synchronous step, is sent every
 * event it missed since `lastSeq`, so no live broadcast can overtake the replay.
 */
export function startRealtime(httpServer: HttpServer, context: HubContext, stationIds: () => string[]): RealtimeServer {
  const io = new Server(httpServer, { path: '/socket.io', serveClient: false, cors: { origin: false } });

  const roomsFor: Record<NamespaceName, RoomsFor> = {
    '/staff': (auth) => (typeof auth.token === 'string' && context.sessions.staff(auth.token) ? [rooms.staff] : null),
    '/kds': (auth) => {
      if (typeof auth.token !== 'string' || typeof auth.station !== 'string') return null;
      const staff = context.sessions.staff(auth.token);
      if (!staff || !['kitchen', 'manager', 'waiter'].includes(staff.role)) return null;
      if (auth.station === 'expo') return [rooms.expo];
      return stationIds().includes(auth.station) ? [rooms.station(auth.station)] : null;
    },
    '/guest': (auth) => {
      if (typeof auth.token !== 'string') return null;
      const guest = context.sessions.guest(auth.token);
      return guest ? [rooms.visit(guest.visitId), rooms.allGuests] : null;
    },
  };

  for (const name of Object.keys(roomsFor) as NamespaceName[]) {
    const namespace = io.of(name);
    namespace.use((socket, next) => {
      const joined = roomsFor[name](socket.handshake.auth as Handshake);
      if (!joined) return next(new Error('unauthorized'));
      socket.data.rooms = joined;
      next();
    });
    namespace.on('connection', (socket) => onConnection(name, socket));
  }

  function onConnection(name: NamespaceName, socket: Socket): void {
    const joined = socket.data.rooms as string[];
    const rawSeq = (socket.handshake.auth as Handshake).lastSeq;
    const lastSeq = typeof rawSeq === 'number' && Number.isInteger(rawSeq) && rawSeq >= 0 ? rawSeq : null;
    void socket.join(joined);
    context.metrics.socketsConnected.inc({ namespace: name });
    socket.on('disconnect', () => context.metrics.socketsConnected.dec({ namespace: name }));
    if (lastSeq === null) {
      socket.emit('ready', { latestSeq: context.events.latestSeq() });
      return;
    }
    const replay = context.events.replay(lastSeq, joined, context.config.eventReplayLimit);
    if (replay.kind === 'resync') {
      socket.emit('resync', { latestSeq: replay.latestSeq });
    } else {
      for (const event of replay.events) socket.emit('event', event);
    }
    socket.emit('ready', { latestSeq: replay.latestSeq });
  }

  context.events.onBroadcast((event: StoredEvent) => {
    const message = { seq: event.seq, type: event.type, payload: event.payload, at: event.at };
    const byNamespace = new Map<NamespaceName, string[]>();
    for (const room of event.rooms) {
      const name = namespaceOfRoom(room);
      byNamespace.set(name, [...(byNamespace.get(name) ?? []), room]);
    }
    // Kitchen screens first: a cook waiting on a ticket matters more than a staff list refreshing.
    const ordered = [...byNamespace].sort(([a], [b]) => BROADCAST_ORDER.indexOf(a) - BROADCAST_ORDER.indexOf(b));
    for (const [name, targets] of ordered) {
      const namespace = io.of(name) as Namespace;
      // Encoding a packet costs as much as sending it: skip rooms nobody is in (most visits, most of the time).
      const occupied = targets.filter((room) => namespace.adapter.rooms.has(room));
      // to() with several rooms sends once per socket even when it is in more than one of them.
      if (occupied.length > 0) namespace.to(occupied).emit('event', message);
    }
  });

  context.events.onTransient(({ name, rooms: targets, payload }) => {
    const byNamespace = new Map<NamespaceName, string[]>();
    for (const room of targets) {
      const namespace = namespaceOfRoom(room);
      byNamespace.set(namespace, [...(byNamespace.get(namespace) ?? []), room]);
    }
    for (const [namespace, namespaceRooms] of byNamespace) {
      const occupied = namespaceRooms.filter((room) => io.of(namespace).adapter.rooms.has(room));
      if (occupied.length > 0) io.of(namespace).to(occupied).emit(name, payload);
    }
  });

  return {
    io,
    // io.close() would also close the HTTP server, which Fastify owns and closes itself.
    close: async () => {
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}
