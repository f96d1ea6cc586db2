/**
 * The parts of SCIM 2.0 (RFC 7643/7644) that do not know about employees: schema URNs, the error
 * answer, `filter` (the `eq` expressions identity providers send), and PATCH operations applied to a
 * resource's JSON representation (RFC 7644 §3.5.2), including the shapes Entra ID and Okta send
 * (capitalised `op`, string booleans, attribute paths as keys of a path-less `value`).
 */

export const SCHEMA = {
  user: 'urn:ietf:params:scim:schemas:core:2.0:User',
  group: 'urn:ietf:params:scim:schemas:core:2.0:Group',
  enterprise: 'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User',
  /** Taiwa's own extension: how names are read (kana), which no standard attribute holds. */
  taiwa: 'urn:taiwa:params:scim:schemas:extension:taiwa:2.0:User',
  listResponse: 'urn:ietf:params:scim:api:messages:2.0:ListResponse',
  patchOp: 'urn:ietf:params:scim:api:messages:2.0:PatchOp',
  error: 'urn:ietf:params:scim:api:messages:2.0:Error',
  serviceProviderConfig: 'urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig',
  resourceType: 'urn:ietf:params:scim:schemas:core:2.0:ResourceType',
  schema: 'urn:ietf:params:scim:schemas:core:2.0:Schema',
} as const;

/** Extension schemas whose attributes may be addressed as `urn…:attr` (RFC 7644 §3.10). */
const extensionUrns = [SCHEMA.enterprise, SCHEMA.taiwa, SCHEMA.user, SCHEMA.group];

export const SCIM_CONTENT_TYPE = 'application/scim+json; charset=utf-8';

export type ScimType = 'invalidFilter' | 'tooMany' | 'uniqueness' | 'mutability' | 'invalidSyntax' | 'invalidPath' | 'noTarget' | 'invalidValue' | 'invalidVers' | 'sensitive';

/** An error answered in SCIM's own format (RFC 7644 §3.12). `detail` is in the caller's language. */
export class ScimError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 409 | 413 | 500 | 501,
    readonly detail: string,
    readonly scimType?: ScimType,
  ) {
    super(detail);
  }
}

export function scimErrorBody(err: ScimError) {
  return { schemas: [SCHEMA.error], status: String(err.status), ...(err.scimType ? { scimType: err.scimType } : {}), detail: err.detail };
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** A boolean as identity providers send it: `true`, or Entra ID's `"True"` / `"False"`. Undefined when it is neither. */
export function toBoolean(v: unknown): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v === 'string' && /^(true|false)$/i.test(v.trim())) return v.trim().toLowerCase() === 'true';
  return undefined;
}

/** The key of `obj` that names `name`, ignoring case (SCIM attribute names are case-insensitive). */
export function keyOf(obj: JsonObject, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.keys(obj).find((k) => k.toLowerCase() === lower);
}

export function getAttr(obj: JsonObject, name: string): Json | undefined {
  const k = keyOf(obj, name);
  return k === undefined ? undefined : obj[k];
}

// ---- filter (RFC 7644 §3.4.2.2): `attribute eq "value"`, the only form identity providers send for lookups ----

export interface EqFilter {
  /** The attribute path as sent, lower-cased (`username`, `externalid`, `emails.value` …). */
  attribute: string;
  value: string | boolean | null;
}

/** Parses `attr eq value` (`value` a JSON string, true, false or null). Anything else is 400 invalidFilter. */
export function parseFilter(filter: string, unsupported: (f: string) => ScimError): EqFilter {
  const match = /^\s*([A-Za-z][\w.:$-]*)\s+eq\s+("(?:[^"\\]|\\.)*"|true|false|null)\s*$/i.exec(filter);
  if (!match) throw unsupported(filter);
  let value: string | boolean | null;
  try {
    const literal = match[2]!;
    value = JSON.parse(literal.startsWith('"') ? literal : literal.toLowerCase()) as string | boolean | null;
  } catch {
    throw unsupported(filter);
  }
  let attribute = match[1]!;
  // A fully qualified name (`urn:…:User:userName`) means the same attribute.
  for (const urn of extensionUrns) {
    if (attribute.toLowerCase().startsWith(`${urn.toLowerCase()}:`) && (urn === SCHEMA.user || urn === SCHEMA.group)) attribute = attribute.slice(urn.length + 1);
  }
  return { attribute: attribute.toLowerCase(), value };
}

/**
 * Parses `a eq "x" and b eq "y"`: one or more `eq` clauses joined by `and` (Entra ID asks
 * `id eq "…" and members eq "…"` to learn whether someone is in a group). `or`, `not`, brackets
 * and other operators are 400 invalidFilter.
 */
export function parseFilters(filter: string, unsupported: (f: string) => ScimError): EqFilter[] {
  const clauses: string[] = [];
  const pattern = /\s*([A-Za-z][\w.:$-]*\s+eq\s+(?:"(?:[^"\\]|\\.)*"|\S+))\s*(and\b|$)/iy;
  let rest = filter;
  while (rest.trim() !== '') {
    pattern.lastIndex = 0;
    const match = pattern.exec(rest);
    if (!match) throw unsupported(filter);
    clauses.push(match[1]!);
    rest = rest.slice(match[0].length);
    if (match[2] === '' && rest.trim() !== '') throw unsupported(filter);
    if (match[2] !== '' && rest.trim() === '') throw unsupported(filter);
  }
  if (clauses.length === 0) throw unsupported(filter);
  return clauses.map((c) => parseFilter(c, () => unsupported(filter)));
}

// ---- PATCH (RFC 7644 §3.5.2) ----

interface ValueFilter {
  attribute: string;
  value: string | boolean | null;
}

interface PatchPath {
  /** The object the attribute lives in: the resource itself, or one of its extension objects. */
  urn: string | null;
  attribute: string;
  filter?: ValueFilter;
  subAttribute?: string;
}

export interface PatchMessages {
  invalidPath: (path: string) => ScimError;
  invalidSyntax: (detail: string) => ScimError;
  noTarget: (path: string) => ScimError;
}

/** `urn:…:manager`, `name.givenName`, `emails[type eq "work"].value`, `members[value eq "…"]`. */
export function parsePath(raw: string, m: PatchMessages): PatchPath {
  let rest = raw.trim();
  let urn: string | null = null;
  const lower = rest.toLowerCase();
  for (const candidate of extensionUrns) {
    if (lower === candidate.toLowerCase()) return { urn: candidate === SCHEMA.user || candidate === SCHEMA.group ? null : candidate, attribute: '' };
    if (lower.startsWith(`${candidate.toLowerCase()}:`)) {
      urn = candidate === SCHEMA.user || candidate === SCHEMA.group ? null : candidate;
      rest = rest.slice(candidate.length + 1);
      break;
    }
  }
  const match = /^([A-Za-z][\w$-]*)(?:\[(.+)\])?(?:\.([A-Za-z][\w$-]*))?$/.exec(rest);
  if (!match) throw m.invalidPath(raw);
  const path: PatchPath = { urn, attribute: match[1]! };
  if (match[2] !== undefined) {
    const f = parseFilter(match[2], () => m.invalidPath(raw));
    path.filter = { attribute: f.attribute, value: f.value };
  }
  if (match[3] !== undefined) path.subAttribute = match[3];
  return path;
}

function matches(element: Json, filter: ValueFilter): boolean {
  if (!isObject(element)) return false;
  const v = getAttr(element, filter.attribute);
  if (typeof filter.value === 'string' && typeof v === 'string') return v.toLowerCase() === filter.value.toLowerCase();
  if (typeof filter.value === 'boolean') return toBoolean(v) === filter.value;
  return v === filter.value;
}

function setAttr(obj: JsonObject, name: string, value: Json) {
  const k = keyOf(obj, name);
  if (k !== undefined && k !== name) delete obj[k];
  obj[name] = value;
}

function deleteAttr(obj: JsonObject, name: string) {
  const k = keyOf(obj, name);
  if (k !== undefined) delete obj[k];
}

/** The object a path's attribute lives in, made when an add or replace needs it. */
function containerOf(resource: JsonObject, urn: string | null, create: boolean): JsonObject | undefined {
  if (urn === null) return resource;
  const existing = getAttr(resource, urn);
  if (isObject(existing)) return existing;
  if (!create) return undefined;
  const made: JsonObject = {};
  setAttr(resource, urn, made);
  return made;
}

/** The same element of a multi-valued attribute: the same `value` (members, emails). */
function sameElement(a: Json, b: Json): boolean {
  if (!isObject(a) || !isObject(b)) return a === b;
  const av = getAttr(a, 'value');
  const bv = getAttr(b, 'value');
  return av !== undefined && bv !== undefined && String(av).toLowerCase() === String(bv).toLowerCase();
}

function mergeInto(target: JsonObject, value: JsonObject) {
  for (const [k, v] of Object.entries(value)) setAttr(target, k, v);
}

function applyAt(resource: JsonObject, op: 'add' | 'replace' | 'remove', path: PatchPath, value: Json | undefined, raw: string, m: PatchMessages) {
  if (path.attribute === '') {
    // The path is an extension schema itself: its whole object.
    const target = path.urn!;
    if (op === 'remove') return deleteAttr(resource, target);
    if (!isObject(value)) throw m.invalidSyntax(raw);
    const container = containerOf(resource, target, true)!;
    if (op === 'replace') for (const k of Object.keys(container)) delete container[k];
    return mergeInto(container, value);
  }
  const container = containerOf(resource, path.urn, op !== 'remove');
  if (!container) return;
  const current = getAttr(container, path.attribute);

  if (path.filter) {
    if (!Array.isArray(current)) {
      if (op === 'remove') return;
      throw m.noTarget(raw);
    }
    const hits = current.filter((e) => matches(e, path.filter!));
    if (hits.length === 0 && op !== 'remove') throw m.noTarget(raw);
    if (op === 'remove') {
      if (path.subAttribute) for (const e of hits) deleteAttr(e as JsonObject, path.subAttribute);
      else setAttr(container, path.attribute, current.filter((e) => !hits.includes(e)));
      return;
    }
    for (const e of hits) {
      if (path.subAttribute) setAttr(e as JsonObject, path.subAttribute, value ?? null);
      else if (isObject(value)) mergeInto(e as JsonObject, value);
      else throw m.invalidSyntax(raw);
    }
    return;
  }

  if (path.subAttribute) throw m.invalidPath(raw);
  const name = path.attribute;
  if (op === 'remove') {
    // `remove` with a value on a multi-valued attribute removes those elements (Entra ID's members removal).
    if (Array.isArray(current) && value !== undefined && value !== null) {
      const gone = Array.isArray(value) ? value : [value];
      setAttr(container, name, current.filter((e) => !gone.some((g) => sameElement(e, g))));
    } else {
      deleteAttr(container, name);
    }
    return;
  }
  if (value === undefined) throw m.invalidSyntax(raw);
  if (Array.isArray(current) || Array.isArray(value)) {
    const incoming = Array.isArray(value) ? value : [value];
    if (op === 'replace') return setAttr(container, name, incoming);
    const kept = Array.isArray(current) ? current.filter((e) => !incoming.some((n) => sameElement(e, n))) : [];
    return setAttr(container, name, [...kept, ...incoming]);
  }
  if (isObject(current) && isObject(value)) {
    if (op === 'replace' && keyOf(current, 'value') === undefined) return mergeInto(current, value);
    if (op === 'add') return mergeInto(current, value);
  }
  setAttr(container, name, value);
}

/** Splits `name.givenName` into `name` and `givenName`; the dotted form is what Entra ID sends. */
function withSubAttribute(path: PatchPath): PatchPath {
  if (path.filter || path.subAttribute || !path.attribute.includes('.')) return path;
  const [attribute, subAttribute] = path.attribute.split('.', 2) as [string, string];
  return { ...path, attribute, subAttribute };
}

/** Applies the operations of a PatchOp message to a copy of `resource` and answers the result. */
export function applyPatch(resource: JsonObject, body: unknown, m: PatchMessages): JsonObject {
  if (!isObject(body)) throw m.invalidSyntax('body');
  const schemas = getAttr(body, 'schemas');
  if (!Array.isArray(schemas) || !schemas.some((s) => typeof s === 'string' && s.toLowerCase() === SCHEMA.patchOp.toLowerCase())) throw m.invalidSyntax('schemas');
  const operations = getAttr(body, 'Operations');
  if (!Array.isArray(operations) || operations.length === 0) throw m.invalidSyntax('Operations');
  const result = structuredClone(resource);
  for (const raw of operations) {
    if (!isObject(raw)) throw m.invalidSyntax('Operations');
    const opName = getAttr(raw, 'op');
    const op = typeof opName === 'string' ? opName.toLowerCase() : '';
    if (op !== 'add' && op !== 'replace' && op !== 'remove') throw m.invalidSyntax(`op ${String(opName)}`);
    const pathValue = getAttr(raw, 'path');
    const value = getAttr(raw, 'value');
    if (typeof pathValue === 'string' && pathValue.trim() !== '') {
      applyPath(result, op, pathValue, value, m);
      continue;
    }
    if (op === 'remove') throw m.noTarget('path');
    // No path: the value is an object of attributes (RFC 7644 §3.5.2.1/3). Its keys may themselves
    // be paths, as Entra ID and Okta send them (`name.givenName`, `urn:…:User:employeeNumber`).
    if (!isObject(value)) throw m.invalidSyntax('value');
    for (const [key, v] of Object.entries(value)) applyPath(result, op, key, v, m);
  }
  return result;
}

function applyPath(resource: JsonObject, op: 'add' | 'replace' | 'remove', rawPath: string, value: Json | undefined, m: PatchMessages) {
  const parsed = withSubAttribute(parsePath(rawPath, m));
  if (parsed.subAttribute && !parsed.filter) {
    // `name.givenName`: set one sub-attribute of a complex attribute.
    const container = containerOf(resource, parsed.urn, op !== 'remove');
    if (!container) return;
    let parent = getAttr(container, parsed.attribute);
    if (!isObject(parent)) {
      if (op === 'remove') return;
      parent = {};
      setAttr(container, parsed.attribute, parent);
    }
    if (op === 'remove') deleteAttr(parent, parsed.subAttribute);
    else setAttr(parent, parsed.subAttribute, value ?? null);
    return;
  }
  applyAt(resource, op, parsed, value, rawPath, m);
}

/** `startIndex` and `count` of a list request (RFC 7644 §3.4.2.4): 1-based, count at most `max`. */
export function pageOf(query: { startIndex?: string; count?: string }, max: number): { startIndex: number; count: number } {
  const start = Number.parseInt(query.startIndex ?? '1', 10);
  const count = Number.parseInt(query.count ?? String(max), 10);
  return { startIndex: Number.isFinite(start) && start >= 1 ? start : 1, count: Number.isFinite(count) ? Math.min(Math.max(count, 0), max) : max };
}

/** Applies `attributes` / `excludedAttributes` (RFC 7644 §3.4.2.5) to the top level of a resource. */
export function projectAttributes(resource: JsonObject, query: { attributes?: string; excludedAttributes?: string }): JsonObject {
  const always = new Set(['id', 'schemas', 'meta']);
  const list = (s?: string) => (s ? s.split(',').map((a) => a.trim().toLowerCase()).filter(Boolean) : []);
  const only = list(query.attributes);
  const excluded = list(query.excludedAttributes);
  if (only.length === 0 && excluded.length === 0) return resource;
  const topOf = (a: string) => {
    for (const urn of extensionUrns) if (a.startsWith(`${urn.toLowerCase()}:`)) return urn === SCHEMA.user || urn === SCHEMA.group ? a.slice(urn.length + 1).split('.')[0]! : urn.toLowerCase();
    return a.split('.')[0]!;
  };
  const keep = new Set(only.map(topOf));
  const drop = new Set(excluded.map(topOf));
  return Object.fromEntries(
    Object.entries(resource).filter(([k]) => always.has(k) || ((only.length === 0 || keep.has(k.toLowerCase())) && !drop.has(k.toLowerCase()))),
  );
}
