import { rooms } from '../events/event-log.ts';

/**
 * The socket.io namespaces: `/staff` is the core's (every staff login), `/kds` and `/guest` belong to
 * the modules that fill their rooms; a namespace no loaded module declares is not opened.
 */
export const NAMESPACES = ['/kds', '/staff', '/guest'] as const;
export type NamespaceName = (typeof NAMESPACES)[number];

export function namespaceOfRoom(room: string): NamespaceName {
  if (room.startsWith('kds:')) return '/kds';
  if (room === rooms.staff) return '/staff';
  return '/guest';
}
