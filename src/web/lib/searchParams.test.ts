import { describe, expect, it } from 'vitest';
import { optionalEnum, optionalLocalPath, optionalPositiveInt, optionalString } from './searchParams.js';

describe('address readers', () => {
  it.each([
    [2, 2],
    ['3', 3],
    ['0', undefined],
    [-1, undefined],
    [1.5, undefined],
    ['abc', undefined],
    ['', undefined],
    [undefined, undefined],
  ])('optionalPositiveInt(%j) → %j', (value, expected) => {
    expect(optionalPositiveInt(value)).toBe(expected);
  });

  it('optionalString keeps strings within the limit only', () => {
    expect(optionalString('キャリア')).toBe('キャリア');
    expect(optionalString('x'.repeat(65), 64)).toBeUndefined();
    expect(optionalString(42)).toBeUndefined();
  });

  it('optionalEnum keeps listed values only', () => {
    expect(optionalEnum('team', ['mine', 'team'])).toBe('team');
    expect(optionalEnum('others', ['mine', 'team'])).toBeUndefined();
    expect(optionalEnum(1, ['mine', 'team'])).toBeUndefined();
  });

  it('optionalLocalPath refuses other sites', () => {
    expect(optionalLocalPath('/meetings/1')).toBe('/meetings/1');
    expect(optionalLocalPath('//evil.example/')).toBeUndefined();
    expect(optionalLocalPath('https://evil.example/')).toBeUndefined();
  });
});
