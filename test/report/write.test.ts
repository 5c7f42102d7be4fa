import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SpiegelError } from '../../src/errors.js';
import { parseFormats, writeReport } from '../../src/report/write.js';
import { sampleReport } from '../fixtures/report/sample-report.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'spiegel-write-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('writeReport', () => {
  it('writes the requested formats into the output directory and leaves no temporary file, with the manifest written last', async () => {
    const out = join(root, 'out');
    const seen: string[] = [];
    const written = await writeReport(sampleReport, out, ['html', 'xlsx', 'docx'], { onFormat: (f, d, t) => seen.push(`${f} ${d}/${t}`) });
    expect(written.map((p) => p.slice(out.length + 1))).toEqual(['report.html', 'tables.xlsx', 'report.docx']);
    expect((await readdir(out)).sort()).toEqual(['report.docx', 'report.html', 'spiegel-manifest.json', 'tables.xlsx']);
    expect(await readdir(root)).toEqual(['out']);
    expect(seen).toEqual(['html 1/3', 'xlsx 2/3', 'docx 3/3']);
    expect((await readFile(join(out, 'report.html'), 'utf8')).startsWith('<!DOCTYPE html>')).toBe(true);
  });

  it('writes nothing when one renderer fails, even after others succeeded', async () => {
    const out = join(root, 'out');
    const failing = async (): Promise<void> => {
      throw new SpiegelError('REPORT', 'renderer broke');
    };
    await expect(writeReport(sampleReport, out, ['html', 'xlsx', 'docx', 'pdf'], { renderers: { pdf: failing } })).rejects.toThrow('renderer broke');
    expect(await readdir(root)).toEqual([]); // no out dir, no temporary file
  });

  it('leaves an earlier report untouched when a new run fails', async () => {
    const out = join(root, 'out');
    await writeReport(sampleReport, out, ['html']);
    const previous = await readFile(join(out, 'report.html'), 'utf8');
    const failing = async (): Promise<void> => {
      throw new Error('disk full');
    };
    await expect(writeReport(sampleReport, out, ['html', 'docx'], { renderers: { docx: failing } })).rejects.toThrow('disk full');
    expect((await readdir(out)).sort()).toEqual(['report.html', 'spiegel-manifest.json']);
    expect(await readFile(join(out, 'report.html'), 'utf8')).toBe(previous);
    expect(await readdir(root)).toEqual(['out']);
  });

  it('writes no PDF and no other file when Chromium is missing, and says how to install it', async () => {
    const out = join(root, 'out');
    const saved = process.env.SPIEGEL_CHROMIUM;
    process.env.SPIEGEL_CHROMIUM = join(root, 'no-chromium-here');
    try {
      const err = await writeReport(sampleReport, out, ['html', 'pdf']).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(SpiegelError);
      expect((err as Error).message).toMatch(/Chromium was not found at .*no-chromium-here/);
      expect((err as Error).message).toMatch(/apt-get install chromium/);
      expect((err as Error).message).toMatch(/SPIEGEL_CHROMIUM/);
    } finally {
      if (saved === undefined) delete process.env.SPIEGEL_CHROMIUM;
      else process.env.SPIEGEL_CHROMIUM = saved;
    }
    expect(await readdir(root)).toEqual([]);
  });
});

describe('parseFormats', () => {
  it('reads a comma list, drops duplicates, and names the unknown format', () => {
    expect(parseFormats('html, XLSX,html')).toEqual(['html', 'xlsx']);
    expect(() => parseFormats('html,odt')).toThrow(/unknown report format "odt"; choose from html, xlsx, docx, pdf/);
    expect(() => parseFormats('')).toThrow(/no report format/);
  });
});
