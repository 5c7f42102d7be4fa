/**
 * `spiegel field user` and `spiegel field audit`: accounts in the study's store with scrypt
 * hashes, the TOTP secret shown once, disable and passwd ending sessions, bad input refused,
 * each change audited; --password-stdin in a process of its own.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldUserWith, type PasswordInput } from '../../../src/cli/field-user.js';
import { verifyPassword } from '../../../src/fieldwork/admin/password.js';
import { matchTotp, totp, base32Decode } from '../../../src/fieldwork/admin/totp.js';
import { createSession, listUsers, userByName } from '../../../src/fieldwork/store/accounts.js';
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import { capture, run, studyFolder } from '../store/setup.js';

function input(lines: string[], terminal = false): PasswordInput & { prompts: string[] } {
  const prompts: string[] = [];
  return {
    prompts,
    terminal,
    stdinLine: async () => lines.shift() ?? '',
    hidden: async (p) => {
      prompts.push(p);
      return lines.shift() ?? '';
    },
  };
}

async function fieldStore(): Promise<{ spec: string; file: string }> {
  const s = await studyFolder('spiegel-field-user-');
  expect((await run(['field', 'init', s.spec])).code).toBe(0);
  return { spec: s.spec, file: join(s.dir, 'study.field.sqlite') };
}

async function user(args: string[], lines: string[], terminal = false): Promise<{ code: number; stdout: string; stderr: string }> {
  const io = capture();
  const code = await fieldUserWith(input(lines, terminal)).run(args, io);
  return { code, stdout: io.stdout, stderr: io.stderr };
}

describe('spiegel field user', () => {
  it('adds an account with a scrypt hash, asking the password twice on the terminal, and shows a TOTP secret once', async () => {
    const { spec, file } = await fieldStore();
    const r = await user(['add', spec, '--name', 'anna', '--role', 'researcher', '--totp'], ['een lang wachtwoord', 'een lang wachtwoord'], true);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Added account "anna" (researcher)');
    const uri = /otpauth:\/\/totp\/spiegel%20veldwerk:anna\?secret=([A-Z2-7]{32})&issuer=spiegel%20veldwerk&algorithm=SHA1&digits=6&period=30/.exec(r.stdout);
    expect(uri).not.toBeNull();
    expect(r.stdout).toMatch(/[█▀▄]/); // the QR code
    const store = await openFieldStore({ engine: 'sqlite', file });
    try {
      const anna = (await userByName(store.db, 'anna'))!;
      expect(anna).toMatchObject({ role: 'researcher', disabled: false, totpSecret: uri![1] });
      expect(anna.passwordHash).toMatch(/^scrypt\$32768\$8\$1\$/);
      expect(await verifyPassword('een lang wachtwoord', anna.passwordHash)).toBe(true);
      // the secret printed is the one stored: a code made from it is accepted
      const now = Date.now();
      expect(matchTotp(anna.totpSecret!, totp(base32Decode(uri![1]), now), now)).toBeDefined();
    } finally {
      await store.close();
    }
    const list = await user(['list', spec], []);
    expect(list.stdout).toMatch(/^anna\s+researcher\s+TOTP\s+active/m);
    expect(list.stdout).not.toContain(uri![1]);
  });

  it('refuses a short password, two different ones, an unknown role, a bad or taken name, and no terminal without --password-stdin', async () => {
    const { spec, file } = await fieldStore();
    await expect(user(['add', spec, '--name', 'bob', '--role', 'coder', '--password-stdin'], ['te kort'])).rejects.toThrow(/at least 12 characters/);
    await expect(user(['add', spec, '--name', 'bob', '--role', 'coder'], ['een lang wachtwoord', 'een ander wachtwoord'], true)).rejects.toThrow(/the two passwords differ/);
    await expect(user(['add', spec, '--name', 'bob', '--role', 'boss', '--password-stdin'], ['een lang wachtwoord'])).rejects.toThrow(/--role must be one of administrator, researcher, fieldwork-manager, coder, not "boss"/);
    await expect(user(['add', spec, '--name', '<bob>', '--role', 'coder', '--password-stdin'], ['een lang wachtwoord'])).rejects.toThrow(/"<bob>" is not/);
    await expect(user(['add', spec, '--name', 'bob', '--role', 'coder'], ['een lang wachtwoord'], false)).rejects.toThrow(/--password-stdin/);
    expect((await user(['add', spec, '--name', 'bob', '--role', 'coder', '--password-stdin'], ['een lang wachtwoord'])).code).toBe(0);
    await expect(user(['add', spec, '--name', 'bob', '--role', 'researcher', '--password-stdin'], ['een lang wachtwoord'])).rejects.toThrow(/an account named "bob" already exists/);
    await expect(user(['disable', spec, 'nobody'], [])).rejects.toThrow(/no account named "nobody"/);
    const store = await openFieldStore({ engine: 'sqlite', file });
    try {
      expect((await listUsers(store.db)).map((u) => `${u.username}:${u.role}`)).toEqual(['bob:coder']);
    } finally {
      await store.close();
    }
  });

  it('disables an account and sets a new password, ending the sessions, each change in the audit log', async () => {
    const { spec, file } = await fieldStore();
    expect((await user(['add', spec, '--name', 'carla', '--role', 'fieldwork-manager', '--password-stdin'], ['een lang wachtwoord'])).code).toBe(0);
    const session = async (): Promise<void> => {
      const store = await openFieldStore({ engine: 'sqlite', file });
      const carla = (await userByName(store.db, 'carla'))!;
      const t = new Date().toISOString();
      await createSession(store.db, { idHash: `${Math.random()}`.padEnd(64, '0'), userId: carla.id, createdAt: t, seenAt: t, expiresAt: t, secondFactor: true });
      await store.close();
    };
    const sessions = async (): Promise<number> => {
      const store = await openFieldStore({ engine: 'sqlite', file });
      const n = (await store.db.selectFrom('field_sessions').select('id_hash').execute()).length;
      await store.close();
      return n;
    };
    await session();
    expect(await sessions()).toBe(1);
    const p = await user(['passwd', spec, 'carla', '--password-stdin'], ['een nieuw wachtwoord']);
    expect(p.stdout).toContain('New password set for "carla"');
    expect(await sessions()).toBe(0);
    await session();
    expect((await user(['disable', spec, 'carla'], [])).stdout).toContain('Disabled account "carla"');
    expect(await sessions()).toBe(0);
    const store = await openFieldStore({ engine: 'sqlite', file });
    try {
      const carla = (await userByName(store.db, 'carla'))!;
      expect(carla.disabled).toBe(true);
      expect(await verifyPassword('een nieuw wachtwoord', carla.passwordHash)).toBe(true);
    } finally {
      await store.close();
    }
    const audit = await run(['field', 'audit', spec]);
    expect(audit.code).toBe(0);
    const lines = audit.stdout.trim().split('\n');
    expect(lines.map((l) => l.split(/\s+/)[2])).toEqual(['user-disable', 'user-passwd', 'user-add']);
    expect(lines[2]).toMatch(/^\d{4}-\d\d-\d\dT[\d:.]+Z\s+cli:\S+\s+user-add\s+account "carla" \(fieldwork manager\)$/);
    expect(audit.stdout).not.toContain('wachtwoord');
    expect((await run(['field', 'audit', spec, '--limit', '1'])).stdout.trim().split('\n')).toHaveLength(1);
    expect((await run(['field', 'audit', spec, '--limit', '0'])).code).toBe(2);
  });

  it('reads the password from stdin with --password-stdin (through the real command line)', async () => {
    const { spec, file } = await fieldStore();
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'test/fieldwork/admin/cli-entry.ts', 'field', 'user', 'add', spec, '--name', 'dirk', '--role', 'administrator', '--password-stdin'], {
      input: 'een wachtwoord uit stdin\nsecond line ignored\n',
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const store = await openFieldStore({ engine: 'sqlite', file });
    try {
      expect(await verifyPassword('een wachtwoord uit stdin', (await userByName(store.db, 'dirk'))!.passwordHash)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('records every export of the answers in the audit log', async () => {
    const s = await studyFolder('spiegel-field-export-audit-');
    expect((await run(['field', 'init', s.spec])).code).toBe(0);
    expect((await run(['field', 'import', s.spec, '--sample', s.sample, '--letters', join(s.dir, 'letters.csv')])).code).toBe(0);
    const out = join(s.dir, 'export.csv');
    const r = await run(['field', 'export', s.spec, '--out', out]);
    expect([r.code, r.stderr]).toEqual([0, '']);
    const audit = await run(['field', 'audit', s.spec]);
    expect(audit.stdout).toMatch(new RegExp(`cli:\\S+\\s+export\\s+answers of wave 2021 to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\n`));
  });
});
