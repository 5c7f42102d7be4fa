/**
 * A simulated respondent on the real questionnaire pages: random answers among the choices a
 * page offers (so the routing the server applies is followed), a number or a short text where
 * a field asks for one, and a plainer retry when the page says an answer is not valid.
 */
import { formOf, type Respondent } from './client.js';

export interface Rng {
  next(): number; // [0, 1)
}

/** mulberry32: a small seeded generator for reproducible simulated answers. */
export function seeded(seed: number): Rng {
  let a = seed >>> 0;
  return {
    next() {
      a = (a + 0x6d2b79f5) >>> 0;
      let t = a;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

interface Field {
  readonly type: string;
  readonly name: string;
  readonly value: string;
  readonly numeric: boolean;
}

function fieldsOf(html: string): Field[] {
  const out: Field[] = [];
  for (const m of html.matchAll(/<input\b[^>]*>|<textarea\b[^>]*>/g)) {
    const tag = m[0];
    const name = /\bname="([^"]*)"/.exec(tag)?.[1];
    if (name === undefined) continue;
    const type = tag.startsWith('<textarea') ? 'textarea' : (/\btype="([^"]*)"/.exec(tag)?.[1] ?? 'text');
    out.push({ type, name, value: /\bvalue="([^"]*)"/.exec(tag)?.[1] ?? '', numeric: /inputmode="(decimal|numeric)"/.test(tag) });
  }
  return out;
}

/** Random answers for a question page; `plain` leaves number and text fields empty. */
export function randomAnswers(html: string, rng: Rng, plain: boolean): Record<string, string | string[]> {
  const fields = fieldsOf(html);
  const out: Record<string, string | string[]> = {};
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng.next() * xs.length)]!;
  const radios = new Map<string, string[]>();
  const boxes = new Map<string, string[]>();
  for (const f of fields) {
    if (f.type === 'hidden') out[f.name] = f.value;
    else if (f.type === 'radio') radios.set(f.name, [...(radios.get(f.name) ?? []), f.value]);
    else if (f.type === 'checkbox') boxes.set(f.name, [...(boxes.get(f.name) ?? []), f.value]);
    else if (plain) out[f.name] = '';
    else if (f.numeric) out[f.name] = String(Math.floor(rng.next() * 8));
    else out[f.name] = rng.next() < 0.5 ? '' : pick(['Geen opmerkingen.', 'Het ging wel.', '<script>alert(1)</script> & "quotes"']);
  }
  for (const [name, values] of radios) if (rng.next() < 0.92) out[name] = pick(values);
  for (const [name, values] of boxes) if (rng.next() < 0.9) out[name] = pick(values);
  return out;
}

export interface Walk {
  readonly completed: boolean;
  readonly pages: number;
}

/**
 * Answers from `/q` on until the thanks page, or stops after `stopAfter` pages (a break-off).
 * Each page is submitted with random answers, then plainer ones if the page reports an error.
 */
export async function walk(r: Respondent, rng: Rng, stopAfter = Infinity): Promise<Walk> {
  let path = '/q';
  let pages = 0;
  for (let step = 0; step < 400; step++) {
    const res = await r.get(path);
    if (res.location !== undefined) {
      path = res.location;
      continue;
    }
    if (path === '/q/done') return { completed: true, pages };
    if (res.status !== 200) throw new Error(`GET ${path} answered ${res.status}`);
    const form = formOf(res.html);
    if (form.action === undefined) {
      const start = /href="(\/q\/[^"]+)"/.exec(res.html);
      if (start === null) throw new Error(`no way on from ${path}`);
      path = start[1]!;
      continue;
    }
    if (pages >= stopAfter) return { completed: false, pages };
    let post = await r.post(form.action, randomAnswers(res.html, rng, false));
    if (post.status === 400) post = await r.post(form.action, randomAnswers(post.html, rng, true));
    if (post.status === 400) {
      const hidden = Object.fromEntries(Object.entries(formOf(post.html).fields).filter(([k]) => k.startsWith('_')));
      post = await r.post(form.action, hidden);
    }
    if (post.status !== 303) throw new Error(`POST ${form.action} answered ${post.status}: ${post.html.slice(0, 400)}`);
    pages++;
    path = post.location!;
  }
  throw new Error('no end in sight');
}
