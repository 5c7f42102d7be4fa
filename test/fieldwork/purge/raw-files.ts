/**
 * The raw bytes of a store's database files, to search for values that must be gone:
 * SQLite's file with its -wal and -shm; PostgreSQL's relation files (tables, their indexes,
 * TOAST tables and TOAST indexes, every 1 GB segment) of the store's database, and
 * pg_statistic's, read from the data directory after a CHECKPOINT.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

export interface RawFile {
  readonly name: string;
  readonly bytes: Buffer;
}

export function sqliteFiles(file: string): RawFile[] {
  return [file, `${file}-wal`, `${file}-shm`].filter((f) => existsSync(f)).map((f) => ({ name: f, bytes: readFileSync(f) }));
}

/** Why the PostgreSQL files cannot be read here, or undefined when they can. */
export async function postgresFilesUnreadable(url: string): Promise<string | undefined> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const dir = (await c.query<{ data_directory: string }>('SHOW data_directory')).rows[0].data_directory;
    const probe = join(dir, (await c.query<{ p: string }>(`select pg_relation_filepath('pg_class') as p`)).rows[0].p);
    try {
      readFileSync(probe);
      return undefined;
    } catch (e) {
      return `the PostgreSQL data directory ${dir} is not readable by this process (${(e as Error).message})`;
    }
  } catch (e) {
    return `the PostgreSQL data directory cannot be found (${(e as Error).message})`;
  } finally {
    await c.end();
  }
}

export async function postgresFiles(url: string): Promise<RawFile[]> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query('CHECKPOINT');
    const dir = (await c.query<{ data_directory: string }>('SHOW data_directory')).rows[0].data_directory;
    const r = await c.query<{ name: string; path: string | null }>(`
      with t as (select oid, relname, reltoastrelid from pg_class where relnamespace = current_schema()::regnamespace and relkind = 'r' and relname like 'field\\_%'),
      rels as (
        select oid, relname::text as name from t
        union all select reltoastrelid, relname || ' (toast)' from t where reltoastrelid <> 0
        union all select i.indexrelid, i.indexrelid::regclass::text from pg_index i where i.indrelid in (select oid from t) or i.indrelid in (select reltoastrelid from t where reltoastrelid <> 0)
        union all select 'pg_catalog.pg_statistic'::regclass, 'pg_statistic'
      )
      select name, pg_relation_filepath(oid) as path from rels`);
    const files: RawFile[] = [];
    for (const row of r.rows) {
      if (row.path === null) continue;
      for (let seg = 0; ; seg++) {
        const f = join(dir, seg === 0 ? row.path : `${row.path}.${seg}`);
        if (!existsSync(f)) break;
        files.push({ name: `${row.name} (${f})`, bytes: readFileSync(f) });
      }
    }
    return files;
  } finally {
    await c.end();
  }
}

/** The values found in any of the files, each with the file it was found in. */
export function findValues(files: readonly RawFile[], values: readonly { what: string; value: string }[]): string[] {
  const found: string[] = [];
  for (const v of values) {
    const needle = Buffer.from(v.value, 'utf8');
    const hit = files.find((f) => f.bytes.indexOf(needle) >= 0);
    if (hit !== undefined) found.push(`${v.what} ("${v.value}") in ${hit.name}`);
  }
  return found;
}
