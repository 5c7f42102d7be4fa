/** A store with participants that have e-mail addresses, and the mail settings of a spec. */
import { newLoginCode, newToken } from '../../../src/fieldwork/store/credentials.js';
import { createFieldStore } from '../../../src/fieldwork/store/open.js';
import type { FieldStore, NewParticipant } from '../../../src/fieldwork/store/types.js';
import type { MailSettings } from '../../../src/fieldwork/mail/settings.js';
import { parseMailbox } from '../../../src/fieldwork/mail/message.js';
import { EmailSpec } from '../../../src/spec/fieldwork-contact.js';
import type { Engine } from '../store/engines.js';

export const BASE = 'https://enquete.example.nl';

export function person(id: string, email: string, naam = `Naam ${id}`): NewParticipant {
  return { id, token: newToken(), loginCode: newLoginCode(), test: false, register: { stratum: 'A' }, contact: { naam, email } };
}

export async function mailStore(engine: Engine, people: readonly NewParticipant[]): Promise<FieldStore> {
  const store = await createFieldStore(await engine.fresh(), { studyId: 'mailtest', wave: 2021, structureHash: 'h', structure: '{}', anonymous: false });
  await store.addParticipants(people);
  return store;
}

export function settings(overrides: { perMinute?: number; reminders?: number[] } = {}): MailSettings {
  const email = EmailSpec.parse({
    from: 'Onderzoek Spiegel <onderzoek@example.nl>',
    replyTo: 'vragen@example.nl',
    column: 'email',
    perMinute: overrides.perMinute ?? 6000,
    invitation: { subject: 'Uitnodiging voor {{naam}}', body: 'Beste {{naam}},\n\nDoe mee: {{link}}\n\nUw code is **{{code}}**.' },
    reminders: [
      { subject: 'Herinnering', body: 'Beste {{naam}}, wilt u nog meedoen? {{link}}' },
      { subject: 'Laatste herinnering', body: 'Beste {{naam}}, dit is de laatste keer. {{link}}\n\nAfmelden: {{optOut}}' },
    ],
  });
  return {
    email,
    from: parseMailbox(email.from)!,
    replyTo: parseMailbox(email.replyTo!)!,
    baseUrl: BASE,
    language: 'nl',
    closes: '15 augustus 2021',
    reminderDays: overrides.reminders ?? [14, 28],
  };
}
