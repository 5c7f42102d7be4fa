/** The dashboard's small pure parts: the User-Agent classifier, R's median, small-cell suppression, calendar days. */
import { describe, expect, it } from 'vitest';
import { axisStep } from '../../../src/fieldwork/dashboard/chart.js';
import { localDay } from '../../../src/fieldwork/dashboard/days.js';
import { duration } from '../../../src/fieldwork/dashboard/page.js';
import { classifyDevice } from '../../../src/fieldwork/dashboard/device.js';
import { median } from '../../../src/fieldwork/dashboard/median.js';
import { cellText, suppressColumn } from '../../../src/fieldwork/dashboard/suppress.js';

describe('classifyDevice', () => {
  // User-Agent strings as the browsers send them.
  const cases: [string, string | undefined][] = [
    ['Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1', 'phone'],
    ['Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36', 'phone'],
    ['Mozilla/5.0 (Linux; Android 13; SM-X700) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'tablet'],
    ['Mozilla/5.0 (iPad; CPU OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1', 'tablet'],
    ['Mozilla/5.0 (Android 14; Mobile; rv:125.0) Gecko/125.0 Firefox/125.0', 'phone'],
    ['Mozilla/5.0 (Android 14; Tablet; rv:125.0) Gecko/125.0 Firefox/125.0', 'tablet'],
    ['Mozilla/5.0 (Linux; Android 11; KFTRWI) AppleWebKit/537.36 (KHTML, like Gecko) Silk/124.1.1 like Chrome/124.0.0.0 Safari/537.36', 'tablet'],
    ['Mozilla/5.0 (Windows Phone 10.0; Android 6.0.1; Microsoft; Lumia 950) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/52.0 Mobile Safari/537.36 Edge/15.14977', 'phone'],
    ['Opera/9.80 (J2ME/MIDP; Opera Mini/9.80 (S60; SymbOS; Opera Mobi/23.348; U; en) Presto/2.5.25 Version/10.54', 'phone'],
    ['Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36', 'desktop'],
    ['Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15', 'desktop'],
    ['Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0', 'desktop'],
    ['curl/8.5.0', 'desktop'],
    ['', undefined],
    ['   ', undefined],
  ];
  it.each(cases)('%s → %s', (ua, device) => {
    expect(classifyDevice(ua)).toBe(device);
  });
  it('has no device without a User-Agent', () => {
    expect(classifyDevice(undefined)).toBeUndefined();
  });
});

describe('median as R computes it', () => {
  it('takes the middle value for odd n and the mean of the two middle ones for even n', () => {
    // R: median(c(5, 1, 3)) = 3; median(c(4, 1, 3, 2)) = 2.5; median(7) = 7
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(median([])).toBeUndefined();
  });
  it('sorts numerically, not as text', () => {
    // numeric order 2, 9, 10, 100 → (9 + 10) / 2; a text sort ("10", "100", "2", "9") would give (100 + 2) / 2
    expect(median([10, 9, 100, 2])).toBe(9.5);
  });
});

describe('small-cell suppression', () => {
  it('hides counts between 0 and the threshold, keeps zeros', () => {
    expect(suppressColumn([0, 1, 4, 5, 12], 5)).toEqual([0, { hidden: 'small', threshold: 5 }, { hidden: 'small', threshold: 5 }, 5, 12]);
  });
  it('hides the smallest other non-zero count when one small cell could be derived from the total', () => {
    expect(suppressColumn([7, 3, 0, 12], 5)).toEqual([{ hidden: 'complement', threshold: 5 }, { hidden: 'small', threshold: 5 }, 0, 12]);
  });
  it('leaves a column without small counts alone', () => {
    expect(suppressColumn([7, 0, 12], 5)).toEqual([7, 0, 12]);
  });
  it('writes small cells as "< 5" and complementary ones as "x"', () => {
    const [a, b, c] = suppressColumn([7, 3, 9], 5);
    expect([cellText(a), cellText(b), cellText(c)]).toEqual(['x', '< 5', '9']);
  });
});

describe('calendar days in the study\'s zone', () => {
  it('puts an instant on the local day, across midnight and DST', () => {
    expect(localDay('2021-06-14T22:30:00Z', 'Europe/Amsterdam')).toBe('2021-06-15'); // UTC+2
    expect(localDay('2021-12-14T22:30:00Z', 'Europe/Amsterdam')).toBe('2021-12-14'); // UTC+1: 23:30
    expect(localDay('2021-12-14T23:30:00Z', 'Europe/Amsterdam')).toBe('2021-12-15');
    expect(localDay('2021-06-15T03:00:00Z', 'America/New_York')).toBe('2021-06-14');
  });
});

describe('how the page writes numbers', () => {
  it('writes a duration to the whole second', () => {
    expect(duration(720)).toBe('12 min 0 s');
    expect(duration(725.4)).toBe('12 min 5 s');
    expect(duration(3725)).toBe('1 h 2 min 5 s');
    expect(duration(42)).toBe('42 s');
  });
  it('steps a chart axis by 1, 2 or 5 times a power of ten', () => {
    expect(axisStep(55)).toBe(20); // 55 / 5 = 11 → 20
    expect(axisStep(300)).toBe(100); // 60 → 100
    expect(axisStep(3)).toBe(1); // never below one respondent
    expect(axisStep(0)).toBe(1);
  });
});
