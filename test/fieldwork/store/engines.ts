/**
 * Both store engines for a test file: a fresh SQLite file in a temporary folder, and (with
 * SPIEGEL_TEST_PG) a fresh PostgreSQL database, dropped in `cleanup`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { StoreLocation } from '../../../src/fieldwork/store/types.js';
import { createTestDatabase, pgEnabled } from '../pg.js';

export interface Engine {
  readonly name: 'sqlite' | 'postgres';
  /** A fresh, empty location for one store. */
  fresh(): Promise<StoreLocation>;
  cleanup(): Promise<void>;
}

/** The engines to run a test file on; `what` names the file in the skip message. */
export function storeEngines(what: string): Engine[] {
  const tmp = mkdtempSync(join(tmpdir(), 'spiegel-store-'));
  let n = 0;
  const sqlite: Engine = {
    name: 'sqlite',
    fresh: async () => ({ engine: 'sqlite', file: join(tmp, `s${++n}.field.sqlite`) }),
    cleanup: async () => rmSync(tmp, { recursive: true, force: true }),
  };
  const drops: (() => Promise<void>)[] = [];
  const postgres: Engine = {
    name: 'postgres',
    async fresh() {
      const db = await createTestDatabase();
      drops.push(db.drop);
      return { engine: 'postgres', url: db.url };
    },
    async cleanup() {
      for (const d of drops) await d();
    },
  };
  return [sqlite, ...(pgEnabled(what) ? [postgres] : [])];
}
