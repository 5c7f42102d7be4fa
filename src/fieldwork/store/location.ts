/**
 * Where the store of a study lives: PostgreSQL when a URL is given (`--database URL` or the
 * `SPIEGEL_DATABASE_URL` environment variable), else a SQLite file beside the spec named
 * `<spec name>.field.sqlite` (study.yaml → study.field.sqlite).
 */
import { basename, dirname, extname, join } from 'node:path';
import { InvalidInputError } from '../../errors.js';
import type { StoreLocation } from './types.js';

export const DATABASE_URL_ENV = 'SPIEGEL_DATABASE_URL';

export function storeLocation(
  specFile: string,
  database?: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): StoreLocation {
  const url = database ?? nonEmpty(env[DATABASE_URL_ENV]);
  if (url === undefined) {
    const name = basename(specFile, extname(specFile));
    return { engine: 'sqlite', file: join(dirname(specFile), `${name}.field.sqlite`) };
  }
  if (/^postgres(ql)?:\/\//.test(url)) return { engine: 'postgres', url };
  if (/^sqlite:/.test(url)) return { engine: 'sqlite', file: url.replace(/^sqlite:(\/\/)?/, '') };
  throw new InvalidInputError(
    'the database must be a PostgreSQL URL (postgres://user:password@host/database) or sqlite:FILE',
    { field: database !== undefined ? '--database' : DATABASE_URL_ENV },
  );
}

function nonEmpty(v: string | undefined): string | undefined {
  return v === undefined || v.trim() === '' ? undefined : v.trim();
}
