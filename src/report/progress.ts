/**
 * A one-line progress bar for long runs, drawn on stderr only when it is a terminal, so
 * pipes and logs stay clean: "[██████░░░░░░]  50%  tables: t5a".
 */
export interface ProgressSink {
  err(text: string): void;
  readonly interactive: boolean;
}

export class ProgressBar {
  private lastLine = '';
  private drawn = false;

  constructor(
    private readonly sink: ProgressSink,
    private readonly width: number = process.stderr.columns ?? 80,
  ) {}

  /** Redraw for `done` of `total` steps with a label; does nothing when not on a terminal. */
  update(done: number, total: number, label: string): void {
    if (!this.sink.interactive) return;
    const fraction = total > 0 ? Math.min(1, Math.max(0, done / total)) : 0;
    const barWidth = Math.max(10, Math.min(30, this.width - 30));
    const filled = Math.round(fraction * barWidth);
    const percent = `${Math.round(fraction * 100)}%`.padStart(4);
    const head = `[${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}] ${percent}  `;
    // Control characters in a label (from a spec) must not move the cursor.
    const clean = label.replace(/[\u0000-\u001F\u007F-\u009F]/g, '');
    const room = Math.max(0, this.width - 1 - [...head].length);
    const text = [...clean].length > room ? `${[...clean].slice(0, Math.max(0, room - 1)).join('')}…` : clean;
    const line = head + text;
    if (line === this.lastLine) return;
    this.lastLine = line;
    this.drawn = true;
    // \r back to the start, \x1b[2K clears the line before drawing.
    this.sink.err(`\r\u001b[2K${line}`);
  }

  /** Remove the bar so the next message starts on a clean line. */
  clear(): void {
    if (!this.drawn) return;
    this.sink.err('\r\u001b[2K');
    this.drawn = false;
    this.lastLine = '';
  }
}
