/** What the routes and the guard of the researcher's side share. */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { FieldDatabase } from '../store/schema.js';
import type { Role } from './roles.js';

export interface AdminLimits {
  /** Failed or not, login attempts per client address within the window. */
  readonly loginPerIp: number;
  /** Login attempts per account name within the window (a password cannot be guessed slowly). */
  readonly loginPerUser: number;
  readonly windowSeconds: number;
}

export const defaultAdminLimits: AdminLimits = { loginPerIp: 30, loginPerUser: 5, windowSeconds: 900 };

export interface AdminContext {
  readonly db: Kysely<FieldDatabase>;
  /** Records one attempt under a key; the number within the window, this one included (the store's). */
  countLoginAttempt(key: string, windowSeconds: number): Promise<number>;
  readonly limits: AdminLimits;
  /** The clock (milliseconds), injected in tests for the time-outs. */
  readonly now: () => number;
}

/** The account of a logged-in request, put on `request.adminUser` by the guard. */
export interface AdminUser {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  /** The account logs in with a TOTP code as well. */
  readonly totp: boolean;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Set by adminRoutes when the store gives its database; absent: no researcher's side. */
    spiegelAdmin?: AdminContext;
  }
  interface FastifyRequest {
    /** The logged-in account, after `requireRole(...)` let the request through. */
    adminUser?: AdminUser;
  }
}

/** The admin context of a server, if it has a researcher's side. */
export function adminContextOf(app: FastifyInstance): AdminContext | undefined {
  return app.hasDecorator('spiegelAdmin') ? app.spiegelAdmin : undefined;
}
