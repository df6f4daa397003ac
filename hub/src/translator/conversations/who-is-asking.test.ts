import type { FastifyRequest } from 'fastify';
import { describe, expect, it } from 'vitest';
import { HubError } from '../../errors.ts';
import { jobOwnerOf as jobRouteOwnerOf } from '../routes.ts';
import { askerOf, ownerOf } from './who-is-asking.ts';

const staffRequest = { staff: { kind: 'staff', staffId: 'staff-waiter', name: 'Waiter', role: 'waiter', tokenHash: 'h' } } as unknown as FastifyRequest;
const guestRequest = { guest: { kind: 'guest', visitId: 'visit-1', tableId: 'table-1', tokenHash: 'h' } } as unknown as FastifyRequest;

describe('who is asking', () => {
  it('tells a staff login from a guest’s phone', () => {
    expect(askerOf(staffRequest)).toEqual({ kind: 'staff', staffId: 'staff-waiter' });
    expect(askerOf(guestRequest)).toEqual({ kind: 'guest', visitId: 'visit-1' });
  });

  it('refuses a request no guard admitted', () => {
    expect(() => askerOf({} as FastifyRequest)).toThrow(HubError);
  });

  it('names a line’s recognition job the way the job routes look it up, so its caller can follow and cancel it', () => {
    expect(ownerOf(askerOf(staffRequest))).toBe(jobRouteOwnerOf(staffRequest));
    expect(ownerOf(askerOf(guestRequest))).toBe(jobRouteOwnerOf(guestRequest));
  });
});
