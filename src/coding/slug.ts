/** An id made from a name: lower case, accents removed, words joined by "-", starting with a letter. */
export function slug(name: string, fallback = 'x'): string {
  const s = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 40)
    .replace(/-+$/, '');
  if (s === '') return fallback;
  return /^[a-z]/.test(s) ? s : `${fallback}-${s}`;
}
