/** The small forms of the login, code and logout pages, in the admin shell. */
import { type Html, html } from '../questionnaire/escape.js';

export function errorBox(message: string | undefined): Html | '' {
  return message === undefined ? '' : html`<div class="error" role="alert" tabindex="-1"><p><strong>There is a problem:</strong> ${message}</p></div>`;
}

export function loginForm(o: { csrf: string; username?: string; next?: string; error?: string; notice?: string }): Html {
  return html`${errorBox(o.error)}${o.notice === undefined ? '' : html`<p class="note" role="status">${o.notice}</p>`}
<form method="post" action="/admin/login" novalidate>
<input type="hidden" name="_csrf" value="${o.csrf}">
${o.next === undefined ? '' : html`<input type="hidden" name="next" value="${o.next}">`}
<div class="field"><label for="username">Account name</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" maxlength="64" required value="${o.username ?? ''}"></div>
<div class="field"><label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" maxlength="1024" required></div>
<button class="button" type="submit">Log in</button>
</form>
<p class="note">For the research team only. Accounts are made by an administrator with <code>spiegel field user add</code>. Respondents log in at <a href="/login">/login</a>.</p>`;
}

export function codeForm(o: { csrf: string; next?: string; error?: string }): Html {
  return html`${errorBox(o.error)}
<form method="post" action="/admin/login/code" novalidate>
<input type="hidden" name="_csrf" value="${o.csrf}">
${o.next === undefined ? '' : html`<input type="hidden" name="next" value="${o.next}">`}
<div class="field"><label for="code">Code from your authenticator app</label>
<span class="hint" id="code-hint">6 digits; a new code every 30 seconds. Each code works once.</span>
<input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]*" maxlength="8" required aria-describedby="code-hint"></div>
<button class="button" type="submit">Continue</button>
</form>
<p class="note"><a href="/admin/login">Start again</a></p>`;
}

export function logoutForm(csrf: string): Html {
  return html`<p>Log out of the researcher's side on this browser?</p>
<form method="post" action="/admin/logout">
<input type="hidden" name="_csrf" value="${csrf}">
<button class="button" type="submit">Log out</button>
</form>`;
}
