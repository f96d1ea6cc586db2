import { OpenAPIHono } from '@hono/zod-openapi';
import type { z } from 'zod';
import { errorBodySchema } from '../../domain/common.js';
import type { Actor } from '../../domain/roles.js';
import type { AppContext, AppEnv } from '../context.js';
import { ForbiddenError, fromZodIssues, UnauthenticatedError } from '../errors.js';

/** A router whose validation failures become the one error shape with field messages. */
export function router(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      // The validator also hands the raw input over (not in the hook's type): it tells a missing
      // field from a wrongly typed one.
      if (!result.success) throw fromZodIssues(result.error.issues, 'data' in result ? result.data : undefined);
    },
  });
}

/** A required JSON request body for a route definition. */
export function jsonBody<T extends z.ZodType>(schema: T) {
  return { content: { 'application/json': { schema } }, required: true } as const;
}

/** A JSON response for a route definition. */
export function json<T extends z.ZodType>(schema: T, description: string) {
  return { content: { 'application/json': { schema } }, description } as const;
}

const errorJson = (description: string) => ({ content: { 'application/json': { schema: errorBodySchema } }, description });

/** The error responses every authenticated endpoint may give. */
export const errorResponses = {
  400: errorJson('Invalid input; `fields` says which and why'),
  401: errorJson('Not signed in'),
  403: errorJson('Not allowed for the caller'),
  404: errorJson('Not found'),
  409: errorJson('Conflicts with existing data'),
} as const;

/** The signed-in actor, or a 401. */
export function requireActor(c: AppContext): Actor {
  const actor = c.get('actor');
  if (!actor) throw new UnauthenticatedError();
  return actor;
}

/** Throws 403 unless `allowed`. */
export function authorize(allowed: boolean): asserts allowed {
  if (!allowed) throw new ForbiddenError();
}
