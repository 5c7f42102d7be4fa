/**
 * Words of an open answer for matching: lower case, accents removed ("één" → "een"), split on
 * anything that is not a letter or digit, common Dutch and English function words dropped.
 * No stemming: answers are short and a wrong stem does more harm than a missed plural.
 */

const STOPWORDS = new Set(
  (
    'de het een en of maar dat die dit deze er is zijn was waren ben bent wordt worden werd ' +
    'ik je jij u hij zij ze we wij jullie mij me mijn jouw uw zijn haar ons onze hun hen ' +
    'in op aan met voor van naar bij uit over om tot door als dan te ook nog wel niet geen ' +
    'heel erg meer veel zo al wat wie hoe waar wanneer omdat want dus toch even kan kunnen ' +
    'moet moeten zou zouden heb hebt heeft hebben had hadden word ga gaat gaan doe doet doen ' +
    'the a an and or but to of in on for with is are was were be been it this that i you ' +
    'he she we they my your our their not no at by from as so do does did have has had'
  ).split(' '),
);

export function tokens(text: string): string[] {
  const words = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u);
  return words.filter((w) => w.length > 1 && !STOPWORDS.has(w));
}

/** The same folding for a keyword written by a researcher (so "Één" matches "een"). */
export function foldKeyword(keyword: string): string {
  return keyword
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .trim();
}
