import type { z } from 'zod';
import type { Locale } from '../../domain/limits.js';
import type { Auth } from '../auth.js';
import type { Db } from '../db/client.js';
import { fromZodIssues } from '../errors.js';
import type { ServerEvents } from '../events.js';
import { translate, type MessageKey } from '../i18n/messages.js';
import { ScimError } from './protocol.js';

/** What the SCIM handlers need for one request: the services, and errors in the caller's language. */
export class ScimContext {
  constructor(
    readonly db: Db,
    readonly auth: Auth,
    readonly events: ServerEvents,
    readonly locale: Locale,
    /** Who acts, for the rules that name the actor (nobody can deactivate themselves): the SCIM token. */
    readonly actorId: string,
  ) {}

  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    return translate(this.locale, key, params);
  }
  invalid(key: MessageKey, params: Record<string, string | number> = {}) {
    return new ScimError(400, this.t(key, params), 'invalidValue');
  }
  invalidField(attribute: string, key: MessageKey) {
    return new ScimError(400, `${attribute}: ${this.t(key)}`, 'invalidValue');
  }
  invalidSyntax(where: string) {
    return new ScimError(400, this.t('errors.scim.invalidSyntax', { where }), 'invalidSyntax');
  }
  invalidFilter() {
    return new ScimError(400, this.t('errors.scim.invalidFilter'), 'invalidFilter');
  }
  notFound() {
    return new ScimError(404, this.t('errors.scim.notFound'));
  }
  /** A field check of the domain schema, with its message, as a SCIM `invalidValue`. */
  fromZod(issues: readonly z.core.$ZodIssue[], input: unknown) {
    const fields = fromZodIssues(issues, input).fields ?? {};
    const detail = Object.entries(fields)
      .map(([field, v]) => `${field}: ${this.t(v.key, v.params)}`)
      .join(' ');
    return new ScimError(400, detail || this.t('errors.validation'), 'invalidValue');
  }
  patchMessages() {
    return {
      invalidPath: (path: string) => new ScimError(400, this.t('errors.scim.invalidPath', { path }), 'invalidPath'),
      invalidSyntax: (where: string) => this.invalidSyntax(where),
      noTarget: (path: string) => new ScimError(400, this.t('errors.scim.noTarget', { path }), 'noTarget'),
    };
  }
}
