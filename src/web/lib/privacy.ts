import { queryOptions } from '@tanstack/react-query';
import type { CheckInConsent } from '../../domain/privacy.js';
import { api, apiAnswer, client } from './api.js';
import { saveAsFile } from './download.js';

/** My consent to condition check-ins (APPI, ADR 0213). */
export const checkInConsentQuery = queryOptions({
  queryKey: ['me', 'check-in-consent'],
  queryFn: () => api<CheckInConsent>(client.GET('/api/me/check-in-consent')),
});

/** Consents to the statement of this version (the one the dialog showed). */
export function giveCheckInConsent(statementVersion: number) {
  return api<CheckInConsent>(client.PUT('/api/me/check-in-consent', { body: { statementVersion } }));
}

/** Withdraws my consent; with `deletePastCheckIns` my past check-ins are deleted too. */
export function withdrawCheckInConsent(deletePastCheckIns: boolean) {
  return api<CheckInConsent & { deletedCheckIns: number }>(client.POST('/api/me/check-in-consent/withdraw', { body: { deletePastCheckIns } }));
}

/** Downloads everything Taiwa holds about me: JSON, or the readable HTML document in the UI's language. */
export async function downloadMyData(format: 'json' | 'html'): Promise<void> {
  if (format === 'json') {
    const { data, response } = await apiAnswer(client.GET('/api/me/export', { parseAs: 'blob' }));
    saveAsFile(data as unknown as Blob, response, 'taiwa-personal-data.json');
    return;
  }
  const { data, response } = await apiAnswer(client.GET('/api/me/export.html', { parseAs: 'blob', headers: { Accept: 'text/html' } }));
  saveAsFile(data, response, 'taiwa-personal-data.html');
}

/** Anonymises an employee on request (admins; cannot be undone). */
export function anonymiseEmployee(id: string, confirmName: string) {
  return api<{ id: string; anonymisedAt: string }>(client.POST('/api/employees/{id}/anonymise', { params: { path: { id } }, body: { confirmName } }));
}
