import { describe, expect, it } from 'vitest';
import { deliveryState, shortenUrl } from './display.js';

describe('webhook display', () => {
  it('shortens a URL to its host and the start of its path, never the whole token', () => {
    const slack = shortenUrl('https://hooks.slack.com/services/T000/B000/XXXXXXXXXXXXXXXXXXXXXXXX');
    expect(slack).toBe('hooks.slack.com/services/T000/B000/XXXX…');
    expect(slack).toHaveLength(40);
    expect(shortenUrl('http://127.0.0.1:4000/hook')).toBe('127.0.0.1:4000/hook');
    expect(shortenUrl('https://example.test/')).toBe('example.test');
    expect(shortenUrl('not a url at all')).toBe('not a url at all');
  });

  it('tells a delivery waiting for its first try from one being retried', () => {
    const attempt = { attempt: 1, statusCode: 500, error: null, at: '2026-12-02T01:00:00.000Z' };
    expect(deliveryState({ status: 'pending', attempts: [] })).toBe('waiting');
    expect(deliveryState({ status: 'pending', attempts: [attempt] })).toBe('retrying');
    expect(deliveryState({ status: 'delivered', attempts: [attempt] })).toBe('delivered');
    expect(deliveryState({ status: 'failed', attempts: [attempt] })).toBe('failed');
  });
});
