import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateStaffBodySchema,
  LoginBodySchema,
  LoginResponseSchema,
  MeResponseSchema,
  StaffIdParamsSchema,
  StaffListSchema,
  StaffMemberSchema,
  UpdateStaffBodySchema,
} from '@onemoment/shared/schemas/auth';
import { ErrorSchema, errorResponses } from '@onemoment/shared/schemas/common';
import type { HubContext } from '../context.ts';
import { HubError } from '../errors.ts';
import { requireStaff, staffOf } from '../http/guards.ts';
import { StaffService } from './staff-service.ts';

const tags = ['staff'];

/** PIN login, logout, who-am-I, and the manager's team list. */
export function authRoutes(context: HubContext): FastifyPluginAsyncTypebox {
  const staff = new StaffService(context);
  const anyStaff = requireStaff(context.sessions);
  const manager = requireStaff(context.sessions, 'manager');

  return async (app) => {
    app.post(
      '/api/staff/login',
      {
        schema: {
          tags,
          summary: 'Log in with a PIN; wrong PINs from one client lock it out for a while',
          security: [],
          body: LoginBodySchema,
          response: { 200: LoginResponseSchema, ...errorResponses, 429: ErrorSchema },
        },
      },
      async (request, reply) => {
        try {
          return await staff.login(request.body.pin, request.ip);
        } catch (error) {
          if (error instanceof HubError && typeof error.details?.retryAfterSeconds === 'number') {
            reply.header('retry-after', String(error.details.retryAfterSeconds));
          }
          throw error;
        }
      },
    );

    app.post(
      '/api/staff/logout',
      { preHandler: anyStaff, schema: { tags, summary: 'End this login (the token stops working)', response: { 204: Type.Null(), ...errorResponses } } },
      async (request, reply) => {
        await staff.logout(staffOf(request));
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/staff/me',
      { preHandler: anyStaff, schema: { tags, summary: 'Who this token belongs to', response: { 200: MeResponseSchema, ...errorResponses } } },
      async (request) => {
        const me = staffOf(request);
        return { staffId: me.staffId, name: me.name, role: me.role };
      },
    );

    app.get(
      '/api/staff',
      { preHandler: manager, schema: { tags, summary: 'The team, active people first', response: { 200: StaffListSchema, ...errorResponses } } },
      async () => ({ staff: staff.list() }),
    );

    app.post(
      '/api/staff',
      {
        preHandler: manager,
        schema: { tags, summary: 'Add a person with a role and a PIN of their own', body: CreateStaffBodySchema, response: { 201: StaffMemberSchema, ...errorResponses } },
      },
      async (request, reply) => reply.status(201).send(await staff.create(request.body)),
    );

    app.patch(
      '/api/staff/:id',
      {
        preHandler: manager,
        schema: {
          tags,
          summary: 'Rename, change role or PIN, switch off or on (switching off ends their logins)',
          params: StaffIdParamsSchema,
          body: UpdateStaffBodySchema,
          response: { 200: StaffMemberSchema, ...errorResponses },
        },
      },
      async (request) => staff.update(request.params.id, request.body, staffOf(request)),
    );
  };
}
