import { SCHEMA, type JsonObject } from './protocol.js';

/** The most resources one list answer holds (`count` is capped to it). */
export const SCIM_MAX_RESULTS = 200;

const meta = (base: string, resourceType: string, id: string) => ({ resourceType, location: `${base}/${resourceType === 'Schema' ? 'Schemas' : 'ResourceTypes'}/${id}` });

/** What this service provider supports (RFC 7643 §5). */
export function serviceProviderConfig(base: string): JsonObject {
  return {
    schemas: [SCHEMA.serviceProviderConfig],
    documentationUri: `${base.replace(/\/scim\/v2$/, '')}/api/docs`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_MAX_RESULTS },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: 'oauthbearertoken',
        name: 'SCIM token',
        description: 'A bearer token an administrator creates on the SCIM settings page (Authorization: Bearer taiwa_scim_…).',
        primary: true,
      },
    ],
    meta: { resourceType: 'ServiceProviderConfig', location: `${base}/ServiceProviderConfig` },
  };
}

export function resourceTypes(base: string): JsonObject[] {
  return [
    {
      schemas: [SCHEMA.resourceType],
      id: 'User',
      name: 'User',
      endpoint: '/Users',
      description: 'An employee',
      schema: SCHEMA.user,
      schemaExtensions: [
        { schema: SCHEMA.enterprise, required: false },
        { schema: SCHEMA.taiwa, required: false },
      ],
      meta: meta(base, 'ResourceType', 'User'),
    },
    {
      schemas: [SCHEMA.resourceType],
      id: 'Group',
      name: 'Group',
      endpoint: '/Groups',
      description: 'A department; its members are the employees in it',
      schema: SCHEMA.group,
      meta: meta(base, 'ResourceType', 'Group'),
    },
  ];
}

type Attr = JsonObject;
const attr = (name: string, extra: Partial<Record<string, unknown>> = {}): Attr =>
  ({
    name,
    type: 'string',
    multiValued: false,
    required: false,
    caseExact: false,
    mutability: 'readWrite',
    returned: 'default',
    uniqueness: 'none',
    ...extra,
  }) as Attr;

/** The attributes Taiwa reads and answers (RFC 7643 §7), not the whole of the standard schemas. */
export function schemaDefinitions(base: string): JsonObject[] {
  return [
    {
      schemas: [SCHEMA.schema],
      id: SCHEMA.user,
      name: 'User',
      description: 'An employee. userName is the e-mail address.',
      attributes: [
        attr('userName', { required: true, uniqueness: 'server' }),
        attr('name', {
          type: 'complex',
          required: true,
          subAttributes: [attr('familyName', { required: true }), attr('givenName', { required: true }), attr('formatted', { mutability: 'readOnly' })],
        }),
        attr('displayName', { mutability: 'readOnly' }),
        attr('title'),
        attr('active', { type: 'boolean' }),
        attr('emails', {
          type: 'complex',
          multiValued: true,
          subAttributes: [attr('value'), attr('type'), attr('primary', { type: 'boolean' })],
        }),
        attr('groups', {
          type: 'complex',
          multiValued: true,
          mutability: 'readOnly',
          subAttributes: [attr('value', { mutability: 'readOnly' }), attr('display', { mutability: 'readOnly' })],
        }),
      ],
      meta: meta(base, 'Schema', SCHEMA.user),
    },
    {
      schemas: [SCHEMA.schema],
      id: SCHEMA.enterprise,
      name: 'EnterpriseUser',
      description: 'Employee number, department (read only: set through Groups) and manager',
      attributes: [
        attr('employeeNumber', { uniqueness: 'server' }),
        attr('department', { mutability: 'readOnly' }),
        attr('manager', { type: 'complex', subAttributes: [attr('value'), attr('displayName', { mutability: 'readOnly' })] }),
      ],
      meta: meta(base, 'Schema', SCHEMA.enterprise),
    },
    {
      schemas: [SCHEMA.schema],
      id: SCHEMA.taiwa,
      name: 'TaiwaUser',
      description: 'How the name is read, in katakana or hiragana (フリガナ)',
      attributes: [attr('familyNameKana'), attr('givenNameKana')],
      meta: meta(base, 'Schema', SCHEMA.taiwa),
    },
    {
      schemas: [SCHEMA.schema],
      id: SCHEMA.group,
      name: 'Group',
      description: 'A department',
      attributes: [
        attr('displayName', { required: true, uniqueness: 'server' }),
        attr('members', { type: 'complex', multiValued: true, subAttributes: [attr('value', { mutability: 'immutable' }), attr('display', { mutability: 'readOnly' })] }),
      ],
      meta: meta(base, 'Schema', SCHEMA.group),
    },
  ];
}
