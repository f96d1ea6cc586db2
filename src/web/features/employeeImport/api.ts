import type { ImportAnalysis, ImportMapping, ImportProgressEvent, ImportReport } from '../../../domain/employeeImport.js';
import { importFileMaxBytes } from '../../../domain/employeeImport.js';
import i18n from '../../i18n/index.js';
import { api, ApiError } from '../../lib/api.js';

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
  return api<ImportAnalysis>('/api/admin/employee-import/analyse', { method: 'POST', body: { file } });
}

/** The per-row report of a file; nothing is written. */
export function dryRunImport(file: string, mapping: ImportMapping) {
  return api<ImportReport>('/api/admin/employee-import/dry-run', { method: 'POST', body: { file, mapping } });
}

export type ImportDone = Extract<ImportProgressEvent, { type: 'done' }>;

/**
 * Applies the file; the server answers with one JSON line per batch written, which `onProgress`
 * receives, then the result. A refusal (409 naming the rows) or a failure mid-way throws ApiError.
 */
export async function applyImport(file: string, mapping: ImportMapping, onProgress: (done: number, total: number) => void): Promise<ImportDone> {
  let response: Response;
  try {
    response = await fetch('/api/admin/employee-import/apply', {
      method: 'POST',
      headers: { Accept: 'application/x-ndjson, application/json', 'Accept-Language': i18n.language || 'ja', 'Content-Type': 'application/json' },
      credentials: 'same-origin',
      body: JSON.stringify({ file, mapping }),
    });
  } catch {
    throw new ApiError(0, 'network', i18n.t('errors.network'));
  }
  if (!response.ok || !response.body) {
    // The error shape, through the one reader of API errors.
    const text = await response.text();
    const body = (() => {
      try {
        return JSON.parse(text) as { error?: { code: string; message: string; fields?: Record<string, string>; reason?: string } };
      } catch {
        return null;
      }
    })();
    if (body?.error) throw new ApiError(response.status, body.error.code, body.error.message, body.error.fields ?? {}, body.error.reason);
    throw new ApiError(response.status, 'internal', i18n.t('errors.unexpected', { status: response.status }));
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
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
