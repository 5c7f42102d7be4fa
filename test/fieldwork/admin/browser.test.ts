/**
 * The researcher's side in headless Chromium: a visit to /admin/audit goes to the login, the
 * password and the TOTP code are typed into the forms, and the audit page follows; no CSP
 * violation on the way (no inline style or script). Screenshots of the login, code, audit and
 * 403 pages at 390 and 1280 px (SPIEGEL_SCREENS, default /work/notes/screens).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../../src/fieldwork/admin/password.js';
import { base32Decode, newTotpSecret, totp } from '../../../src/fieldwork/admin/totp.js';
import { chromiumArgs, chromiumPath } from '../../../src/report/pdf.js';
import { addUser } from '../../../src/fieldwork/store/accounts.js';
import { recordAudit } from '../../../src/fieldwork/store/audit.js';
import { chromiumAvailable } from '../../report/helpers.js';
import { type AdminServer, adminCookie, adminServer } from './login.js';

const hasChromium = await chromiumAvailable(chromiumPath());
const screens = process.env.SPIEGEL_SCREENS ?? '/work/notes/screens';
if (!hasChromium) console.warn(`admin browser test: skipped, no Chromium at ${chromiumPath()}`);

describe.skipIf(!hasChromium && process.env.SPIEGEL_REQUIRE_CHROMIUM !== '1')('the researcher\'s side in a browser', () => {
  let s: AdminServer;
  let base: string;
  const secret = newTotpSecret();
  beforeAll(async () => {
    s = await adminServer();
    s.clock.ms = Date.now();
    base = await s.app.listen({ port: 0, host: '127.0.0.1' });
    await addUser(s.db, { username: 'beheerder', role: 'administrator', passwordHash: await hashPassword('een lang wachtwoord', { N: 2 ** 10, r: 8, p: 1 }), totpSecret: secret });
    await recordAudit(s.db, { username: 'cli:anna', action: 'user-add', detail: 'account "beheerder" (administrator) with TOTP' });
    await recordAudit(s.db, { username: 'cli:anna', action: 'export', detail: 'answers of wave 2021 to /data/veldwerk/respondenten-2021.sav' });
    await recordAudit(s.db, { username: 'cli:piet', action: 'letters', detail: 'invitation letters for 4,000 participants to letters.pdf', personal: false });
    await recordAudit(s.db, { username: 'kees', action: 'contacts-view', detail: 'contact data of participant "r1042"', personal: true });
    mkdirSync(screens, { recursive: true });
  });
  afterAll(async () => s.close());

  it('logs in with password and code, shows the audit log, and blocks nothing under the CSP', async () => {
    const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs });
    try {
      for (const width of [390, 1280]) {
        const context = await browser.newContext({ viewport: { width, height: 800 } });
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (e) => problems.push(e.message));
        page.on('console', (m) => {
          // (the 401 of the wrong password and the 404 of /favicon.ico are expected console errors)
          if (/Content Security Policy|Refused to/i.test(m.text())) problems.push(m.text());
        });
        await page.goto(`${base}/admin/audit`);
        expect(new URL(page.url()).pathname).toBe('/admin/login');
        await page.screenshot({ path: join(screens, `admin-login-${width}.png`), fullPage: true });
        await page.fill('#username', 'beheerder');
        await page.fill('#password', 'verkeerd wachtwoord');
        await page.click('button[type=submit]');
        await page.waitForSelector('.error');
        await page.screenshot({ path: join(screens, `admin-login-error-${width}.png`), fullPage: true });
        await page.fill('#password', 'een lang wachtwoord');
        await page.click('button[type=submit]');
        await page.waitForURL(/\/admin\/login\/code/);
        await page.screenshot({ path: join(screens, `admin-code-${width}.png`), fullPage: true });
        // a code of the next step: each width logs in once, and a code is accepted only once
        await page.fill('#code', totp(base32Decode(secret), s.clock.ms + (width === 390 ? 0 : 30_000)));
        await page.click('button[type=submit]');
        await page.waitForURL(/\/admin\/audit$/);
        expect(await page.textContent('h1')).toBe('Audit log');
        expect(await page.textContent('table')).toContain('contact data of participant "r1042"');
        await page.screenshot({ path: join(screens, `admin-audit-${width}.png`), fullPage: true });
        await page.goto(`${base}/admin/account`);
        await page.screenshot({ path: join(screens, `admin-account-${width}.png`), fullPage: true });
        await context.close();
        expect(problems).toEqual([]);
      }
      // what a role without the right sees
      const coder = await adminCookie(s.db, 'coder', { username: 'codeur', now: s.clock.ms });
      const context = await browser.newContext({ viewport: { width: 390, height: 800 } });
      const [name, value] = coder.cookie.split('=');
      await context.addCookies([{ name, value, url: `${base}/admin` }]);
      const page = await context.newPage();
      const r = await page.goto(`${base}/admin/audit`);
      expect(r?.status()).toBe(403);
      await page.screenshot({ path: join(screens, 'admin-forbidden-390.png'), fullPage: true });
      await context.close();
    } finally {
      await browser.close();
    }
  });
});
