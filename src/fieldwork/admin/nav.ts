/**
 * The sections of the researcher's side, in menu order, with the roles that may open them. A
 * screen added by another part adds one line here; the menu of a page shows only the sections
 * its user may open, and after login a user lands on the first of them.
 */
import type { Role } from './roles.js';

export interface AdminSection {
  readonly path: string;
  readonly label: string;
  readonly roles: readonly Role[];
}

export const ADMIN_SECTIONS: readonly AdminSection[] = [
  { path: '/admin', label: 'Dashboard', roles: ['administrator', 'researcher', 'fieldwork-manager'] },
  { path: '/admin/audit', label: 'Audit log', roles: ['administrator'] },
  { path: '/admin/code', label: 'Coding', roles: ['coder'] },
  { path: '/admin/account', label: 'Your account', roles: ['administrator', 'researcher', 'fieldwork-manager', 'coder'] },
];

export interface NavLink {
  readonly href: string;
  readonly label: string;
}

/** The menu for a role: the sections it may open. */
export function adminNav(role: Role): NavLink[] {
  return ADMIN_SECTIONS.filter((s) => s.roles.includes(role)).map((s) => ({ href: s.path, label: s.label }));
}

/** Where a user goes after login: the first section the role may open. */
export function landingPath(role: Role): string {
  return ADMIN_SECTIONS.find((s) => s.roles.includes(role))?.path ?? '/admin/account';
}
