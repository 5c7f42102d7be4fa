import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { withStatementCache } from '../../../src/fieldwork/store/sqlite-statements.js';

describe('withStatementCache', () => {
  it('prepares each SQL text once, forgets the least recently used beyond its size, and gives the same rows', () => {
    const raw = new Database(':memory:');
    raw.exec('create table t (id integer primary key, v text)');
    const db = withStatementCache(raw, 2);
    const insert = 'insert into t (id, v) values (?, ?)';
    const byId = 'select v from t where id = ?';
    for (let i = 1; i <= 3; i++) db.prepare(insert).run([i, `v${i}`]);
    expect(db.prepare(insert)).toBe(db.prepare(insert));
    expect(db.prepare(byId).all([2])).toEqual([{ v: 'v2' }]);
    expect(db.prepare(byId).all([3])).toEqual([{ v: 'v3' }]);
    const kept = db.prepare(byId);
    db.prepare(insert); // most recent: byId, insert
    db.prepare('select count(*) as n from t'); // a third text pushes out byId, the least recently used
    expect(db.prepare(byId)).not.toBe(kept);
    expect(db.prepare(byId).all([1])).toEqual([{ v: 'v1' }]);
    db.close();
    expect(raw.open).toBe(false);
  });
});
