/**
 * writeSav: a Dataset as an SPSS system file in UTF-8, little-endian, bytecode-compressed by
 * default. Record layouts follow the PSPP developers guide ("System File Format"). The file is
 * written to a temporary file in the same folder and renamed when complete, so an error never
 * leaves a partial file behind.
 */
import { InvalidInputError } from '../../errors.js';
import { writeFileAtomic } from '../../files/index.js';
import type { Dataset } from '../dataset.js';
import { writeBytecodeData, writeRawData } from './write-data.js';
import { writeDictionary } from './write-dictionary.js';
import { Output } from './write-output.js';
import { planVariables } from './write-plan.js';

export interface WriteSavOptions {
  compression?: 'bytecode' | 'none';
}

export async function writeSav(data: Dataset, path: string, options: WriteSavOptions = {}): Promise<void> {
  const compressed = (options.compression ?? 'bytecode') === 'bytecode';
  if (data.ncol === 0) throw new InvalidInputError(`cannot write ${path}: a .sav file needs at least one variable`);
  const plans = planVariables(data);
  // The output rule's atomic write: a temporary file beside `path`, flushed, renamed when complete.
  await writeFileAtomic(path, async (fh) => {
    const out = new Output(fh);
    writeDictionary(out, data, plans, compressed);
    await out.flushIfFull();
    if (compressed) await writeBytecodeData(out, data, plans);
    else await writeRawData(out, data, plans);
    await out.flush();
  });
}
