/** Fixed wording of the report blocks that come from coding (topics with quotes, "Anders" lists), per locale. */

export interface CodingWords {
  mentioned(n: number, of: number): string;
  perGroup(attribute: string): string;
  groupCount(group: string, n: number, of: number): string;
  answersTitle(other: string, wording: string): string;
  answersIntro(total: number, leftOut: number, other: string): string;
}

const nl: CodingWords = {
  mentioned: (n, of) => (n === 0 ? `In geen van de ${of} interviews genoemd.` : of === 1 ? `Genoemd in ${n} van 1 interview.` : `Genoemd in ${n} van de ${of} interviews.`),
  perGroup: (attribute) => `Per ${attribute}`,
  groupCount: (group, n, of) => `${group}: ${n} van ${of === 1 ? '1' : `de ${of}`}`,
  answersTitle: (other, wording) => `Antwoorden bij ‘${other}’: ${wording}`,
  answersIntro: (total, leftOut, other) => {
    const answers = (n: number): string => (n === 1 ? '1 antwoord' : `${n} antwoorden`);
    if (total === 0) return `Geen antwoorden bij ‘${other}’.`;
    if (leftOut === 0) return `${answers(total)} bij ‘${other}’, in alfabetische volgorde.`;
    const rest = total - leftOut;
    return `${answers(total)} bij ‘${other}’; ${leftOut} daarvan ${leftOut === 1 ? 'is' : 'zijn'} ingedeeld bij een bestaande categorie en hier weggelaten. ${rest === 0 ? 'Er blijven er geen over.' : `De overige ${rest}, in alfabetische volgorde:`}`;
  },
};

const en: CodingWords = {
  mentioned: (n, of) => (n === 0 ? `Mentioned in none of the ${of} interviews.` : `Mentioned in ${n} of ${of} interview${of === 1 ? '' : 's'}.`),
  perGroup: (attribute) => `By ${attribute}`,
  groupCount: (group, n, of) => `${group}: ${n} of ${of}`,
  answersTitle: (other, wording) => `Answers under ‘${other}’: ${wording}`,
  answersIntro: (total, leftOut, other) => {
    const answers = (n: number): string => (n === 1 ? '1 answer' : `${n} answers`);
    if (total === 0) return `No answers under ‘${other}’.`;
    if (leftOut === 0) return `${answers(total)} under ‘${other}’, in alphabetical order.`;
    const rest = total - leftOut;
    return `${answers(total)} under ‘${other}’; ${leftOut} of them ${leftOut === 1 ? 'was' : 'were'} moved to an existing category and are left out here. ${rest === 0 ? 'None remain.' : `The other ${rest}, in alphabetical order:`}`;
  },
};

export function codingWords(locale: string): CodingWords {
  return locale.startsWith('nl') ? nl : en;
}
