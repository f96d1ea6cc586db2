import { expect } from 'vitest';
import { z } from 'zod';
import type { ErrorCode } from '../../domain/errors.js';
import type { CallResult } from './app.js';

/** The one error shape, strictly: no other keys may travel with it. */
const errorShape = z.strictObject({
  error: z.strictObject({
    code: z.string(),
    reason: z.string().optional(),
    message: z.string().min(1),
    fields: z.record(z.string(), z.string().min(1)).optional(),
  }),
});

/** Asserts an error answer: its status, its code, and the one error shape `{error:{code,message,fields?}}`. */
export function expectError(res: CallResult<unknown>, status: number, code: ErrorCode): z.infer<typeof errorShape>['error'] {
  expect({ status: res.status, body: res.body }).toMatchObject({ status, body: { error: { code } } });
  const parsed = errorShape.safeParse(res.body);
  expect(parsed.success, `not the error shape: ${res.text}`).toBe(true);
  expect(res.headers.get('content-type')).toMatch(/^application\/json/);
  return parsed.data!.error;
}

/** Asserts a 400 with exactly these field messages. */
export function expectFields(res: CallResult<unknown>, fields: Record<string, string>): void {
  const error = expectError(res, 400, 'validation');
  expect(error.fields).toEqual(fields);
}

/** Japanese text: has kana or kanji and no ASCII sentence. */
export const japanese = /[\u3040-\u30ff\u4e00-\u9fff]/;
