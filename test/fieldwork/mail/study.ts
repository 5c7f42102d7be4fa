/**
 * A fielded study for the command tests of send and remind: the fieldwork fixture spec with an
 * e-mail column, baseUrl, reminders and e-mail templates; six sampled people (one without an
 * address, one with an address that is not one); the store initialised and the sample imported.
 */
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../store/setup.js';

export const FIELDWORK_EMAIL = `  contactColumns: [naam, adres, postcode, woonplaats, email]
  baseUrl: https://enquete.example.nl/
  closes: 2021-08-15T23:59
  reminders: [14, 28]
  email:
    from: Onderzoek Spiegel <onderzoek@example.nl>
    replyTo: vragen@example.nl
    column: email
    perMinute: 6000
    invitation:
      subject: Uitnodiging klantenquête
      body: |
        Beste {{naam}},

        Doe mee vóór {{closes}}: {{link}}
    reminders:
      - { subject: Herinnering, body: "Beste {{naam}}, doe nog mee: {{link}}" }
      - { subject: Laatste herinnering, body: "Beste {{naam}}, de laatste kans: {{link}}" }
`;

export interface MailStudy {
  readonly dir: string;
  readonly spec: string;
}

export async function mailStudy(prefix: string, database?: string): Promise<MailStudy> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const spec = join(dir, 'study.yaml');
  copyFileSync('test/fixtures/fieldwork/study.yaml', spec);
  const text = readFileSync(spec, 'utf8');
  const patched = text.replace('  contactColumns: [naam, adres, postcode, woonplaats]\n', FIELDWORK_EMAIL);
  if (patched === text) throw new Error('fixture spec changed: contactColumns line not found');
  writeFileSync(spec, patched);
  const rows = [
    'id,stratum,design_weight,geslacht,naam,adres,postcode,woonplaats,email',
    'u1,A,2,1,Anna,Dorpsstraat 1,1001 AB,Utrecht,anna@example.org',
    'u2,A,2,2,Bert,Dorpsstraat 2,1002 AB,Utrecht,bert@example.org',
    'u3,B,3,1,Carla,Dorpsstraat 3,1003 AB,Utrecht,carla@example.org',
    'u4,B,3,2,Dirk,Dorpsstraat 4,1004 AB,Utrecht,',
    'u5,B,3,1,Els,Dorpsstraat 5,1005 AB,Utrecht,els at example',
    'u6,B,3,2,Frank,Dorpsstraat 6,1006 AB,Utrecht,frank@example.org',
  ];
  writeFileSync(join(dir, 'sample.csv'), rows.join('\n') + '\n');
  const db = database === undefined ? [] : ['--database', database];
  const init = await run(['field', 'init', spec, ...db]);
  if (init.code !== 0) throw new Error(`field init failed: ${init.stderr}`);
  const imp = await run(['field', 'import', spec, '--sample', join(dir, 'sample.csv'), '--letters', join(dir, 'letters.csv'), '--test', '1', ...db]);
  if (imp.code !== 0) throw new Error(`field import failed: ${imp.stderr}`);
  return { dir, spec };
}
