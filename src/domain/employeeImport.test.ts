import Encoding from 'encoding-japanese';
import { describe, expect, it } from 'vitest';
import { decodeCsvBytes, findReportingCycles, guessMapping, normaliseKana } from './employeeImport.js';

const cp932 = (text: string) => Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));

describe('decodeCsvBytes', () => {
  // Kanji (with the IBM extension 髙 and NEC's ①, which only CP932 has), half-width kana, a quoted line break.
  const text = '社員番号,姓,名,セイ,メイ\r\nE-1,髙橋,一郎①,ﾀｶﾊｼ,ｲﾁﾛｳ\r\nE-2,渡邊,"花\n子",ﾜﾀﾅﾍﾞ,ﾊﾅｺ\r\n';

  it('reads Shift_JIS (CP932) bytes back to the same text', () => {
    const bytes = cp932(text);
    expect(bytes.length).toBeLessThan(new TextEncoder().encode(text).length);
    expect(decodeCsvBytes(bytes)).toEqual({ encoding: 'shift_jis', text });
  });

  it('reads UTF-8 with and without a byte-order mark, dropping the mark', () => {
    const utf8 = new TextEncoder().encode(text);
    expect(decodeCsvBytes(utf8)).toEqual({ encoding: 'utf-8', text });
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8]))).toEqual({ encoding: 'utf-8-bom', text });
  });

  it('gives up on bytes that are neither UTF-8 nor Shift_JIS', () => {
    expect(decodeCsvBytes(Uint8Array.from([0x61, 0x81, 0x20, 0x62]))).toBeNull();
    expect(decodeCsvBytes(Uint8Array.from([0xef, 0xbb, 0xbf, 0xff, 0xfe]))).toBeNull();
  });
});

describe('normaliseKana', () => {
  it('makes half-width kana full-width, joining voiced marks, and says so', () => {
    expect(normaliseKana('ﾜﾀﾅﾍﾞ ﾊﾟﾝ')).toEqual({ value: 'ワタナベ パン', normalised: true });
    expect(normaliseKana('ワタナベ')).toEqual({ value: 'ワタナベ', normalised: false });
  });
});

describe('findReportingCycles', () => {
  it('finds each cycle once, in reporting order, and nothing in a tree', () => {
    const tree = new Map<string, string | null>([
      ['a', null],
      ['b', 'a'],
      ['c', 'b'],
    ]);
    expect(findReportingCycles(tree)).toEqual([]);
    const looped = new Map<string, string | null>([
      ['a', 'c'],
      ['b', 'a'],
      ['c', 'b'],
      ['d', 'c'],
      ['e', 'e'],
      ['f', 'missing'],
    ]);
    const cycles = findReportingCycles(looped);
    expect(cycles).toHaveLength(2);
    expect(cycles[0]).toEqual(['a', 'c', 'b']);
    expect(cycles[1]).toEqual(['e']);
  });
});

describe('guessMapping', () => {
  it('recognises the export’s Japanese headers and common English ones', () => {
    expect(guessMapping(['社員番号', '姓', '名', 'セイ', 'メイ', 'メールアドレス', '部署', '上司社員番号'])).toEqual({
      employeeNumber: '社員番号',
      familyName: '姓',
      givenName: '名',
      familyNameKana: 'セイ',
      givenNameKana: 'メイ',
      email: 'メールアドレス',
      department: '部署',
      managerEmployeeNumber: '上司社員番号',
    });
    expect(guessMapping(['Last Name', 'First Name', 'E-mail', 'Employee ID'])).toEqual({
      familyName: 'Last Name',
      givenName: 'First Name',
      email: 'E-mail',
      employeeNumber: 'Employee ID',
    });
  });
});
