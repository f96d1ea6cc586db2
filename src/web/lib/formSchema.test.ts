import { describe, expect, it } from 'vitest';
import { topicCreateSchema } from '../../domain/agenda.js';
import { fieldMessages } from '../../domain/fieldErrors.js';
import { passwordChangeFormSchema, setupSchema, signInSchema } from '../../domain/me.js';
import { webhookInputSchema } from '../../domain/notifications.js';
import { seriesCreateSchema } from '../../domain/series.js';
import { schemaErrors, schemaValidate } from './formSchema.js';

const reportId = '0190c6c8-8a1e-7b3c-9d4e-5f6a7b8c9d0e';
const schedule = { cadence: 'weekly', weekday: 1, startDate: '2027-04-05', startTime: '10:00', durationMinutes: 30, timeZone: 'Asia/Tokyo' };

describe('schemaErrors', () => {
  it('passes a valid body with no messages', () => {
    expect(schemaErrors(seriesCreateSchema, { reportId, schedule }, { locale: 'ja' })).toEqual({});
  });

  it('names nested fields by their dotted path, in Japanese', () => {
    const errors = schemaErrors(seriesCreateSchema, { reportId, schedule: { ...schedule, startDate: undefined, startTime: '25:00' } }, { locale: 'ja' });
    expect(errors).toEqual({
      'schedule.startDate': '入力してください。',
      'schedule.startTime': '時刻は HH:MM の形式で入力してください(例: 10:30)。',
    });
  });

  it('says the same in English', () => {
    const errors = schemaErrors(seriesCreateSchema, { schedule: { ...schedule, startDate: undefined } }, { locale: 'en' });
    expect(errors).toEqual({ reportId: 'Required.', 'schedule.startDate': 'Required.' });
  });

  it('reports a cadence field the schedule needs (a refinement) under its nested path', () => {
    const errors = schemaErrors(seriesCreateSchema, { reportId, schedule: { ...schedule, cadence: 'monthlyDay', weekday: null, dayOfMonth: null } }, { locale: 'en' });
    expect(errors).toEqual({ 'schedule.dayOfMonth': 'Required.' });
  });

  it('uses messages a schema names itself, with their parameters filled', () => {
    expect(schemaErrors(webhookInputSchema, { name: 'x', url: 'ftp://example.com', format: 'json', events: [] }, { locale: 'ja' })).toEqual({
      url: fieldMessages.ja['validation.url'],
      events: '送るイベントを1つ以上選んでください。',
    });
    const long = { organisationName: 'A', familyName: '山田', givenName: '花子', familyNameKana: 'Yamada', givenNameKana: 'ハナコ', email: 'x@example.com', password: 'short' };
    expect(schemaErrors(setupSchema, long, { locale: 'en' })).toEqual({ familyNameKana: 'Use katakana or hiragana.', password: 'Enter at least 8 characters.' });
  });

  it('gives the form its own names for renamed request fields', () => {
    const errors = schemaErrors(topicCreateSchema, { title: ' ', category: 'career', wantedResponse: 'listen', visibility: 'secret' }, { locale: 'en', fields: { visibility: 'draft' } });
    expect(Object.keys(errors).sort()).toEqual(['draft', 'title']);
    expect(schemaErrors(seriesCreateSchema, { reportId, schedule: { ...schedule, startDate: '' } }, { locale: 'en', fields: { schedule: 'plan' } })).toEqual({
      'plan.startDate': 'Not a valid date.',
    });
  });
});

describe('schemaErrors on the sign-in and password forms', () => {
  it('an empty e-mail is missing, a malformed one is malformed', () => {
    expect(schemaErrors(signInSchema, { email: '  ', password: '' }, { locale: 'ja' })).toEqual({ email: '入力してください。', password: '入力してください。' });
    expect(schemaErrors(signInSchema, { email: 'nobody', password: 'x' }, { locale: 'en' })).toEqual({ email: 'Not a valid email address.' });
  });

  it('the second copy of the new password must match, checked in the browser only', () => {
    expect(schemaErrors(passwordChangeFormSchema, { currentPassword: '', newPassword: 'long-enough-1', confirmPassword: 'other' }, { locale: 'en' })).toEqual({
      currentPassword: 'Required.',
      confirmPassword: 'Does not match the new password.',
    });
  });
});

describe('schemaValidate', () => {
  it('checks the request the form would send, not the raw values', () => {
    const validate = schemaValidate(topicCreateSchema, (v: { title: string; draft: boolean }) => ({
      title: v.title.trim(),
      category: 'career',
      wantedResponse: 'listen',
      visibility: v.draft ? 'private' : 'pair',
    }), { locale: 'ja' });
    expect(validate({ title: '   ', draft: true })).toEqual({ title: '入力してください。' });
    expect(validate({ title: '評価面談の準備', draft: false })).toEqual({});
  });
});
