import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** A person at the test OpenID Provider; the account id is what is typed into its login form. */
export interface TestIdpAccount {
  email: string;
  emailVerified?: boolean;
  /** Microsoft Entra ID's "email domain owner verified" optional claim. */
  xmsEdov?: boolean;
  name?: string;
}

export interface TestIdp {
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** People by login; a login not listed signs in as `<login>` with a verified address. */
  accounts: Map<string, TestIdpAccount>;
  close(): Promise<void>;
}

/**
 * A real OpenID Provider (the `oidc-provider` package, certified by the OpenID Foundation) on a
 * free port of 127.0.0.1, with one confidential client that must use PKCE. Its development login
 * form takes any password; consent is granted at once, as a company's provider does for its own
 * apps.
 */
export async function startTestIdp(redirectUri: string): Promise<TestIdp> {
  const accounts = new Map<string, TestIdpAccount>();
  const server: Server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const clientId = 'taiwa-test';
  const clientSecret = 'taiwa-test-client-secret-0123456789';
  const provider = new Provider(issuer, {
    clients: [{ client_id: clientId, client_secret: clientSecret, redirect_uris: [redirectUri], grant_types: ['authorization_code'], response_types: ['code'] }],
    claims: { openid: ['sub'], email: ['email', 'email_verified', 'xms_edov'], profile: ['name'] },
    pkce: { required: () => true },
    features: { devInteractions: { enabled: true } },
    cookies: { keys: ['taiwa-test-idp-cookie-key'] },
    ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    async findAccount(_ctx, id) {
      const account: TestIdpAccount = accounts.get(id) ?? { email: id, emailVerified: true };
      return {
        accountId: id,
        claims: async () => ({ sub: id, email: account.email, email_verified: account.emailVerified, xms_edov: account.xmsEdov, name: account.name ?? id }),
      };
    },
    async loadExistingGrant(ctx) {
      const accountId = ctx.oidc.session?.accountId;
      const client = ctx.oidc.client;
      if (!accountId || !client) return undefined;
      const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId });
      grant.addOIDCScope('openid email profile');
      await grant.save();
      return grant;
    },
  });
  // Plain http on loopback: tell the provider not to ask for https.
  provider.proxy = true;
  server.on('request', provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    accounts,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}
