/** What every `spiegel field` subcommand needs: the spec, the wave it fields, and the store. */
import { InvalidInputError, UsageError } from '../errors.js';
import { checkStructure, openFieldStore, storeLocation, type FieldStore, type StoreLocation } from '../fieldwork/store/index.js';
import { FieldStoreError } from '../fieldwork/store/errors.js';
import type { FieldworkSpec } from '../spec/fieldwork.js';
import { type LoadedSpec, loadSpec } from '../spec/load.js';

export interface FieldStudy {
  readonly loaded: LoadedSpec;
  readonly fieldwork: FieldworkSpec | undefined;
  readonly wave: number;
  readonly location: StoreLocation;
}

/** The one positional argument STUDY.yaml, or a usage error. */
export function specArgument(positionals: readonly string[], help: string): string {
  if (positionals.length !== 1) throw new UsageError(`${positionals.length === 0 ? 'name the study spec (STUDY.yaml)' : `one study spec expected, got: ${positionals.join(' ')}`}\n\n${help}`);
  return positionals[0];
}

/**
 * Loads the spec and settles the wave: `--wave`, else `fieldwork.wave`; it must be a wave of the
 * spec, and agree with `fieldwork.wave` when both are given.
 */
export function fieldStudy(specFile: string, waveArg: string | undefined, database: string | undefined, requireWave: boolean): FieldStudy {
  const loaded = loadSpec(specFile);
  const fieldwork = loaded.spec.fieldwork;
  let wave: number | undefined;
  if (waveArg !== undefined) {
    if (!/^\d{4}$/.test(waveArg.trim())) throw new UsageError(`--wave must be a year such as 2021, not "${waveArg}"`);
    wave = Number(waveArg);
    if (fieldwork?.wave !== undefined && fieldwork.wave !== wave) {
      throw new InvalidInputError(`--wave ${wave} differs from the wave this spec fields (fieldwork.wave: ${fieldwork.wave})`, loaded.locate(['fieldwork', 'wave']));
    }
  } else wave = fieldwork?.wave;
  if (wave === undefined) {
    if (requireWave) throw new UsageError('name the wave with --wave YEAR (or set fieldwork.wave in the spec)');
    wave = NaN;
  }
  if (!Number.isNaN(wave) && !loaded.spec.waves.some((w) => w.year === wave)) {
    throw new InvalidInputError(`wave ${wave} is not in the spec (its waves: ${loaded.spec.waves.map((w) => w.year).join(', ')})`, loaded.locate(['waves']));
  }
  return { loaded, fieldwork, wave, location: storeLocation(specFile, database) };
}

/**
 * Opens the study's store and checks it belongs to this spec: the same study id, the same wave
 * (when one was named), and — unless `structure: false` — a questionnaire whose structure has not
 * changed (the purge skips that check: a spec edited after fieldwork must not keep contact data).
 */
export async function openStudyStore(study: FieldStudy, options: { readonly structure?: boolean } = {}): Promise<FieldStore> {
  const store = await openFieldStore(study.location);
  try {
    const meta = await store.meta();
    if (meta.studyId !== study.loaded.spec.study.id) {
      throw new FieldStoreError(`the store belongs to study "${meta.studyId}", not to "${study.loaded.spec.study.id}" of ${study.loaded.file}`);
    }
    if (!Number.isNaN(study.wave) && meta.wave !== study.wave) {
      throw new FieldStoreError(`the store holds wave ${meta.wave}, not wave ${study.wave}; each wave has its own store (use --database, or move the file)`);
    }
    if (options.structure !== false) await checkStructure(store, study.loaded.spec, study.loaded.file);
    return store;
  } catch (e) {
    await store.close();
    throw e;
  }
}
