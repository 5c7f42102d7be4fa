/**
 * Participants from the output of `spiegel sample`: one per sampled unit, each with a new link
 * token and login code. The spec's `fieldwork.registerColumns` travel with the answers into the
 * export; `fieldwork.contactColumns` go to the contact table only; every other column of the
 * sample is not stored. Test participants (`--test N`) get ids `test-1` … and no sample data.
 */
import { InvalidInputError } from '../../errors.js';
import type { Dataset } from '../../data/dataset.js';
import type { FieldworkSpec } from '../../spec/fieldwork.js';
import { newLoginCode, newToken } from '../store/credentials.js';
import type { NewParticipant } from '../store/types.js';

export interface SampleImport {
  readonly participants: readonly NewParticipant[];
  /** Contact columns in the order the letters file lists them. */
  readonly contactColumns: readonly string[];
}

/**
 * Reads the sample's units; refuses (naming the file, line and column) a sample without the id
 * column or a declared register/contact column, an empty id and a repeated id.
 */
export function participantsFromSample(sample: Dataset, file: string, fieldwork: FieldworkSpec | undefined, idColumn: string): SampleImport {
  const names = sample.columns.map((c) => c.name);
  const need = (name: string, why: string, field?: string): void => {
    if (!sample.has(name)) {
      throw new InvalidInputError(`the sample has no column "${name}" (${why}); its columns are: ${names.join(', ')}`, field === undefined ? { file } : { file, field });
    }
  };
  need(idColumn, 'the unit id, --id');
  const register = fieldwork?.registerColumns ?? [];
  const contact = fieldwork?.contactColumns ?? [];
  register.forEach((c, i) => need(c, `named in fieldwork.registerColumns[${i}] of the spec`));
  contact.forEach((c, i) => need(c, `named in fieldwork.contactColumns[${i}] of the spec`));
  const overlap = register.find((c) => contact.includes(c));
  if (overlap !== undefined) {
    throw new InvalidInputError(`column "${overlap}" is named both as a register column and as a contact column; contact data never goes into the export`, { field: 'fieldwork.registerColumns' });
  }

  const text = (name: string): readonly string[] => {
    const col = sample.column(name);
    if (col.type === 'string') return col.values.map((s) => s.trim());
    return Array.from(col.values as Float64Array, (v) => (Number.isNaN(v) ? '' : String(v)));
  };
  const ids = text(idColumn);
  const reg = register.map((c) => [c, text(c)] as const);
  const con = contact.map((c) => [c, text(c)] as const);
  const seen = new Map<string, number>();
  const participants: NewParticipant[] = [];
  for (let i = 0; i < sample.nrow; i++) {
    // Line numbers as in a CSV with one header line.
    const line = i + 2;
    const id = ids[i];
    if (id === '') throw new InvalidInputError(`unit without an id (column "${idColumn}" is empty)`, { file, line, field: idColumn });
    const first = seen.get(id);
    if (first !== undefined) throw new InvalidInputError(`unit id "${id}" occurs twice (also on line ${first}); every sampled unit needs its own id`, { file, line, field: idColumn });
    if (/^test-\d+$/.test(id)) throw new InvalidInputError(`unit id "${id}" looks like a test link id (test-N); rename the unit`, { file, line, field: idColumn });
    seen.set(id, line);
    participants.push({
      id,
      token: newToken(),
      loginCode: newLoginCode(),
      test: false,
      register: Object.fromEntries(reg.map(([c, v]) => [c, v[i]])),
      contact: Object.fromEntries(con.map(([c, v]) => [c, v[i]]).filter(([, v]) => v !== '')),
    });
  }
  return { participants, contactColumns: contact };
}

/** `count` test participants, numbered after the ones already stored. */
export function testParticipants(count: number, firstNumber: number): NewParticipant[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `test-${firstNumber + i}`,
    token: newToken(),
    loginCode: newLoginCode(),
    test: true,
    register: {},
    contact: {},
  }));
}
