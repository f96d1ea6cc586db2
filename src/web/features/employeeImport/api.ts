import type { ImportAnalysis, ImportMapping, ImportProgressEvent, ImportReport } from '../../../domain/employeeImport.js';
import { importFileMaxBytes } from '../../../domain/employeeImport.js';
import i18n from '../../i18n/index.js';
import { api, apiAnswer, ApiError, client } from '../../lib/api.js';

/** The file's bytes as base64 (request bodies are JSON only); refused here already when too large. */
export async function fileToBase64(file: File): Promise<string> {
  if (file.size > importFileMaxBytes) {
    throw new ApiError(413, 'payload_too_large', i18n.t('employeeImport.tooLarge', { limit: Math.round(importFileMaxBytes / 1024 / 1024) }));
  }
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Encoding, headers and a proposed column mapping of an uploaded file. */
export function analyseImport(file: string) {
  return api<ImportAnalysis>(client.POST('/api/admin/employee-import/analyse', { body: { file } }));
}

/** The per-row report of a file; nothing is written. */
export function dryRunImport(file: string, mapping: ImportMapping) {
  return api<ImportReport>(client.POST('/api/admin/employee-import/dry-run', { body: { file, mapping } }));
}

export type ImportDone = Extract<ImportProgressEvent, { type: 'done' }>;

/**
 * Applies the file; the server answers with one JSON line per batch written, which `onProgress`
 * receives, then the result. A refusal (409 naming the rows) or a failure mid-way throws ApiError.
 */
export async function applyImport(file: string, mapping: ImportMapping, onProgress: (done: number, total: number) => void): Promise<ImportDone> {
  const { data: stream } = await apiAnswer(
    client.POST('/api/admin/employee-import/apply', {
      body: { file, mapping },
      parseAs: 'stream',
      headers: { Accept: 'application/x-ndjson, application/json' },
    }),
  );
  if (!stream) throw new ApiError(0, 'network', i18n.t('errors.network'));
  const reader = stream.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (value) buffered += value;
    const lines = buffered.split('\n');
    buffered = lines.pop() ?? '';
    for (const line of lines.filter(Boolean)) {
      const event = JSON.parse(line) as ImportProgressEvent;
      if (event.type === 'progress') onProgress(event.done, event.total);
      else if (event.type === 'done') return event;
      else throw new ApiError(409, 'conflict', event.message);
    }
    if (done) break;
  }
  throw new ApiError(0, 'network', i18n.t('errors.network'));
}

/** Where the export is downloaded (a plain link: the browser saves the file). */
export const exportUrl = (encoding: 'utf-8' | 'shift_jis') => `/api/admin/employee-export?encoding=${encoding}`;
