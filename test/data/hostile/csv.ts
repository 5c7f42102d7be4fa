/**
 * Hostile and broken CSV files and codebooks, made by script: each entry is a file name, its
 * bytes and, for CSV files, an optional codebook beside it.
 */
export interface HostileText {
  name: string;
  bytes: Buffer;
  codebook?: string;
}

const t = (s: string): Buffer => Buffer.from(s, 'utf8');

export function hostileCsv(): HostileText[] {
  return [
    { name: 'empty.csv', bytes: t('') },
    { name: 'blank-name.csv', bytes: t('a,,c\n1,2,3\n') },
    { name: 'duplicate-name.csv', bytes: t('a,b,a\n1,2,3\n') },
    { name: 'too-few-fields.csv', bytes: t('a,b\n1\n') },
    { name: 'too-many-fields.csv', bytes: t('a,b\n1,2,3\n') },
    { name: 'unclosed-quote.csv', bytes: t('a,b\n1,"open\n') },
    { name: 'quote-in-field.csv', bytes: t('a,b\n1,x"y\n') },
    { name: 'text-after-quote.csv', bytes: t('a,b\n1,"x"y\n') },
    { name: 'nul.csv', bytes: Buffer.from('a,b\n1,\u00002\n', 'latin1') },
    { name: 'invalid-utf8.csv', bytes: Buffer.concat([t('a,b\n1,'), Buffer.from([0xc3, 0x28]), t('\n')]) },
    { name: 'truncated-utf8.csv', bytes: Buffer.concat([t('a,b\n1,'), Buffer.from([0xe2, 0x82])]) },
    { name: 'utf16le-bom.csv', bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('a,b\n', 'utf16le')]) },
    { name: 'utf32le-bom.csv', bytes: Buffer.from([0xff, 0xfe, 0, 0, 0x61, 0, 0, 0]) },
    { name: 'utf32be-bom.csv', bytes: Buffer.from([0, 0, 0xfe, 0xff, 0, 0, 0, 0x61]) },
    { name: 'sav-signature.csv', bytes: t('$FL2 not really') },
    { name: 'zip-signature.csv', bytes: Buffer.from('PK\u0003\u0004rest', 'latin1') },
    { name: 'overflow.csv', bytes: t('x,y\n1e400,1\n-1e999,2\n') },
    { name: 'escape-sequences.csv', bytes: t('na\u001b[31mme,b\n\u001b[2J,1\n') },
    { name: 'long-name.csv', bytes: t(`${'n'.repeat(5000)}\n1\n`) },
    { name: 'many-lines.csv', bytes: t(`a\n${'1\n'.repeat(50_000)}`) },
    { name: 'crlf-and-lone-cr.csv', bytes: t('a,b\r\n1,x\ry\r\n') },
    { name: 'proto-codebook.csv', bytes: t('__proto__,constructor\n1,2\n'), codebook: 'variables:\n  __proto__: {type: categorical, values: {1: een}}\n  constructor: {label: c}\n' },
    { name: 'width-zero.csv', bytes: t('s\nabc\n'), codebook: 'variables:\n  s: {type: string, width: 0}\n' },
    { name: 'unknown-field.csv', bytes: t('s\nabc\n'), codebook: 'variables:\n  s: {typo: string}\n' },
    { name: 'codebook-alias-bomb.csv', bytes: t('s\n1\n'), codebook: 'a: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]\nvariables: {}\n' },
    { name: 'codebook-not-a-map.csv', bytes: t('s\n1\n'), codebook: '- just\n- a list\n' },
    { name: 'codebook-unknown-variable.csv', bytes: t('s\n1\n'), codebook: 'variables:\n  t: {label: x}\n' },
    { name: 'declared-numeric-text.csv', bytes: t('x\n1\nabc\n'), codebook: 'variables:\n  x: {type: numeric}\n' },
  ];
}
