/** Canonical JSON of answers (keys sorted), so equal answer sets are equal texts in the store. */
import type { Answers, AnswerValue } from '../types.js';

export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) out[k] = sortKeys((value as Record<string, unknown>)[k]);
    return out;
  }
  return value;
}

/** Answers read back from the store: numbers, texts and lists of codes only. */
export function parseAnswers(text: string): Answers {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, AnswerValue> = {};
  for (const [k, v] of Object.entries(raw)) {
    if (typeof v === 'number' || typeof v === 'string') out[k] = v;
    else if (Array.isArray(v) && v.every((x) => typeof x === 'number')) out[k] = v as number[];
  }
  return out;
}

export function parseStringList(text: string): string[] {
  const raw = JSON.parse(text) as unknown;
  return Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string') : [];
}

export function parseStringRecord(text: string): Record<string, string> {
  const raw = JSON.parse(text) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(raw)) if (typeof v === 'string') out[k] = v;
  return out;
}
