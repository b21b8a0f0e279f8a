/**
 * Version 4: what authentication libraries keep (Auth.js' accounts, OAuth
 * servers, Logto's tenants), found as random words in real data: an OAuth
 * provider's id (`github`), a token type (`bearer`), scopes (`openid email
 * profile`), grant types, an account's type (`oauth`), a session state and
 * a tenant's id-like slug.
 */

import type { Table } from '../../schema/model.js';
import { hashString, mix32, type RowRandom } from '../random.js';
import { nameTokens } from './column-names.js';
import { createPicker, type SemanticBuild, type SemanticGenerator } from './semantic-generator.js';
import type { SemanticKind } from './semantic-kind.js';
import { fitting } from './text-fit.js';

/** Providers by popularity: the first ones repeat (Auth.js provider ids). */
const PROVIDERS = [
  'github',
  'google',
  'google',
  'github',
  'discord',
  'gitlab',
  'apple',
  'facebook',
  'twitter',
  'microsoft-entra-id',
  'okta',
  'auth0',
  'keycloak',
  'slack',
  'linkedin',
  'email',
  'credentials',
];
const TOKEN_TYPES = ['bearer', 'bearer', 'bearer', 'Bearer', 'bearer', 'Bearer', 'DPoP'];
const SCOPES = [
  'openid email profile',
  'openid profile email',
  'read:user user:email',
  'identify email',
  'openid email',
  'email profile',
  'openid profile email offline_access',
  'read:user',
  'user:email repo',
  'openid',
];
const GRANT_TYPES = [
  'authorization_code',
  'authorization_code',
  'refresh_token',
  'refresh_token',
  'client_credentials',
  'urn:ietf:params:oauth:grant-type:device_code',
  'implicit',
  'password',
];
const ACCOUNT_TYPES = ['oauth', 'oauth', 'oauth', 'oidc', 'oidc', 'email', 'credentials', 'webauthn'];
const RESPONSE_TYPES = ['code', 'code', 'code', 'id_token', 'code id_token', 'token'];
const CHALLENGE_METHODS = ['S256', 'S256', 'S256', 'plain'];

const ACCOUNT_TABLES = new Set([
  'account',
  'accounts',
  'oauth_account',
  'oauth_accounts',
  'identity',
  'identities',
]);

const AUTH_TABLE_WORDS = new Set(
  'account accounts identity identities oauth auth authentication session sessions token tokens login logins connection connections sso grant grants client clients'.split(
    ' ',
  ),
);

/** A table of sign-ins: its name says so (`accounts`, `oauth_tokens`), or it keeps tokens (`access_token`). */
function isAuthTable(table: Table): boolean {
  if (nameTokens(table.name).some((w) => AUTH_TABLE_WORDS.has(w))) return true;
  return table.columns.some((c) => {
    const t = nameTokens(c.name);
    return t.includes('token') || t.includes('oauth');
  });
}

/** Version 4: an authentication term's kind by the column's words (and its table for `type`), or null. */
export function authKindFromName(table: Table, tokens: readonly string[]): SemanticKind | null {
  const last = tokens[tokens.length - 1] ?? '';
  const before = tokens[tokens.length - 2] ?? '';
  if (last === 'id' && before === 'tenant') return 'tenant';
  if (last === 'type' && ['token', 'grant', 'response'].includes(before)) return 'auth_term';
  if (last === 'types' && before === 'grant') return 'auth_term';
  // A bare `provider` or `scope` is OAuth's only where the table keeps sign-ins (a payment provider is not `github`).
  if ((last === 'provider' || last === 'scope' || last === 'scopes') && isAuthTable(table))
    return 'auth_term';
  if (last === 'state' && before === 'session') return 'auth_term';
  if (last === 'method' && before === 'challenge') return 'auth_term';
  if (tokens.length === 1 && last === 'type' && ACCOUNT_TABLES.has(nameTokens(table.name).join('_')))
    return 'auth_term';
  return null;
}

/** The column's terms: providers, token types, scopes, grant types, account types; a session state is a UUID. */
export function createAuthTermGenerator(build: SemanticBuild): SemanticGenerator {
  const t = build.tokens;
  const last = t[t.length - 1] ?? '';
  const before = t[t.length - 2] ?? '';
  if (last === 'state') return { escapeFree: true, random: (rand) => uuidOf(rand).slice(0, build.maxLength) };
  const list =
    last === 'provider'
      ? PROVIDERS
      : before === 'token'
        ? TOKEN_TYPES
        : before === 'grant'
          ? GRANT_TYPES
          : before === 'response'
            ? RESPONSE_TYPES
            : before === 'challenge'
              ? CHALLENGE_METHODS
              : last === 'type'
                ? ACCOUNT_TYPES
                : SCOPES;
  return createPicker(fitting(list, build.maxLength));
}

/** A version-4-shaped UUID from two draws. */
function uuidOf(rand: RowRandom): string {
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  const a = hex(rand.next());
  const b = hex(rand.next());
  const c = hex(rand.next());
  const d = hex(rand.next());
  return `${a}-${b.slice(0, 4)}-4${b.slice(5)}-${(8 + (mix32(rand.next()) & 3)).toString(16)}${c.slice(1, 4)}-${c.slice(4)}${d}`;
}

/** Tenants a table's rows share: a few, the first ones the busiest. */
const TENANTS = 12;

/** A tenant id kept as text: one of a dozen short id-like slugs (`default`, `k3v9x2m8`), skewed. */
export function createTenantGenerator(build: SemanticBuild): SemanticGenerator {
  const width = Math.max(1, Math.min(12, build.maxLength));
  const slugs = Array.from({ length: TENANTS }, (_, i) =>
    i === 0 && width >= 7 ? 'default' : slugOf(i, width),
  );
  return { escapeFree: true, random: (rand) => slugs[Math.floor(TENANTS * rand.float() ** 2)] as string };
}

const SLUG_LETTERS = 'abcdefghijkmnpqrstuvwxyz23456789';

function slugOf(i: number, width: number): string {
  let h = hashString(`tenant:${i}`);
  let out = '';
  for (let k = 0; k < width; k++) {
    out += SLUG_LETTERS[h & 31];
    h = mix32(h + k + 1);
  }
  return out;
}
