/**
 * A field server in a process of its own, for the tests that kill it: serves the long
 * questionnaire (real pages) (FIELD_PAGES pages) on the store at FIELD_STORE (JSON StoreLocation) and prints
 * `LISTENING <url>` when ready. On SIGUSR2 it prints `STATS <json>` for the benchmark: its own CPU
 * time (process.cpuUsage, all threads), and since the last STATS the event-loop delay and the
 * garbage collector's pauses.
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
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

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
let gcCount = 0;
let gcMs = 0;
let gcMax = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    gcCount++;
    gcMs += e.duration;
    gcMax = Math.max(gcMax, e.duration);
  }
}).observe({ entryTypes: ['gc'] });
process.on('SIGUSR2', () => {
  const cpu = process.cpuUsage();
  const ms = (ns: number): number => Math.round(ns / 1e4) / 100;
  const stats = {
    cpuMs: (cpu.user + cpu.system) / 1000,
    loopDelay: { p50: ms(delay.percentile(50)), p99: ms(delay.percentile(99)), max: ms(delay.max) },
    gc: { count: gcCount, ms: Math.round(gcMs), maxMs: Math.round(gcMax * 10) / 10 },
  };
  delay.reset();
  gcCount = gcMs = gcMax = 0;
  process.stdout.write(`STATS ${JSON.stringify(stats)}\n`);
});
// SIGTERM: close and exit normally, so node writes a --cpu-prof profile (the SIGKILL tests kill hard).
process.once('SIGTERM', () => {
  void serving
    .close()
    .then(() => store.close())
    .finally(() => process.exit(0));
});
