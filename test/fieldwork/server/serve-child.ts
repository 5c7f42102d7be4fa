/**
 * A field server in a process of its own, for the tests that kill it: serves the long
 * questionnaire (real pages) (FIELD_PAGES pages) on the store at FIELD_STORE (JSON StoreLocation) and prints
 * `LISTENING <url>` when ready.
 */
import { openFieldStore } from '../../../src/fieldwork/store/open.js';
import type { StoreLocation } from '../../../src/fieldwork/store/types.js';
import { serveField } from '../../../src/fieldwork/server/serve.js';
import { parseSpec } from '../../../src/spec/load.js';
import { questionnaireParts } from '../../../src/fieldwork/server/questionnaire.js';
import { longSpecYaml } from './fakes.js';

const location = JSON.parse(process.env.FIELD_STORE!) as StoreLocation;
const spec = parseSpec(longSpecYaml(Number(process.env.FIELD_PAGES ?? 30)), 'long.yaml').spec;
const store = await openFieldStore(location);
const serving = await serveField({ store, parts: questionnaireParts(spec), spec, port: 0, host: '127.0.0.1', log: () => undefined });
process.stdout.write(`LISTENING ${serving.url}\n`);
