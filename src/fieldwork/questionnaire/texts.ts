/**
 * Every system text of the web questionnaire, one small dictionary per language, in plain
 * language (B1: short sentences, common words, "u" in Dutch). The questions themselves come
 * from the spec in the study's language.
 */
import type { Language } from '../types.js';

export interface SystemTexts {
  readonly next: string;
  readonly back: string;
  readonly start: string;
  readonly send: string;
  readonly goOn: string;
  readonly progress: (done: number, total: number) => string;
  readonly errorPrefix: string;
  readonly errorSummaryTitle: string;
  readonly errorTitlePrefix: string;
  readonly chooseAll: string;
  readonly or: string;
  readonly numberHint: (range?: readonly [number, number]) => string;
  readonly ratingHint: (lo: number, hi: number) => string;
  readonly openHint: (max: number) => string;
  readonly otherTextLabel: (label: string) => string;
  readonly footer: string;
  readonly questions: string;
  /** Banner title when the spec gives no `fieldwork.title`. */
  readonly questionnaire: string;
  // validation
  readonly chooseOne: string;
  readonly unknownCode: string;
  readonly notANumber: string;
  readonly outOfRange: (lo: number, hi: number) => string;
  readonly atLeast: (lo: number) => string;
  readonly atMost: (hi: number) => string;
  readonly wholeNumber: (lo: number, hi: number) => string;
  readonly tooLong: (max: number, n: number) => string;
  readonly otherWithoutChoice: (label: string) => string;
  readonly exclusive: (label: string) => string;
  // system pages
  readonly introTitle: string;
  readonly introText: string;
  readonly privacy: string;
  readonly loginTitle: string;
  readonly loginText: string;
  readonly loginLabel: string;
  readonly loginHint: string;
  readonly thanksTitle: string;
  readonly thanksText: string;
  readonly thanksClose: string;
  readonly closedTitle: string;
  readonly closedText: string;
  readonly staleTitle: string;
  readonly staleText: string;
  readonly invalidTitle: string;
  readonly invalidText: string;
  readonly errorTitle: string;
  readonly errorText: string;
  readonly toQuestionnaire: string;
  // opt-out page (/u/<token>, the link in every e-mail)
  readonly optOutTitle: string;
  readonly optOutText: string;
  readonly optOutButton: string;
  readonly optOutDoneTitle: string;
  readonly optOutDoneText: string;
  readonly optOutCompleted: string;
  /** Button of a page that sends the respondent to the login page (to type the code from the letter). */
  readonly toLogin: string;
}

const nl: SystemTexts = {
  next: 'Volgende',
  back: 'Vorige',
  start: 'Begin met de vragenlijst',
  send: 'Verder',
  goOn: 'Ga verder met de vragenlijst',
  progress: (done, total) => `${done} van ${total} ${total === 1 ? 'pagina' : "pagina's"} klaar`,
  errorPrefix: 'Fout:',
  errorSummaryTitle: 'Er is iets niet goed ingevuld',
  errorTitlePrefix: 'Fout: ',
  chooseAll: 'Kies alles wat voor u geldt.',
  or: 'of',
  numberHint: (range) => (range === undefined ? 'Vul een getal in.' : `Vul een getal in van ${fmt(range[0], 'nl')} tot en met ${fmt(range[1], 'nl')}.`),
  ratingHint: (lo, hi) => `Geef een cijfer van ${lo} tot en met ${hi}. ${lo} is het laagste cijfer, ${hi} het hoogste.`,
  openHint: (max) => `U kunt ten hoogste ${max} tekens typen. U mag dit ook leeg laten.`,
  otherTextLabel: (label) => `Uw antwoord bij ‘${label}’`,
  footer: 'Wij gaan zorgvuldig om met uw antwoorden. Niemand kan zien welke antwoorden van u zijn.',
  questions: 'Vragen',
  questionnaire: 'Vragenlijst',
  chooseOne: 'Kies één antwoord.',
  unknownCode: 'Kies een antwoord uit de lijst.',
  notANumber: 'Vul een getal in, bijvoorbeeld 12.',
  outOfRange: (lo, hi) => `Vul een getal in van ${fmt(lo, 'nl')} tot en met ${fmt(hi, 'nl')}.`,
  atLeast: (lo) => `Vul een getal in van ${fmt(lo, 'nl')} of meer.`,
  atMost: (hi) => `Vul een getal in van ${fmt(hi, 'nl')} of minder.`,
  wholeNumber: (lo, hi) => `Kies een cijfer van ${lo} tot en met ${hi}.`,
  tooLong: (max, n) => `Uw antwoord is te lang. U kunt ten hoogste ${max} tekens gebruiken. Het zijn er nu ${n}.`,
  otherWithoutChoice: (label) => `U heeft tekst getypt bij ‘${label}’, maar een ander antwoord gekozen. Kies ‘${label}’ of maak het vak leeg.`,
  exclusive: (label) => `‘${label}’ kunt u niet samen met een ander antwoord kiezen. Kies ‘${label}’ of de andere antwoorden.`,
  introTitle: 'Welkom',
  introText: 'Fijn dat u meedoet. De vragenlijst gaat over uw ervaringen. Er zijn geen goede of foute antwoorden. U kunt stoppen en later verder gaan: uw antwoorden worden bewaard.',
  privacy: 'Wij gaan zorgvuldig om met uw antwoorden. In de uitkomsten is niet te zien wat u persoonlijk heeft geantwoord.',
  loginTitle: 'Vul uw code in',
  loginText: 'In de brief die u van ons kreeg staat een code. Met die code komt u bij de vragenlijst.',
  loginLabel: 'Code uit de brief',
  loginHint: 'Bijvoorbeeld: K7M-4XR-9TC. Kleine letters en streepjes maken niet uit.',
  thanksTitle: 'Bedankt voor het invullen',
  thanksText: 'Uw antwoorden zijn opgeslagen.',
  thanksClose: 'U kunt dit venster nu sluiten.',
  closedTitle: 'De vragenlijst is gesloten',
  closedText: 'U kunt de vragenlijst nu niet invullen. Kijk in de brief vanaf wanneer en tot wanneer dat kan.',
  staleTitle: 'Uw antwoorden zijn ergens anders veranderd',
  staleText:
    'U heeft de vragenlijst ook in een ander venster of op een ander apparaat ingevuld. Daarom hebben wij de antwoorden op deze pagina niet opgeslagen. Er is niets verloren gegaan. Ga verder om de nieuwste versie te zien.',
  invalidTitle: 'Dit lukt niet',
  invalidText: 'Deze link of code werkt niet. Gebruik de link of de code uit uw brief.',
  errorTitle: 'Er ging iets mis',
  errorText: 'Dit ligt niet aan u. Uw eerdere antwoorden zijn bewaard. Probeer het over een paar minuten opnieuw.',
  toQuestionnaire: 'Naar de vragenlijst',
  optOutTitle: 'Wilt u geen berichten meer ontvangen?',
  optOutText: 'Dan sturen wij u geen e-mails en brieven meer over dit onderzoek. Meedoen is vrijwillig. U hoeft niets uit te leggen.',
  optOutButton: 'Ik wil geen berichten meer',
  optOutDoneTitle: 'U bent afgemeld',
  optOutDoneText: 'U krijgt geen berichten meer over dit onderzoek. Een brief die al onderweg is, kan nog aankomen. Bedankt voor uw tijd.',
  optOutCompleted: 'U heeft de vragenlijst al ingevuld. U krijgt daarom geen herinneringen meer. Bedankt voor uw antwoorden.',
  toLogin: 'Code uit de brief invullen',
};

const en: SystemTexts = {
  next: 'Next',
  back: 'Back',
  start: 'Start the questionnaire',
  send: 'Continue',
  goOn: 'Continue with the questionnaire',
  progress: (done, total) => `${done} of ${total} ${total === 1 ? 'page' : 'pages'} done`,
  errorPrefix: 'Error:',
  errorSummaryTitle: 'Something is not filled in correctly',
  errorTitlePrefix: 'Error: ',
  chooseAll: 'Choose all that apply to you.',
  or: 'or',
  numberHint: (range) => (range === undefined ? 'Enter a number.' : `Enter a number from ${fmt(range[0], 'en')} to ${fmt(range[1], 'en')}.`),
  ratingHint: (lo, hi) => `Give a mark from ${lo} to ${hi}. ${lo} is the lowest mark, ${hi} the highest.`,
  openHint: (max) => `You can type up to ${max} characters. You may also leave this empty.`,
  otherTextLabel: (label) => `Your answer for ‘${label}’`,
  footer: 'We handle your answers with care. Nobody can see which answers are yours.',
  questions: 'Questions',
  questionnaire: 'Questionnaire',
  chooseOne: 'Choose one answer.',
  unknownCode: 'Choose an answer from the list.',
  notANumber: 'Enter a number, for example 12.',
  outOfRange: (lo, hi) => `Enter a number from ${fmt(lo, 'en')} to ${fmt(hi, 'en')}.`,
  atLeast: (lo) => `Enter a number of ${fmt(lo, 'en')} or more.`,
  atMost: (hi) => `Enter a number of ${fmt(hi, 'en')} or less.`,
  wholeNumber: (lo, hi) => `Choose a mark from ${lo} to ${hi}.`,
  tooLong: (max, n) => `Your answer is too long. You can use up to ${max} characters. It now has ${n}.`,
  otherWithoutChoice: (label) => `You typed text at ‘${label}’ but chose another answer. Choose ‘${label}’ or empty the box.`,
  exclusive: (label) => `You cannot choose ‘${label}’ together with another answer. Choose ‘${label}’ or the other answers.`,
  introTitle: 'Welcome',
  introText: 'Thank you for taking part. The questionnaire is about your experiences. There are no right or wrong answers. You can stop and go on later: your answers are saved.',
  privacy: 'We handle your answers with care. The results do not show what you answered yourself.',
  loginTitle: 'Enter your code',
  loginText: 'The letter we sent you has a code on it. The code takes you to the questionnaire.',
  loginLabel: 'Code from the letter',
  loginHint: 'For example: K7M-4XR-9TC. Small letters and dashes do not matter.',
  thanksTitle: 'Thank you for filling in the questionnaire',
  thanksText: 'Your answers have been saved.',
  thanksClose: 'You can close this window now.',
  closedTitle: 'The questionnaire is closed',
  closedText: 'You cannot fill in the questionnaire now. Your letter says from when until when you can.',
  staleTitle: 'Your answers were changed somewhere else',
  staleText:
    'You also filled in the questionnaire in another window or on another device. So we did not save the answers on this page. Nothing is lost. Continue to see the latest version.',
  invalidTitle: 'This does not work',
  invalidText: 'This link or code does not work. Use the link or the code from your letter.',
  errorTitle: 'Something went wrong',
  errorText: 'This is not your fault. Your earlier answers are saved. Please try again in a few minutes.',
  toQuestionnaire: 'Go to the questionnaire',
  optOutTitle: 'Do you want to stop receiving messages?',
  optOutText: 'Then we will not send you any more e-mails or letters about this study. Taking part is voluntary. You do not have to explain why.',
  optOutButton: 'Stop sending me messages',
  optOutDoneTitle: 'You have unsubscribed',
  optOutDoneText: 'You will not get any more messages about this study. A letter that is already on its way may still arrive. Thank you for your time.',
  optOutCompleted: 'You have already filled in the questionnaire, so you will not get any reminders. Thank you for your answers.',
  toLogin: 'Enter the code from your letter',
};

const dictionaries: Record<Language, SystemTexts> = { nl, en };

export function systemTexts(language: Language): SystemTexts {
  return dictionaries[language];
}

/** A number as the respondent reads it: decimal comma in Dutch. */
export function fmt(x: number, language: Language): string {
  return language === 'nl' ? String(x).replace('.', ',') : String(x);
}
