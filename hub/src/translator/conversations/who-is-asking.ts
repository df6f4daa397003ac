// Conversations are shared by staff logins and guests' phones; the hub's requireStaffOrGuest admits
// either, and these say which it was.
import type { FastifyRequest } from 'fastify';
import { unauthorized } from '../../errors.ts';
import type { Asker } from './conversation-rules.ts';

/** The caller a guard admitted. */
export function askerOf(request: FastifyRequest): Asker {
  if (request.staff) return { kind: 'staff', staffId: request.staff.staffId };
  if (request.guest) return { kind: 'guest', visitId: request.guest.visitId };
  throw unauthorized();
}

/**
 * Who owns a recognition job: the same names the translator's job routes use
 * (`/api/translator/jobs/:id`), so the caller can follow or cancel their line's recognition there.
 */
export function ownerOf(asker: Asker): string {
  return asker.kind === 'staff' ? `staff:${asker.staffId}` : `visit:${asker.visitId}`;
}
