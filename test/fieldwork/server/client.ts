/**
 * A respondent's browser reduced to what the tests and benchmarks need: a cookie jar, GET and
 * form POST without following redirects, and the hidden fields of the last form.
 */
export interface HttpResult {
  readonly status: number;
  readonly location?: string;
  readonly html: string;
  readonly headers: Headers;
}

export class Respondent {
  readonly cookies = new Map<string, string>();
  constructor(public base: string) {}

  async get(path: string): Promise<HttpResult> {
    return this.send(path, { method: 'GET' });
  }

  async post(path: string, fields: Record<string, string | readonly string[]>): Promise<HttpResult> {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(fields)) for (const x of typeof v === 'string' ? [v] : v) body.append(k, x);
    return this.send(path, { method: 'POST', body: body.toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  }

  /** GET, following redirects on this server. */
  async open(path: string): Promise<HttpResult & { readonly path: string }> {
    let p = path;
    for (let i = 0; i < 10; i++) {
      const r = await this.get(p);
      if (r.location === undefined) return { ...r, path: p };
      p = r.location;
    }
    throw new Error(`too many redirects from ${path}`);
  }

  async send(path: string, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<HttpResult> {
    const cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await fetch(new URL(path, this.base), {
      method: init.method,
      redirect: 'manual',
      headers: { ...(init.headers ?? {}), ...(cookie === '' ? {} : { cookie }) },
      ...(init.body === undefined ? {} : { body: init.body }),
    });
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.cookies.set(pair!.slice(0, eq).trim(), pair!.slice(eq + 1).trim());
    }
    const html = await res.text();
    const location = res.headers.get('location') ?? undefined;
    return { status: res.status, html, headers: res.headers, ...(location === undefined ? {} : { location }) };
  }
}

/** name → value of every <input> (and the action of the first form) in a page. */
export function formOf(html: string): { action?: string; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  for (const m of html.matchAll(/<input\b[^>]*>/g)) {
    const name = /\bname="([^"]*)"/.exec(m[0])?.[1];
    const value = /\bvalue="([^"]*)"/.exec(m[0])?.[1] ?? '';
    if (name !== undefined && !(name in fields)) fields[name] = decode(value);
  }
  const action = /<form\b[^>]*\baction="([^"]*)"/.exec(html)?.[1];
  return action === undefined ? { fields } : { action: decode(action), fields };
}

function decode(s: string): string {
  return s
    .replace(/&#(\d+);/g, (_m, d: string) => String.fromCharCode(Number(d)))
    .replace(/&#x([0-9a-f]+);/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16)))
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
