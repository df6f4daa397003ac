import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import {
  CreateStaffBodySchema,
  LoginBodySchema,
  LoginBrakeSchema,
  LoginResponseSchema,
  MeResponseSchema,
  StaffIdParamsSchema,
  StaffListSchema,
  StaffMemberSchema,
  UpdateStaffBodySchema,
} from '@onemoment/shared/schemas/auth';
import { ErrorSchema, errorResponses } from '@onemoment/shared/schemas/common';
import type { HubContext } from '../context.ts';
import { requireStaff, staffOf } from '../http/guards.ts';
import type { StaffService } from './staff-service.ts';

const tags = ['staff'];

/** PIN login, logout, who-am-I, and the manager's team list. */
export function authRoutes(context: HubContext, staff: StaffService): FastifyPluginAsyncTypebox {
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
      async (request) => staff.login(request.body.pin, request.ip),
    );

    app.get(
      '/api/staff/login-brake',
      {
        preHandler: manager,
        schema: { tags, summary: 'Whether many wrong PINs have made the hub slow down every PIN login', response: { 200: LoginBrakeSchema, ...errorResponses } },
      },
      async () => staff.loginBrake(),
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
        schema: { tags, summary: 'Add a person with a role and a PIN of their own', body: CreateStaffBodySchema, response: { 201: StaffMemberSchema, ...errorResponses, 429: ErrorSchema } },
      },
      async (request, reply) => reply.status(201).send(await staff.create(request.body, staffOf(request))),
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
          response: { 200: StaffMemberSchema, ...errorResponses, 429: ErrorSchema },
        },
      },
      async (request) => staff.update(request.params.id, request.body, staffOf(request)),
    );
  };
}
