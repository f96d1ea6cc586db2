/**
 * Request bodies transcribed from public sources, used as they are by `scim.test.ts`. Ids and
 * addresses are the sources' own; the test swaps them for the ids of the people it made.
 */

const PATCH_OP = 'urn:ietf:params:scim:api:messages:2.0:PatchOp';

/** The RFC's example ids: Babs Jensen (the user) and James Smith (a second group member), RFC 7644 §3.5.2. */
export const RFC_BABS_ID = '2819c223-7f76-453a-919d-413861904646';
export const RFC_JAMES_ID = '08e1d05d-121c-4561-8b96-473d93df9210';
/** The manager id of RFC 7643 §4.3's enterprise example. */
export const RFC_MANAGER_ID = '26118915-6090-4610-87e4-49d8ca9f808d';

export const rfc = {
  /** RFC 7644 §3.3 "Creating Resources": the create request. It has no e-mail address. */
  create: {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'bjensen',
    externalId: 'bjensen',
    name: { formatted: 'Ms. Barbara J Jensen III', familyName: 'Jensen', givenName: 'Barbara' },
  },
  /**
   * RFC 7643 §8.2 "Full User Representation" (the attributes a client sends; `id` and `meta` are the
   * server's), with the enterprise extension of RFC 7643 §8.3 / §4.3.
   */
  fullUser: {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    externalId: '701984',
    userName: 'bjensen@example.com',
    name: {
      formatted: 'Ms. Barbara J Jensen, III',
      familyName: 'Jensen',
      givenName: 'Barbara',
      middleName: 'Jane',
      honorificPrefix: 'Ms.',
      honorificSuffix: 'III',
    },
    displayName: 'Babs Jensen',
    nickName: 'Babs',
    profileUrl: 'https://login.example.com/bjensen',
    emails: [
      { value: 'bjensen@example.com', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ],
    addresses: [
      {
        type: 'work',
        streetAddress: '100 Universal City Plaza',
        locality: 'Hollywood',
        region: 'CA',
        postalCode: '91608',
        country: 'USA',
        formatted: '100 Universal City Plaza\nHollywood, CA 91608 USA',
        primary: true,
      },
    ],
    phoneNumbers: [{ value: '555-555-5555', type: 'work' }],
    userType: 'Employee',
    title: 'Tour Guide',
    preferredLanguage: 'en-US',
    locale: 'en-US',
    timezone: 'America/Los_Angeles',
    active: true,
    password: 't1meMa$heen',
    'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': {
      employeeNumber: '701984',
      costCenter: '4130',
      organization: 'Universal Studios',
      division: 'Theme Park',
      department: 'Tour Operations',
      manager: { value: RFC_MANAGER_ID, $ref: `../Users/${RFC_MANAGER_ID}`, displayName: 'John Smith' },
    },
  },
  /** RFC 7644 §3.4.2.2 filter examples: only `eq` is supported, the rest must be refused as invalidFilter. */
  filters: {
    supported: 'userName eq "bjensen"',
    unsupported: [
      'name.familyName co "O\'Malley"',
      'userName sw "J"',
      'title pr',
      'meta.lastModified gt "2011-05-13T04:42:34Z"',
      'title pr and userType eq "Employee"',
      'userType eq "Employee" and (emails co "example.com" or emails.value co "example.org")',
    ],
  },
  /** RFC 7644 §3.5.2.1 "Add Operation": a member to a group. */
  addMember: {
    schemas: [PATCH_OP],
    Operations: [{ op: 'add', path: 'members', value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${RFC_BABS_ID}`, value: RFC_BABS_ID }] }],
  },
  /** RFC 7644 §3.5.2.1: add without `path` (nickname is not kept by Taiwa and is ignored). */
  addWithoutPath: {
    schemas: [PATCH_OP],
    Operations: [{ op: 'add', value: { emails: [{ value: 'babs@jensen.org', type: 'home' }], nickname: 'Babs' } }],
  },
  /** RFC 7644 §3.5.2.2 "Remove Operation": one member by filter. */
  removeMember: {
    schemas: [PATCH_OP],
    Operations: [{ op: 'remove', path: `members[value eq "${RFC_BABS_ID}"]` }],
  },
  /** RFC 7644 §3.5.2.2: all members. */
  removeAllMembers: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: 'members' }] },
  /** RFC 7644 §3.5.2.2: remove all, then add one (replacing the members). */
  removeThenAdd: {
    schemas: [PATCH_OP],
    Operations: [
      { op: 'remove', path: 'members' },
      { op: 'add', path: 'members', value: [{ display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${RFC_BABS_ID}`, value: RFC_BABS_ID }] },
    ],
  },
  /** RFC 7644 §3.5.2.3 "Replace Operation": the members. */
  replaceMembers: {
    schemas: [PATCH_OP],
    Operations: [
      {
        op: 'replace',
        path: 'members',
        value: [
          { display: 'Babs Jensen', $ref: `https://example.com/v2/Users/${RFC_BABS_ID}`, value: RFC_BABS_ID },
          { display: 'James Smith', $ref: `https://example.com/v2/Users/${RFC_JAMES_ID}`, value: RFC_JAMES_ID },
        ],
      },
    ],
  },
  /** RFC 7644 §3.5.2.3: replace without `path`. */
  replaceWithoutPath: {
    schemas: [PATCH_OP],
    Operations: [
      {
        op: 'replace',
        value: {
          emails: [
            { value: 'bjensen@example.com', type: 'work', primary: true },
            { value: 'babs@jensen.org', type: 'home' },
          ],
          nickname: 'Babs',
        },
      },
    ],
  },
};

/**
 * Microsoft Entra ID's provisioning requests, from Microsoft Learn, "Tutorial: Develop and plan
 * provisioning for a SCIM endpoint in Microsoft Entra ID" (request/response examples), and the
 * string booleans Entra ID sends (`"False"`) before the `aadOptscim062020` fix.
 */
export const ENTRA_USER_ID_PLACEHOLDER = '6764549bef60420686bc';
export const entra = {
  createUser: {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User', 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User'],
    externalId: '0a21f0f2-8d2a-4f8e-bf98-7363c4aed4ef',
    userName: 'Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com',
    active: true,
    emails: [{ primary: true, type: 'work', value: 'Test_User_fd0ea19b-0777-472c-9f96-4f70d2226f2e@testuser.com' }],
    meta: { resourceType: 'User' },
    name: { formatted: 'givenName familyName', familyName: 'familyName', givenName: 'givenName' },
    roles: [],
  },
  getByUserName: 'userName eq "Test_User_ab6490ee-1e48-479e-a20b-2d77186b5dd1@testuser.com"',
  updateMultiValued: {
    schemas: [PATCH_OP],
    Operations: [
      { op: 'Replace', path: 'emails[type eq "work"].value', value: 'updatedEmail@microsoft.com' },
      { op: 'Replace', path: 'name.familyName', value: 'updatedFamilyName' },
    ],
  },
  updateSingleValued: {
    schemas: [PATCH_OP],
    Operations: [{ op: 'Replace', path: 'userName', value: '5b50642d-79fc-4410-9e90-4c077cdd1a59@testuser.com' }],
  },
  disableUser: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: false }] },
  disableUserStringBoolean: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'active', value: 'False' }] },
  addManager: {
    schemas: [PATCH_OP],
    Operations: [{ op: 'Add', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager', value: ENTRA_USER_ID_PLACEHOLDER }],
  },
  removeManager: {
    schemas: [PATCH_OP],
    Operations: [{ op: 'Remove', path: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:manager' }],
  },
  createGroup: {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group', 'http://schemas.microsoft.com/2006/11/ResourceManagement/ADSCIM/Group'],
    externalId: '8aa1a0c0-c4c3-4bc0-b4a5-2ef676900159',
    displayName: 'displayName',
    meta: { resourceType: 'Group' },
  },
  getGroupByDisplayName: 'displayName eq "displayName"',
  addMembers: { schemas: [PATCH_OP], Operations: [{ op: 'Add', path: 'members', value: [{ $ref: null, value: ENTRA_USER_ID_PLACEHOLDER }] }] },
  removeMembers: { schemas: [PATCH_OP], Operations: [{ op: 'Remove', path: 'members', value: [{ $ref: null, value: ENTRA_USER_ID_PLACEHOLDER }] }] },
  renameGroup: { schemas: [PATCH_OP], Operations: [{ op: 'Replace', path: 'displayName', value: '1879db59-3bdf-4490-ad68-ab880a269474updatedDisplayName' }] },
};

/** Okta's requests, from Okta Developer, "SCIM 2.0 protocol reference" (developer.okta.com/docs/api/openapi/okta-scim/guides/scim-20). */
export const OKTA_USER_ID_PLACEHOLDER = '23a35c27-23d3-4c03-b4c5-6443c09e7173';
export const okta = {
  findUser: 'userName eq "test.user@okta.local"',
  createUser: {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    userName: 'test.user@okta.local',
    name: { givenName: 'Test', familyName: 'User' },
    emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
    displayName: 'Test User',
    locale: 'en-US',
    externalId: '00ujl29u0le5T6Aj10h7',
    groups: [],
    password: '1mz050nq',
    active: true,
  },
  /** Updating a user replaces it whole (PUT). */
  replaceUser: {
    schemas: ['urn:ietf:params:scim:schemas:core:2.0:User'],
    id: OKTA_USER_ID_PLACEHOLDER,
    userName: 'test.user@okta.local',
    name: { givenName: 'Another', familyName: 'User' },
    emails: [{ primary: true, value: 'test.user@okta.local', type: 'work' }],
    active: true,
    groups: [],
    meta: { resourceType: 'User' },
  },
  deactivateUser: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { active: false } }] },
  createGroup: { schemas: ['urn:ietf:params:scim:schemas:core:2.0:Group'], displayName: 'Test SCIMv2', members: [] },
  renameGroup: { schemas: [PATCH_OP], Operations: [{ op: 'replace', value: { id: 'GROUP_ID', displayName: 'Test SCIMv2 renamed' } }] },
  addMember: { schemas: [PATCH_OP], Operations: [{ op: 'add', path: 'members', value: [{ value: OKTA_USER_ID_PLACEHOLDER, display: 'test.user@okta.local' }] }] },
  removeMember: { schemas: [PATCH_OP], Operations: [{ op: 'remove', path: `members[value eq "${OKTA_USER_ID_PLACEHOLDER}"]` }] },
};
