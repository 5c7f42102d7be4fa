/** Short texts the server adds to system pages, in plain language (B1), Dutch and English. */
import type { Language } from '../types.js';

const texts = {
  loginEmpty: {
    nl: 'Vul de code in die in uw brief staat.',
    en: 'Enter the code from your letter.',
  },
  loginUnknown: {
    nl: 'Deze code kennen wij niet. Kijk of u de code goed hebt overgenomen uit de brief.',
    en: 'We do not know this code. Check that you copied the code from the letter correctly.',
  },
  tooMany: {
    nl: 'U hebt het te vaak geprobeerd. Wacht een kwartier en probeer het dan opnieuw.',
    en: 'You tried too many times. Wait fifteen minutes and try again.',
  },
  forged: {
    nl: 'Dit formulier kunnen wij niet verwerken. Ga terug naar de vragenlijst en probeer het opnieuw.',
    en: 'We cannot process this form. Go back to the questionnaire and try again.',
  },
  outOfOrder: {
    nl: 'Deze vraag kunt u nu niet openen. Ga verder waar u was gebleven.',
    en: 'You cannot open this question now. Go on where you left off.',
  },
  tooLarge: {
    nl: 'Uw antwoord is te lang. Maak het korter en probeer het opnieuw.',
    en: 'Your answer is too long. Make it shorter and try again.',
  },
  expired: {
    nl: 'Deze link werkt niet (meer). Gebruik de link of de code uit uw brief.',
    en: 'This link does not work (any more). Use the link or the code from your letter.',
  },
  noSession: {
    nl: 'Wij weten niet wie u bent. Gebruik de link of de code uit uw brief.',
    en: 'We do not know who you are. Use the link or the code from your letter.',
  },
} as const;

export type MessageKey = keyof typeof texts;

export function message(key: MessageKey, language: Language): string {
  return texts[key][language];
}
