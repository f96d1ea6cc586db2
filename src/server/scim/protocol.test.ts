import { describe, expect, it } from 'vitest';
import { applyPatch, pageOf, parseFilter, parseFilters, projectAttributes, ScimError, SCHEMA, toBoolean, type JsonObject } from './protocol.js';

const m = {
  invalidPath: (p: string) => new ScimError(400, p, 'invalidPath'),
  invalidSyntax: (w: string) => new ScimError(400, w, 'invalidSyntax'),
  noTarget: (p: string) => new ScimError(400, p, 'noTarget'),
};
const patch = (resource: JsonObject, ...Operations: unknown[]) => applyPatch(resource, { schemas: [SCHEMA.patchOp], Operations }, m);
const user = (): JsonObject => ({
  userName: 'a@x.test',
  name: { familyName: 'A', givenName: 'B' },
  emails: [{ value: 'a@x.test', type: 'work', primary: true }],
  active: true,
  [SCHEMA.enterprise]: { employeeNumber: '1', manager: { value: 'm1' } },
});
const scimType = (f: () => unknown) => {
  try {
    f();
  } catch (e) {
    return (e as ScimError).scimType;
  }
  return 'no error';
};

describe('SCIM protocol helpers', () => {
  it('parses eq filters with any case of operator and attribute, and refuses the rest', () => {
    expect(parseFilter('userName eq "bjensen"', () => new ScimError(400, 'x'))).toEqual({ attribute: 'username', value: 'bjensen' });
    expect(parseFilter('externalId EQ "a \\"b\\""', () => new ScimError(400, 'x'))).toEqual({ attribute: 'externalid', value: 'a "b"' });
    expect(parseFilter(`${SCHEMA.user}:userName eq "x"`, () => new ScimError(400, 'x')).attribute).toBe('username');
    expect(parseFilter('active eq True', () => new ScimError(400, 'x')).value).toBe(true);
    for (const f of ['userName co "x"', 'userName eq', 'a eq "x" and b eq "y"', '']) {
      expect(scimType(() => parseFilter(f, () => new ScimError(400, f, 'invalidFilter')))).toBe('invalidFilter');
    }
  });

  it('joins eq clauses with and (Entra ID\'s membership check), and refuses or, not and dangling and', () => {
    const bad = (f: string) => new ScimError(400, f, 'invalidFilter');
    expect(parseFilters('id eq "g1" and members eq "u1"', bad)).toEqual([
      { attribute: 'id', value: 'g1' },
      { attribute: 'members', value: 'u1' },
    ]);
    expect(parseFilters('displayName eq "a and b"', bad)).toEqual([{ attribute: 'displayname', value: 'a and b' }]);
    for (const f of ['id eq "g1" or members eq "u1"', 'id eq "g1" and', 'not (id eq "g1")', 'id eq "g1" members eq "u1"', ' ']) {
      expect(scimType(() => parseFilters(f, bad)), f).toBe('invalidFilter');
    }
  });

  it('reads Entra ID\'s string booleans', () => {
    expect([toBoolean('False'), toBoolean('TRUE'), toBoolean(false), toBoolean('no'), toBoolean(0)]).toEqual([false, true, false, undefined, undefined]);
  });

  it('applies path-less values whose keys are paths (dotted and URN-qualified), ignoring the case of op and names', () => {
    const out = patch(user(), {
      op: 'Replace',
      value: { 'name.givenName': 'C', [`${SCHEMA.enterprise}:employeeNumber`]: '2', ACTIVE: 'False' },
    });
    expect(out.name).toEqual({ familyName: 'A', givenName: 'C' });
    expect((out[SCHEMA.enterprise] as JsonObject).employeeNumber).toBe('2');
    expect(out.ACTIVE ?? out.active).toBe('False');
    expect(out).not.toHaveProperty('active');
  });

  it('replaces a sub-attribute of a filtered element, and refuses a filter that matches nothing', () => {
    const out = patch(user(), { op: 'replace', path: 'emails[type eq "work"].value', value: 'b@x.test' });
    expect(out.emails).toEqual([{ value: 'b@x.test', type: 'work', primary: true }]);
    expect(scimType(() => patch(user(), { op: 'replace', path: 'emails[type eq "home"].value', value: 'c' }))).toBe('noTarget');
  });

  it('adds to multi-valued attributes without duplicates and removes by value list or filter', () => {
    const group: JsonObject = { displayName: 'G', members: [{ value: 'u1' }] };
    const added = patch(group, { op: 'add', path: 'members', value: [{ value: 'U1' }, { value: 'u2' }] });
    expect((added.members as JsonObject[]).map((x) => x.value)).toEqual(['U1', 'u2']);
    const removed = patch(added, { op: 'Remove', path: 'members', value: [{ $ref: null, value: 'u2' }] });
    expect((removed.members as JsonObject[]).map((x) => x.value)).toEqual(['U1']);
    expect(patch(added, { op: 'remove', path: 'members[value eq "u2"]' }).members).toEqual([{ value: 'U1' }]);
    // The original is not touched.
    expect(group.members).toEqual([{ value: 'u1' }]);
  });

  it('sets and removes the manager by its URN path, bare or as an object', () => {
    expect((patch(user(), { op: 'Add', path: `${SCHEMA.enterprise}:manager`, value: 'm2' })[SCHEMA.enterprise] as JsonObject).manager).toBe('m2');
    expect(patch(user(), { op: 'remove', path: `${SCHEMA.enterprise}:manager` })[SCHEMA.enterprise]).toEqual({ employeeNumber: '1' });
  });

  it('refuses malformed messages with the right scimType', () => {
    expect(scimType(() => applyPatch(user(), { Operations: [{ op: 'add', path: 'title', value: 'x' }] }, m))).toBe('invalidSyntax');
    expect(scimType(() => patch(user()))).toBe('invalidSyntax');
    expect(scimType(() => patch(user(), { op: 'copy', path: 'title' }))).toBe('invalidSyntax');
    expect(scimType(() => patch(user(), { op: 'remove' }))).toBe('noTarget');
    expect(scimType(() => patch(user(), { op: 'add', path: 'a..b', value: 1 }))).toBe('invalidPath');
    expect(scimType(() => patch(user(), { op: 'add', value: 'not an object' }))).toBe('invalidSyntax');
  });

  it('pages 1-based with a capped count, and projects top-level attributes', () => {
    expect(pageOf({}, 200)).toEqual({ startIndex: 1, count: 200 });
    expect(pageOf({ startIndex: '0', count: '999' }, 200)).toEqual({ startIndex: 1, count: 200 });
    expect(pageOf({ startIndex: '5', count: '-1' }, 200)).toEqual({ startIndex: 5, count: 0 });
    const g: JsonObject = { id: '1', schemas: [], displayName: 'G', members: [], meta: {} };
    expect(Object.keys(projectAttributes(g, { excludedAttributes: 'members' }))).toEqual(['id', 'schemas', 'displayName', 'meta']);
    expect(Object.keys(projectAttributes(g, { attributes: 'displayName' }))).toEqual(['id', 'schemas', 'displayName', 'meta']);
  });
});
