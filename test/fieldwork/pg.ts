/**
 * PostgreSQL for tests: SPIEGEL_TEST_PG is a superuser URL (.ci/run exports it); each test file
 * creates a database with a random name and drops it afterwards, since others share the server.
 * Without SPIEGEL_TEST_PG the PostgreSQL tests are skipped with a printed reason, unless
 * SPIEGEL_REQUIRE_PG=1 (CI), where they must run.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const pgAdminUrl = process.env.SPIEGEL_TEST_PG;
export const pgRequired = process.env.SPIEGEL_REQUIRE_PG === '1';

/** True when the PostgreSQL part runs; prints why when it does not. */
export function pgEnabled(what: string): boolean {
  if (pgAdminUrl !== undefined && pgAdminUrl !== '') return true;
  if (pgRequired) throw new Error(`${what}: SPIEGEL_REQUIRE_PG=1 but SPIEGEL_TEST_PG is not set`);
  console.warn(`${what}: PostgreSQL part skipped (set SPIEGEL_TEST_PG to a superuser URL, e.g. postgres://spiegel:spiegel@localhost/spiegel)`);
  return false;
}

/** Creates an empty database with a random name; returns its URL and a function that drops it. */
export async function createTestDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = pgAdminUrl!;
  const name = `spiegel_test_${randomBytes(6).toString('hex')}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const u = new URL(admin);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: admin });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
