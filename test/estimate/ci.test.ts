import { describe, expect, it } from 'vitest';
import { confidenceInterval } from '../../src/estimate/ci.js';

describe('Wilson interval (not in R survey)', () => {
  it('reduces to the classical Wilson score interval for simple random sampling and df = ∞', () => {
    // 20 of 100: the textbook Wilson 95% interval is 0.1334 – 0.2888 (z = 1.96):
    // centre (0.2 + z²/200)/(1 + z²/100) = 0.21110, half-width z/(1 + z²/100)·√(0.0016 + z²/40000) = 0.07773
    const [lo, hi] = confidenceInterval(0.2, Math.sqrt((0.2 * 0.8) / 100), Infinity, { level: 0.95, method: 'wilson' }, 100);
    expect(lo).toBeCloseTo(0.1334, 4);
    expect(hi).toBeCloseTo(0.2888, 4);
  });
  it('widens with a design effect (smaller effective n)', () => {
    const srs = confidenceInterval(0.2, 0.04, Infinity, { level: 0.95, method: 'wilson' }, 100);
    const clustered = confidenceInterval(0.2, 0.06, Infinity, { level: 0.95, method: 'wilson' }, 100);
    expect(clustered[1] - clustered[0]).toBeGreaterThan(srs[1] - srs[0]);
    expect(clustered[0]).toBeGreaterThan(0);
  });
});
