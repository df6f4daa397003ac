import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import type { DomainEvent } from '@onemoment/shared/events/domain-events';
import { guestViewOfEvent } from '@onemoment/shared/restaurant/guest-view';
import type { EndedLogins } from '../sessions/session-lookup.ts';
import type { HubContext } from '../context.ts';
import { rooms, type StoredEvent } from '../events/event-log.ts';
import { namespaceOfRoom, type NamespaceName } from './namespaces.ts';

interface Handshake {
  token?: unknown;
  lastSeq?: unknown;
  station?: unknown;
}

const BROADCAST_ORDER: readonly NamespaceName[] = ['/kds', '/guest', '/staff'];

/** What an open socket remembers of its login: enough to check it again, never the token itself. */
interface SocketLogin {
  tokenHash: string;
  station: string | null;
  /** Whose login it is, so a login that ends closes only its own sockets' checks. */
  owner: EndedLogins;
}

/** Which rooms a login may join in a namespace; null refuses it (or, for an open socket, closes it). */
type RoomsFor = (login: SocketLogin) => string[] | null;

export interface RealtimeOptions {
  /** The namespaces the loaded modules fill (`/staff` is always open). */
  namespaces?: readonly NamespaceName[];
  /** How often open sockets are checked against their logins' expiry (an ended login is checked at once). */
  recheckEveryMs?: number;
}

export interface RealtimeServer {
  io: Server;
  close(): Promise<void>;
}


/**
 * socket.io on the hub's HTTP server. Each namespace checks the handshake token with the same session
 * lookup as HTTP. On connect the socket joins its rooms and, in the same synchronous step, is sent every
 * event it missed since `lastSeq`, so no live broadcast can overtake the replay.
 */
export function startRealtime(httpServer: HttpServer, context: HubContext, stationIds: () => string[], options: RealtimeOptions = {}): RealtimeServer {
  const io = new Server(httpServer, { path: '/socket.io', serveClient: false, cors: { origin: false } });

  const roomsFor: Record<NamespaceName, RoomsFor> = {
    '/staff': (login) => (context.sessions.staffByHash(login.tokenHash) ? [rooms.staff] : null),
    '/kds': (login) => {
      if (login.station === null) return null;
      const staff = context.sessions.staffByHash(login.tokenHash);
      if (!staff || !['kitchen', 'manager', 'waiter'].includes(staff.role)) return null;
      if (login.station === 'expo') return [rooms.expo];
      return stationIds().includes(login.station) ? [rooms.station(login.station)] : null;
    },
    '/guest': (login) => {
      // A socket's being open is not the guest using the page: checking it must not keep the token alive.
      const guest = context.sessions.guestByHash(login.tokenHash, { touch: false });
      return guest ? [rooms.visit(guest.visitId), rooms.allGuests] : null;
    },
  };

  // Only the namespaces of loaded modules exist: a client asking for another is refused by socket.io.
  const open = new Set<NamespaceName>(['/staff', ...(options.namespaces ?? ['/kds', '/guest'])]);

  for (const name of open) {
    const namespace = io.of(name);
    namespace.use((socket, next) => {
      const auth = socket.handshake.auth as Handshake;
      if (typeof auth.token !== 'string') return next(new Error('unauthorized'));
      // The handshake is the guest's use of the token (it refreshes the idle time, as HTTP does).
      const principal = name === '/guest' ? context.sessions.guest(auth.token) : context.sessions.staff(auth.token);
      if (!principal) return next(new Error('unauthorized'));
      const owner: EndedLogins = principal.kind === 'guest' ? { visitId: principal.visitId } : { staffId: principal.staffId };
      const login: SocketLogin = { tokenHash: principal.tokenHash, station: typeof auth.station === 'string' ? auth.station : null, owner };
      const joined = roomsFor[name](login);
      if (!joined) return next(new Error('unauthorized'));
      socket.data.login = login;
      socket.data.rooms = joined;
      next();
    });
    namespace.on('connection', (socket) => onConnection(name, socket));
  }

  /**
   * Checks open sockets against their logins again: one whose login has ended, expired or may no
   * longer see the rooms it is in is closed (the client connects again and is refused, or joins the
   * rooms it may now see). An ended login checks only its owner's sockets; the periodic sweep (for
   * expiry) checks all, at about 5 µs a socket.
   */
  function recheckSockets(ended?: EndedLogins): void {
    for (const name of open) {
      for (const socket of io.of(name).sockets.values()) {
        const login = socket.data.login as SocketLogin | undefined;
        if (ended && login && !sameOwner(login.owner, ended)) continue;
        const allowed = login ? roomsFor[name](login) : null;
        const joined = socket.data.rooms as string[] | undefined;
        if (!allowed || !joined || allowed.length !== joined.length || allowed.some((room, i) => room !== joined[i])) socket.disconnect(true);
      }
    }
  }
  const stopListening = context.sessions.onSessionsEnded(recheckSockets);
  const recheckTimer = setInterval(() => recheckSockets(), options.recheckEveryMs ?? 30_000);
  recheckTimer.unref();

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
      for (const event of replay.events) socket.emit('event', name === '/guest' ? guestViewOfEvent(event) : event);
    }
    socket.emit('ready', { latestSeq: replay.latestSeq });
  }

  /** The rooms of an event grouped by their namespace, only namespaces that are open, kitchen screens first. */
  function byNamespace(targets: readonly string[]): Array<[NamespaceName, string[]]> {
    const grouped = new Map<NamespaceName, string[]>();
    for (const room of targets) {
      const name = namespaceOfRoom(room);
      if (open.has(name)) grouped.set(name, [...(grouped.get(name) ?? []), room]);
    }
    // Kitchen screens first: a cook waiting on a ticket matters more than a staff list refreshing.
    return [...grouped].sort(([a], [b]) => BROADCAST_ORDER.indexOf(a) - BROADCAST_ORDER.indexOf(b));
  }

  context.events.onBroadcast((event: StoredEvent) => {
    const message = { seq: event.seq, type: event.type, payload: event.payload, at: event.at } as DomainEvent;
    for (const [name, targets] of byNamespace(event.rooms)) {
      const namespace = io.of(name) as Namespace;
      // Encoding a packet costs as much as sending it: skip rooms nobody is in (most visits, most of the time).
      const occupied = targets.filter((room) => namespace.adapter.rooms.has(room));
      // Guests get their own view: staff reasons never leave the staff's screens.
      // to() with several rooms sends once per socket even when it is in more than one of them.
      if (occupied.length > 0) namespace.to(occupied).emit('event', name === '/guest' ? guestViewOfEvent(message) : message);
    }
  });

  context.events.onTransient(({ name, rooms: targets, payload }) => {
    for (const [namespace, namespaceRooms] of byNamespace(targets)) {
      const occupied = namespaceRooms.filter((room) => io.of(namespace).adapter.rooms.has(room));
      if (occupied.length > 0) io.of(namespace).to(occupied).emit(name, payload);
    }
  });

  return {
    io,
    // io.close() would also close the HTTP server, which Fastify owns and closes itself.
    close: async () => {
      clearInterval(recheckTimer);
      stopListening();
      io.disconnectSockets(true);
      io.engine.close();
    },
  };
}

function sameOwner(a: EndedLogins, b: EndedLogins): boolean {
  return 'staffId' in a ? 'staffId' in b && a.staffId === b.staffId : 'visitId' in b && a.visitId === b.visitId;
}
