/** Messages between the store (sqlite-writer.ts) and its writer thread (sqlite-writer.worker.ts). */
import type { WriteFailure, WriteOutcome } from './group-commit.js';
import type { WriteOp } from './write-ops.js';

export type ToWriter =
  | { readonly type: 'batch'; readonly batch: number; readonly ops: readonly WriteOp[] }
  | { readonly type: 'close' };

export type FromWriter =
  | { readonly type: 'ready' }
  | { readonly type: 'failed'; readonly error: WriteFailure }
  | { readonly type: 'done'; readonly batch: number; readonly outcomes: readonly WriteOutcome[] }
  | { readonly type: 'closed' };
