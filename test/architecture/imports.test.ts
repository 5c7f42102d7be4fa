import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { importEdges, importViolations, layerOf, srcRoot } from './import-graph.js';
import { allowedImports } from './layers.js';

describe('folders import one way (test/architecture/layers.ts)', () => {
  it('src/ has no import outside the allowed list', () => {
    expect(importEdges(srcRoot).length).toBeGreaterThan(100);
    expect(importViolations(srcRoot, allowedImports)).toEqual([]);
  });

  it('every folder of src/ is in the list', () => {
    const layers = new Set(importEdges(srcRoot).map((e) => layerOf(e.file)));
    for (const layer of layers) expect(Object.keys(allowedImports)).toContain(layer);
  });

  it('reports an upward import, a dynamic one, a re-export and a file outside an allowed interface', () => {
    const dir = mkdtempSync(join(tmpdir(), 'spiegel-layers-'));
    const put = (path: string, text: string): void => {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    };
    try {
      put('data/a.ts', "import type { T } from '../tables/model.js';\nexport const a = 1;\n");
      put('design/b.ts', "/** import { x } from '../report/x.js' (a comment) */\nexport const b = () => import('../report/html.js');\n");
      put('estimate/c.ts', "export { d } from '../design/d.js';\nexport * from '../study/run.js';\n");
      put('study/e.ts', "import { s } from '../fieldwork/interface.js';\nimport { t } from '../fieldwork/store/db.js';\n");
      const allowed = { data: [], design: ['data'], estimate: ['design'], study: ['fieldwork/interface'] };
      expect(importViolations(dir, allowed)).toEqual([
        'src/data/a.ts:1 imports src/tables/model.js, but data may import only: nothing',
        'src/design/b.ts:2 imports src/report/html.js, but design may import only: data',
        'src/estimate/c.ts:2 imports src/study/run.js, but estimate may import only: design',
        'src/study/e.ts:2 imports src/fieldwork/store/db.js, but study may import only: fieldwork/interface',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
