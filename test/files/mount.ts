/**
 * Test-only tmpfs mounts (a second file system for cross-device, full-disk and read-only cases).
 * Mounting needs root; without it the tests that need one skip with the reason printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';

export interface Mount {
  readonly path: string;
  /** Remount read-only. */
  readOnly(): void;
  unmount(): void;
}

/** Mounts a tmpfs of `size` (e.g. "4m") at `path`, or returns the reason it cannot. */
export function mountTmpfs(path: string, size = '8m'): Mount | string {
  mkdirSync(path, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', path], { stdio: 'pipe' });
  } catch (err) {
    return `cannot mount a tmpfs at ${path} (needs root): ${(err as Error).message.split('\n')[0]}`;
  }
  return {
    path,
    readOnly: () => execFileSync('mount', ['-o', 'remount,ro', path], { stdio: 'pipe' }),
    unmount: () => execFileSync('umount', ['-l', path], { stdio: 'pipe' }),
  };
}
