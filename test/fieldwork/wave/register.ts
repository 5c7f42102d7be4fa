/**
 * A synthetic benefit register for the whole-wave test: 50,000 people in three regions with sex,
 * age class and contact data; about 60% have an e-mail address, some of which bounce.
 */
import { writeFileSync } from 'node:fs';
import { seeded } from '../server/simulate.js';

export const REGION_SIZES = { 1: 12_000, 2: 18_000, 3: 20_000 } as const;

export interface RegisterTotals {
  /** People per sex code and per age class code: the population margins of the weighting. */
  readonly geslacht: Readonly<Record<number, number>>;
  readonly leeftijd: Readonly<Record<number, number>>;
}

export function writeRegister(file: string, seed = 2022): RegisterTotals {
  const rng = seeded(seed);
  const lines = ['id,regio,geslacht,leeftijd,naam,adres,postcode,woonplaats,email'];
  const geslacht: Record<number, number> = { 1: 0, 2: 0 };
  const leeftijd: Record<number, number> = { 1: 0, 2: 0, 3: 0, 4: 0 };
  let id = 0;
  for (const [region, size] of Object.entries(REGION_SIZES)) {
    for (let i = 0; i < size; i++) {
      id++;
      const sex = rng.next() < 0.47 ? 1 : 2;
      const age = 1 + Math.floor(rng.next() * 4);
      geslacht[sex]++;
      leeftijd[age]++;
      // Every 40th address is at a domain whose mail server refuses it (a bounce).
      const email = rng.next() < 0.6 ? (id % 40 === 0 ? `p${id}@bounce.example` : `p${id}@mail.example`) : '';
      lines.push(`B${String(id).padStart(6, '0')},${region},${sex},${age},Persoon ${id},Dorpsstraat ${id % 300},${1000 + (id % 8999)} AB,Plaats ${region},${email}`);
    }
  }
  writeFileSync(file, `${lines.join('\n')}\n`);
  return { geslacht, leeftijd };
}
