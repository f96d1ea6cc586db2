import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('audit retention setting (ADR 0210)', () => {
  const saved = process.env.TAIWA_AUDIT_RETENTION_DAYS;
  afterEach(() => {
    if (saved === undefined) delete process.env.TAIWA_AUDIT_RETENTION_DAYS;
    else process.env.TAIWA_AUDIT_RETENTION_DAYS = saved;
  });

  it('keeps two years unless told otherwise', () => {
    delete process.env.TAIWA_AUDIT_RETENTION_DAYS;
    expect(loadConfig().auditRetentionDays).toBe(730);
    process.env.TAIWA_AUDIT_RETENTION_DAYS = '400';
    expect(loadConfig().auditRetentionDays).toBe(400);
  });

  it('refuses a period shorter than 30 days, or not a number, at start-up', () => {
    process.env.TAIWA_AUDIT_RETENTION_DAYS = '7';
    expect(() => loadConfig()).toThrow(/at least 30/);
    process.env.TAIWA_AUDIT_RETENTION_DAYS = 'two years';
    expect(() => loadConfig()).toThrow(/non-negative integer/);
  });
});
