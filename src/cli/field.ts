/**
 * `spiegel field <subcommand>`: fieldwork of a study, from the store to the analysis file.
 * One line per subcommand below; each lives in its own file (field-<name>.ts) and is loaded
 * only when it runs.
 */
import { UsageError } from '../errors.js';
import type { Command, CommandIO } from './command.js';

interface FieldSubcommand {
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}

export const fieldSubcommands: readonly FieldSubcommand[] = [
  { name: 'init', summary: 'create the response store of a wave (SQLite beside the spec, or --database URL)', load: async () => (await import('./field-init.js')).fieldInit },
  { name: 'import', summary: 'create a link and login code per sampled unit (and --test N test links)', load: async () => (await import('./field-import.js')).fieldImport },
  { name: 'letters', summary: 'write the invitation or reminder letters (PDF or Word) and record their posting', load: async () => (await import('./field-letters.js')).fieldLetters },
  { name: 'export', summary: 'write the responses as the wave\'s analysis file (.sav or .csv + codebook)', load: async () => (await import('./field-export.js')).fieldExport },
  { name: 'status', summary: 'fieldwork status, AAPOR dispositions and response rates per stratum (--by, --csv, --json)', load: async () => (await import('./field-status.js')).fieldStatus },
  { name: 'serve', summary: 'serve the web questionnaire (--port, --host; several processes may share PostgreSQL)', load: async () => (await import('./field-serve.js')).fieldServe },
  { name: 'remind', summary: 'send the reminders that are due (fieldwork.reminders) to those who have not answered', load: async () => (await import('./field-remind.js')).fieldRemind },
  { name: 'send', summary: 'e-mail the invitations, at most once each (--smtp URL or SPIEGEL_SMTP_URL, --dry-run)', load: async () => (await import('./field-send.js')).fieldSend },
  { name: 'purge', summary: 'remove the contact data after fieldwork and keep the answers (--dry-run, --yes)', load: async () => (await import('./field-purge.js')).fieldPurge },
  { name: 'user', summary: 'accounts of the researcher\'s side: add, list, disable, passwd (roles, optional TOTP)', load: async () => (await import('./field-user.js')).fieldUser },
  { name: 'audit', summary: 'print the audit log: logins, exports, views of contact data, newest first', load: async () => (await import('./field-audit.js')).fieldAudit },
  { name: 'try', summary: 'try the questionnaire locally on a temporary store with test links', load: async () => (await import('./field-try.js')).fieldTry },
];

const help = (): string =>
  [
    'Usage: spiegel field <subcommand> STUDY.yaml [options]   (spiegel field <subcommand> --help)',
    '',
    'Fieldwork of a study: the web questionnaire is the spec\'s questions; answers are kept in a',
    'store (SQLite file <study>.field.sqlite beside the spec, or PostgreSQL with --database URL or',
    'SPIEGEL_DATABASE_URL).',
    '',
    'Subcommands:',
    ...fieldSubcommands.map((s) => `  ${s.name.padEnd(8)} ${s.summary}`),
    '',
    'Example:',
    '  spiegel field init study.yaml --wave 2021',
    '  spiegel field import study.yaml --sample sample.csv --letters letters.csv --base-url https://enquete.example.nl',
    '  spiegel field serve study.yaml --port 8080',
    '  spiegel field export study.yaml --wave 2021 --out data/respondenten-2021.sav',
    '  spiegel field try study.yaml                (the questionnaire with test links, nothing kept)',
    '',
  ].join('\n');

export const fieldCommand: Command = {
  name: 'field',
  get help() {
    return help();
  },
  async run(args: string[], io: CommandIO): Promise<number> {
    const [name, ...rest] = args;
    const sub = fieldSubcommands.find((s) => s.name === name);
    if (sub === undefined) {
      throw new UsageError(`${name === undefined ? 'field needs a subcommand' : `unknown field subcommand "${name}"`}\n\n${help()}`);
    }
    const command = await sub.load();
    return command.run(rest, io);
  },
};
