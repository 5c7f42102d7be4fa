/**
 * At most `perMinute` messages handed to the server per minute: consecutive hand-overs are at
 * least 60 000 / perMinute ms apart. The clock is a parameter so tests measure the spacing on a
 * fake clock instead of timing a real one.
 */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

export class Throttle {
  private last: number | undefined;
  readonly intervalMs: number;

  constructor(
    perMinute: number,
    private readonly clock: Clock,
  ) {
    this.intervalMs = 60_000 / perMinute;
  }

  /** Waits until the next message may go, and counts it as gone. */
  async next(): Promise<void> {
    if (this.last !== undefined) {
      const wait = this.last + this.intervalMs - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
    }
    this.last = this.clock.now();
  }
}
