/**
 * The page shell of the researcher's side: one function, `adminPage`, that every admin screen
 * (login, audit, dashboard, coding) wraps its body in. The body is `Html` from the escaping
 * `html` tag (src/fieldwork/questionnaire/escape.ts), so nothing a screen shows can reach the page
 * unescaped; the stylesheet is an asset (adminCssPath), no inline style or script (CSP).
 */
import type { FastifyReply } from 'fastify';
import { documentText, type Html, html } from '../questionnaire/escape.js';
import type { AdminUser } from './context.js';
import { adminNav, type NavLink } from './nav.js';
import { ROLE_LABELS } from './roles.js';
import { adminCssPath } from './style.js';

export interface AdminPageOptions {
  /** The page's heading text and the first part of its <title>. */
  readonly title: string;
  /** The logged-in account: shows who is logged in, the menu and the log-out link. */
  readonly user?: AdminUser;
  /** The content below the heading. */
  readonly body: Html;
  /** The menu; default: the sections the user's role may open (nav.ts). */
  readonly nav?: readonly NavLink[];
  /** Path of this page, to mark its menu entry (aria-current). */
  readonly current?: string;
  /** A narrow column (forms such as the login). */
  readonly narrow?: boolean;
  /** Seconds after which the browser reloads the page (a live dashboard); no script needed. */
  readonly refreshSeconds?: number;
  /** Extra stylesheets and scripts of a screen (paths of assets it serves itself; CSP: 'self'). */
  readonly assets?: { readonly css?: readonly string[]; readonly js?: readonly string[] };
}

/** The whole document as text, ready for `reply.send`. */
export function adminPage(o: AdminPageOptions): string {
  const nav = o.nav ?? (o.user === undefined ? [] : adminNav(o.user.role));
  const doc = html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
${o.refreshSeconds !== undefined ? html`<meta http-equiv="refresh" content="${Math.max(5, Math.round(o.refreshSeconds))}">` : ''}
<title>${o.title} – spiegel fieldwork</title>
<link rel="stylesheet" href="${adminCssPath}">
${(o.assets?.css ?? []).map((href) => html`<link rel="stylesheet" href="${href}">`)}
${(o.assets?.js ?? []).map((src) => html`<script src="${src}" defer></script>`)}
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top"><div class="top-inner">
<p class="brand">spiegel fieldwork</p>
${
  o.user === undefined
    ? ''
    : html`<p class="who"><span>Logged in as <strong>${o.user.username}</strong> (${ROLE_LABELS[o.user.role]})</span> <a href="/admin/logout">Log out</a></p>`
}
</div></header>
${
  nav.length === 0
    ? ''
    : html`<nav class="sections" aria-label="Sections"><ul>${nav.map(
        (l) => html`<li><a href="${l.href}"${l.href === o.current ? html` aria-current="page"` : ''}>${l.label}</a></li>`,
      )}</ul></nav>`
}
<main id="main"${o.narrow === true ? html` class="narrow"` : ''}>
<h1>${o.title}</h1>
${o.body}
</main>
<footer class="bottom"><p>Researcher's side of the survey. Every view of contact data, every export and every login is recorded in the audit log.</p></footer>
</body>
</html>
`;
  return documentText(doc);
}

/** Sends an admin page (never cached: it may show personal or confidential data). */
export function sendAdminPage(reply: FastifyReply, options: AdminPageOptions, status = 200): FastifyReply {
  return reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(adminPage(options));
}
