import type { FastifyReply, FastifyRequest } from 'fastify';
import type { StaffRole } from '@onemoment/shared/restaurant/order-lifecycle';
import type { GuestPrincipal, SessionLookup, StaffPrincipal } from '../sessions/session-lookup.ts';
import { bearerToken } from '../sessions/tokens.ts';
import { forbidden, HubError, unauthorized } from '../errors.ts';

declare module 'fastify' {
  interface FastifyRequest {
    staff?: StaffPrincipal;
    guest?: GuestPrincipal;
  }
}

export type Guard = (request: FastifyRequest, reply: FastifyReply) => Promise<void>;

/** preHandler that admits staff with one of `roles` (any role when none is given). */
export function requireStaff(sessions: SessionLookup, ...roles: StaffRole[]): Guard {
  return async (request) => {
    const token = bearerToken(request.headers.authorization);
    const principal = token ? sessions.staff(token) : null;
    if (!principal) throw unauthorized();
    if (roles.length > 0 && !roles.includes(principal.role)) {
      throw forbidden(`This needs a ${roles.join(' or ')} login; you are logged in as ${principal.role}.`);
    }
    request.staff = principal;
  };
}

/** A guest token of a visit staff have closed: not an error of the guest's, the meal is over. */
const visitClosed = () =>
  new HubError(401, 'visit_closed', 'Staff have closed this table visit. Thank you! To order again, scan the table QR code and start a new visit.');

/** preHandler that admits a guest token of an open visit. */
export function requireGuest(sessions: SessionLookup): Guard {
  return async (request) => {
    const token = bearerToken(request.headers.authorization);
    const principal = token ? sessions.guest(token) : null;
    if (!principal) {
      if (token && sessions.guestVisitClosed(token)) throw visitClosed();
      throw unauthorized('Your table session has ended or expired: scan the table QR code again.');
    }
    request.guest = principal;
  };
}

export function staffOf(request: FastifyRequest): StaffPrincipal {
  if (!request.staff) throw unauthorized();
  return request.staff;
}

export function guestOf(request: FastifyRequest): GuestPrincipal {
  if (!request.guest) throw unauthorized();
  return request.guest;
}

/** preHandler that admits any staff login or a guest token of an open visit (the translator serves both). */
export function requireStaffOrGuest(sessions: SessionLookup): Guard {
  return async (request) => {
    const token = bearerToken(request.headers.authorization);
    const staff = token ? sessions.staff(token) : null;
    if (staff) {
      request.staff = staff;
      return;
    }
    const guest = token ? sessions.guest(token) : null;
    if (!guest) throw unauthorized('Log in, or scan the table QR code again.');
    request.guest = guest;
  };
}
