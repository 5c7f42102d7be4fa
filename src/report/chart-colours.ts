/**
 * Colours of the charts, one meaning per scale across all reports. An answer scale with a
 * polarity (agree … disagree, satisfied … dissatisfied, good … bad, ja … nee) is diverging:
 * the positive end is always blue and the negative end always red (ColorBrewer RdBu, safe for
 * colour-blind readers), whichever end the questionnaire lists first; the middle is grey.
 * A scale without polarity ("Gebruikt / Bekend, niet gebruikt / Onbekend", "Te veel / Precies
 * goed / Te weinig") gets one sequential hue (ColorBrewer Purples), so no answer reads as bad.
 * Answers outside the scale ("Weet ik niet", "N.v.t.") are a mid grey. Groups and waves without
 * order use Okabe & Ito (2008).
 */

/** ColorBrewer RdBu, darkest at the ends. */
const POSITIVE_SHADES = ['#2166ac', '#4393c3', '#92c5de', '#d1e5f0'];
const NEGATIVE_SHADES = ['#b2182b', '#d6604d', '#f4a582', '#fddbc7'];
const NEUTRAL = '#e0e0e0';
/** ColorBrewer Purples (7-class, darkest first), for ordered answers without polarity. */
const SEQUENTIAL = ['#4a1486', '#6a51a3', '#807dba', '#9e9ac8', '#bcbddc', '#dadaeb'];
/** Answers outside the ordered scale. */
export const OUTSIDE = '#9e9e9e';
/** Okabe & Ito palette without yellow (too light on white). */
export const CATEGORICAL = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#56b4e9', '#e69f00', '#000000'];
/** One series of bars: the colour carries no meaning, so a neutral slate. */
export const SINGLE = '#3f5f7f';
export const DASHES = ['', '6 3', '2 3', '8 3 2 3', '1 2', '10 4'];

const outsideScale = /^(n\.?v\.?t|niet van toepassing|weet|geen mening|kan ik niet|heb ik geen zicht|daar heb ik geen|n\/a|not applicable|don.?t know)/i;
const neutral = /^(niet .+\/ ?niet |neutraal|neither|noch )/i;
const negative = /^(helemaal |zeer |heel |erg |strongly |very )?(mee )?(oneens|niet eens|ontevreden|slecht|nee|onvoldoende|negatief|geenszins|disagree|dissatisfied|bad|poor|no)\b/i;
const positive = /^(helemaal |zeer |heel |erg |strongly |very )?(mee )?(eens|tevreden|goed|ja|voldoende|positief|in sterke mate|agree|satisfied|good|yes)\b/i;

export type Polarity = 'positiveFirst' | 'positiveLast' | 'none';

function sign(label: string): -1 | 0 | 1 {
  const l = label.trim();
  if (neutral.test(l)) return 0;
  if (negative.test(l)) return -1;
  if (positive.test(l)) return 1;
  return 0;
}

export function isOutsideScale(label: string): boolean {
  return outsideScale.test(label.trim());
}

/** Which end of an ordered answer scale is positive, read from its first and last answers. */
export function polarity(labels: readonly string[]): Polarity {
  const ordered = labels.filter((l) => !isOutsideScale(l));
  if (ordered.length < 2) return 'none';
  const first = sign(ordered[0]!);
  const last = sign(ordered[ordered.length - 1]!);
  if (first === 1 && last === -1) return 'positiveFirst';
  if (first === -1 && last === 1) return 'positiveLast';
  return 'none';
}

/** Colours for the answers of a scale, in the order given (see the module comment). */
export function scaleColours(labels: readonly string[]): string[] {
  const pol = polarity(labels);
  const ordered = labels.filter((l) => !isOutsideScale(l));
  let i = 0;
  if (pol === 'none') {
    const step = ordered.length <= 3 ? 2 : 1;
    return labels.map((l) => (isOutsideScale(l) ? OUTSIDE : SEQUENTIAL[Math.min(SEQUENTIAL.length - 1, step * i++)]!));
  }
  const half = Math.floor(ordered.length / 2);
  const odd = ordered.length % 2 === 1;
  const pick = (side: string[], k: number, count: number): string => {
    // Spread `count` colours over the side's four shades, darkest at the scale's end; the
    // lightest shade only for scales of four or more per side (it is close to grey).
    if (count <= 1) return side[1]!;
    const span = count >= 4 ? side.length - 1 : 2;
    return side[Math.round((k * span) / (count - 1))]!;
  };
  const [firstSide, lastSide] = pol === 'positiveFirst' ? [POSITIVE_SHADES, NEGATIVE_SHADES] : [NEGATIVE_SHADES, POSITIVE_SHADES];
  return labels.map((label) => {
    if (isOutsideScale(label)) return OUTSIDE;
    const k = i++;
    if (odd && k === half) return NEUTRAL;
    if (k < half) return pick(firstSide, k, half);
    const j = k - half - (odd ? 1 : 0);
    return pick(lastSide, half - 1 - j, half);
  });
}

/** Relative luminance (WCAG 2) of a #rrggbb colour, to pick black or white text on it. */
function luminance(hex: string): number {
  const channel = (i: number): number => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** Black or white, whichever contrasts more with `fill`. */
export function textOn(fill: string): string {
  const l = luminance(fill);
  return 1.05 / (l + 0.05) > (l + 0.05) / 0.05 ? '#ffffff' : '#000000';
}
