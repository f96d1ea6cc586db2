import { scimPatch, type ScimPatchOperation, type ScimResource } from 'scim-patch';
import { describe, expect, it } from 'vitest';
import { applyPatch, ScimError, SCHEMA, type JsonObject } from './protocol.js';
import { entra, ENTRA_USER_ID_PLACEHOLDER, okta, OKTA_USER_ID_PLACEHOLDER, rfc, RFC_BABS_ID, RFC_JAMES_ID } from './scim.fixtures.js';

/**
 * Interoperability check: Taiwa's PATCH (protocol.ts) against `scim-patch`, an independent
 * implementation of RFC 7644 §3.5.2 published on npm, on the same resources and the same requests
 * (the RFC's examples and what Entra ID and Okta send). Both must arrive at the same resource.
 */
const m = {
  invalidPath: (p: string) => new ScimError(400, p, 'invalidPath'),
  invalidSyntax: (w: string) => new ScimError(400, w, 'invalidSyntax'),
  noTarget: (p: string) => new ScimError(400, p, 'noTarget'),
};
const meta = (resourceType: string) => ({ resourceType, created: '2026-12-01T00:00:00.000Z', lastModified: '2026-12-01T00:00:00.000Z', location: 'https://taiwa.example/scim/v2/x' });

const group = (): JsonObject => ({
  schemas: [SCHEMA.group],
  id: 'e9e30dba-f08f-4109-8486-d5c6a331660a',
  displayName: 'Tour Guides',
  members: [{ value: RFC_JAMES_ID, display: 'James Smith' }],
  meta: meta('Group'),
});
const user = (): JsonObject => ({
  schemas: [SCHEMA.user, SCHEMA.enterprise],
  id: RFC_BABS_ID,
  userName: 'bjensen@example.com',
  name: { familyName: 'Jensen', givenName: 'Barbara' },
  emails: [{ value: 'bjensen@example.com', type: 'work', primary: true }],
  active: true,
  [SCHEMA.enterprise]: { employeeNumber: '701984' },
  meta: meta('User'),
});

/**
 * An empty multi-valued attribute and an absent one are the same state (RFC 7643 §2.5): scim-patch
 * drops `members` when the last one goes, Taiwa keeps `[]`; both mean "no members".
 */
function normal(r: JsonObject): JsonObject {
  return Object.fromEntries(Object.entries(r).filter(([k, v]) => k !== 'meta' && !(Array.isArray(v) && v.length === 0)));
}

/** Both implementations on one request (`meta` is each server's own, so it is left out). */
function both(resource: JsonObject, body: { Operations: unknown[] }) {
  const ours = applyPatch(resource, { schemas: [SCHEMA.patchOp], Operations: body.Operations }, m);
  const theirs = scimPatch(structuredClone(resource) as unknown as ScimResource, body.Operations as ScimPatchOperation[]) as unknown as JsonObject;
  return { ours: normal(ours), theirs: normal(theirs) };
}

const swap = <T>(body: T, from: string, to: string): T => JSON.parse(JSON.stringify(body).split(from).join(to)) as T;

describe('PATCH agrees with scim-patch (an independent RFC 7644 implementation)', () => {
  const groupCases: [string, { Operations: unknown[] }][] = [
    ['RFC 7644 §3.5.2.1 add member', rfc.addMember],
    ['RFC 7644 §3.5.2.2 remove member by filter', swap(rfc.removeMember, RFC_BABS_ID, RFC_JAMES_ID)],
    ['RFC 7644 §3.5.2.2 remove all members', rfc.removeAllMembers],
    ['RFC 7644 §3.5.2.2 remove all, then add', rfc.removeThenAdd],
    ['RFC 7644 §3.5.2.3 replace members', rfc.replaceMembers],
    ['Entra ID add members', swap(entra.addMembers, ENTRA_USER_ID_PLACEHOLDER, RFC_BABS_ID)],
    ['Entra ID rename', entra.renameGroup],
    ['Okta add member', swap(okta.addMember, OKTA_USER_ID_PLACEHOLDER, RFC_BABS_ID)],
    ['Okta remove member', swap(okta.removeMember, OKTA_USER_ID_PLACEHOLDER, RFC_JAMES_ID)],
  ];
  for (const [name, body] of groupCases) {
    it(`group: ${name}`, () => {
      const { ours, theirs } = both(group(), body);
      expect(ours).toEqual(theirs);
    });
  }

  const userCases: [string, { Operations: unknown[] }][] = [
    ['RFC 7644 §3.5.2.3 replace without path', rfc.replaceWithoutPath],
    ['Entra ID multi-valued and name', entra.updateMultiValued],
    ['Entra ID userName', entra.updateSingleValued],
    ['Entra ID disable', entra.disableUser],
    ['Okta deactivate (path-less replace)', okta.deactivateUser],
  ];
  for (const [name, body] of userCases) {
    it(`user: ${name}`, () => {
      const { ours, theirs } = both(user(), body);
      expect(ours).toEqual(theirs);
    });
  }
});
