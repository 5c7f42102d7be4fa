/**
 * `spiegel field user add|list|disable|passwd STUDY.yaml …`: the accounts of the researcher's
 * side, kept in the study's store. Passwords are typed on the terminal without echo (twice), or
 * read from the first line of stdin with --password-stdin (scripts); they are stored only as
 * scrypt hashes. A TOTP secret is shown once, at `add --totp`, as an otpauth:// URI and QR code.
 */
import QRCode from 'qrcode';
import { UsageError } from '../errors.js';
import { checkPasswordRules, hashPassword } from '../fieldwork/admin/password.js';
import { isRole, ROLE_LABELS, ROLES } from '../fieldwork/admin/roles.js';
import { newTotpSecret, otpauthUri } from '../fieldwork/admin/totp.js';
import { addUser, disableUser, listUsers, setPasswordHash } from '../fieldwork/store/accounts.js';
import { cliUser, recordAudit } from '../fieldwork/store/audit.js';
import { parseCommandArgs } from './args.js';
import type { Command, CommandIO } from './command.js';
import { fieldStudy, openStudyStore, specArgument } from './field-common.js';
import { readHidden, readStdinLine } from './password-input.js';

const help = `Usage: spiegel field user add STUDY.yaml --name NAME --role ROLE [--totp] [--password-stdin]
       spiegel field user list STUDY.yaml
       spiegel field user disable STUDY.yaml NAME
       spiegel field user passwd STUDY.yaml NAME [--password-stdin]
       (each also takes --database URL)

Accounts of the researcher's side of "spiegel field serve" (/admin/login), kept in the study's
store. Roles (no role holds both the contact data and the answers):
  administrator       accounts, settings and the audit log
  researcher          the dashboard's aggregates and the answer export
  fieldwork-manager   the contact data needed for mailing, and response counts
  coder               the coding screens of open answers

The password (at least 12 characters) is asked on the terminal without echo, twice; with
--password-stdin it is the first line of stdin (for scripts). Only its scrypt hash is stored.
--totp adds a second factor: the secret is shown once, as an otpauth:// URI and a QR code, for
an authenticator app. "disable" ends the account's sessions and keeps its name in the audit
log; "passwd" sets a new password and ends its sessions.

Example:
  spiegel field user add study.yaml --name anna --role researcher --totp
`;

/** Where the password comes from; tests give their own. */
export interface PasswordInput {
  stdinLine(): Promise<string>;
  hidden(prompt: string): Promise<string>;
  readonly terminal: boolean;
}

const processInput: PasswordInput = {
  stdinLine: readStdinLine,
  hidden: readHidden,
  get terminal() {
    return Boolean(process.stdin.isTTY);
  },
};

const NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/;

async function newPassword(input: PasswordInput, fromStdin: boolean, name: string): Promise<string> {
  let password: string;
  if (fromStdin) password = await input.stdinLine();
  else {
    if (!input.terminal) throw new UsageError('no terminal to type the password on: pipe it in with --password-stdin');
    password = await input.hidden(`New password for ${name}: `);
    checkPasswordRules(password);
    const again = await input.hidden('The same password again: ');
    if (again !== password) throw new UsageError('the two passwords differ; nothing was changed');
  }
  checkPasswordRules(password);
  return password;
}

export function fieldUserWith(input: PasswordInput): Command {
  return {
    name: 'field user',
    help,
    async run(args: string[], io: CommandIO): Promise<number> {
      const [action, ...rest] = args;
      if (action === '--help' || action === '-h') {
        io.out(help);
        return 0;
      }
      if (action === undefined || !['add', 'list', 'disable', 'passwd'].includes(action)) {
        throw new UsageError(`${action === undefined ? 'field user needs an action' : `unknown action "${action}"`}: add, list, disable or passwd\n\n${help}`);
      }
      const { values: v, positionals } = parseCommandArgs(
        rest,
        { name: { type: 'string' }, role: { type: 'string' }, totp: { type: 'boolean' }, 'password-stdin': { type: 'boolean' }, database: { type: 'string' } },
        { help },
      );
      const [specFile, target, ...extra] = positionals;
      if (extra.length > 0) throw new UsageError(`unexpected argument(s): ${extra.join(' ')}\n\n${help}`);
      const study = fieldStudy(specArgument(specFile === undefined ? [] : [specFile], help), undefined, v.database, false);
      const name = action === 'add' ? v.name : target;
      if (action !== 'list') {
        if (name === undefined) throw new UsageError(`name the account${action === 'add' ? ' with --name NAME' : ': spiegel field user ' + action + ' STUDY.yaml NAME'}\n\n${help}`);
        if (!NAME.test(name)) throw new UsageError(`an account name is 2–64 letters, digits, dots, dashes, underscores or @, starting with a letter or digit; "${name}" is not`);
      }
      if (action === 'add') {
        if (v.role === undefined || !isRole(v.role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}${v.role === undefined ? '' : `, not "${v.role}"`}`);
      } else if (v.role !== undefined || v.totp === true) throw new UsageError(`--role and --totp belong to "spiegel field user add"`);

      const password = action === 'add' || action === 'passwd' ? await newPassword(input, v['password-stdin'] === true, name!) : undefined;
      const store = await openStudyStore(study);
      try {
        const by = cliUser();
        if (action === 'list') {
          const users = await listUsers(store.db);
          if (users.length === 0) io.out('No accounts yet. Add one with: spiegel field user add STUDY.yaml --name NAME --role ROLE\n');
          for (const u of users) {
            io.out(`${u.username.padEnd(20)} ${(isRole(u.role) ? ROLE_LABELS[u.role] : u.role).padEnd(18)} ${u.totpSecret !== undefined ? 'TOTP' : 'no 2FA'}  ${u.disabled ? 'disabled' : 'active'}  since ${u.createdAt.slice(0, 10)}\n`);
          }
          return 0;
        }
        if (action === 'disable') {
          await disableUser(store.db, name!);
          await recordAudit(store.db, { username: by, action: 'user-disable', detail: `account "${name}"` });
          io.out(`Disabled account "${name}"; its sessions ended.\n`);
          return 0;
        }
        const hash = await hashPassword(password!);
        if (action === 'passwd') {
          await setPasswordHash(store.db, name!, hash);
          await recordAudit(store.db, { username: by, action: 'user-passwd', detail: `account "${name}"` });
          io.out(`New password set for "${name}"; its sessions ended.\n`);
          return 0;
        }
        const role = v.role as (typeof ROLES)[number];
        const totpSecret = v.totp === true ? newTotpSecret() : undefined;
        await addUser(store.db, { username: name!, role, passwordHash: hash, ...(totpSecret === undefined ? {} : { totpSecret }) });
        await recordAudit(store.db, { username: by, action: 'user-add', detail: `account "${name}" (${ROLE_LABELS[role]})${totpSecret === undefined ? '' : ' with TOTP'}` });
        io.out(`Added account "${name}" (${ROLE_LABELS[role]}). Log in at /admin/login on the server of "spiegel field serve".\n`);
        if (totpSecret !== undefined) {
          const uri = otpauthUri(totpSecret, name!, `spiegel ${study.loaded.spec.study.id}`);
          io.out(
            `\nSecond factor: add this to an authenticator app now; it is not shown again.\n${uri}\n\n` +
              `${await QRCode.toString(uri, { type: 'utf8', errorCorrectionLevel: 'M' })}\n`,
          );
        }
        return 0;
      } finally {
        await store.close();
      }
    },
  };
}

export const fieldUser: Command = fieldUserWith(processInput);
