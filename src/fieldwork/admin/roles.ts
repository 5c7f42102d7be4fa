/**
 * The four roles of the researcher's side and what each may do. Least privilege: no role holds
 * both the contact data and the answer export, so no account can join identities to answers.
 */

export type Role = 'administrator' | 'researcher' | 'fieldwork-manager' | 'coder';

export const ROLES: readonly Role[] = ['administrator', 'researcher', 'fieldwork-manager', 'coder'];

/** What a screen or command needs; a role holds a fixed set of these. */
export type Right =
  /** Accounts, settings and the audit log. */
  | 'accounts'
  /** Counts, rates and other aggregates of the fieldwork (the dashboard). */
  | 'aggregates'
  /** The answers as a data file (`spiegel field export`, a download). */
  | 'answer-export'
  /** Names, addresses, e-mail addresses and credentials, for mailing. */
  | 'contacts'
  /** The coding screens of open answers. */
  | 'coding';

export const ROLE_RIGHTS: Readonly<Record<Role, readonly Right[]>> = {
  administrator: ['accounts'],
  researcher: ['aggregates', 'answer-export'],
  'fieldwork-manager': ['contacts', 'aggregates'],
  coder: ['coding'],
};

/** Rights that no single role may hold together (checked by a test over ROLE_RIGHTS). */
export const SEPARATED_RIGHTS: readonly (readonly [Right, Right])[] = [['contacts', 'answer-export']];

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  administrator: 'administrator',
  researcher: 'researcher',
  'fieldwork-manager': 'fieldwork manager',
  coder: 'coder',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

export function hasRight(role: Role, right: Right): boolean {
  return ROLE_RIGHTS[role].includes(right);
}

/** The roles that hold a right, for `requireRole(...rolesWith('aggregates'))`. */
export function rolesWith(right: Right): Role[] {
  return ROLES.filter((r) => hasRight(r, right));
}
