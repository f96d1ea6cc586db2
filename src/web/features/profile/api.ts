import type { z } from 'zod';
import type { Me, passwordChangeSchema } from '../../../domain/me.js';
import { api, client } from '../../lib/api.js';

/** Saves the time zone dates and times are shown in. */
export function saveTimeZone(timeZone: string) {
  return api<Me>(client.PATCH('/api/me', { body: { timeZone } }));
}

/** Changes the password and signs out every other session. */
export function changePassword(body: z.input<typeof passwordChangeSchema>) {
  return api<unknown>(client.POST('/api/auth/change-password', { body: { ...body, revokeOtherSessions: true } }));
}

export { timeZones } from '../../lib/timeZones.js';
