/**
 * Text for a terminal: control characters from data, labels and file names must not act (an ESC
 * sequence can rewrite the screen, set the window title or hide text). C0 controls except line
 * feed and tab, DEL, C1 controls and the bidirectional overrides (which can reorder what is shown)
 * become `\uXXXX`. The escape is also valid inside a JSON string, so JSON output stays valid JSON
 * with the same values.
 */

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const escapeOne = (c: string): string => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/** `text` with every control character written as `\uXXXX`. */
export function escapeTerminal(text: string): string {
  return text.replace(CONTROL, escapeOne);
}

/** The progress bar's own "back to the start, clear the line" sequence, the one control it may send. */
const PROGRESS_CLEAR = '\r\u001b[2K';

/** Like escapeTerminal, but keeps the progress bar's line-clearing sequence working. */
export function escapeTerminalKeepProgress(text: string): string {
  return text.includes(PROGRESS_CLEAR) ? text.split(PROGRESS_CLEAR).map(escapeTerminal).join(PROGRESS_CLEAR) : escapeTerminal(text);
}
