/**
 * Is a contact cell one e-mail address? A deliberately plain check (RFC 5321 sizes, a dot-atom
 * local part, a domain of LDH labels with a top-level label): it catches the typing errors of a
 * register ("n.v.t.", two addresses, a missing domain) before anything is sent, and leaves the
 * rest to the SMTP server, whose refusal is recorded as a bounce.
 */
const LOCAL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function isEmailAddress(value: string): boolean {
  if (value.length > 254) return false;
  const at = value.lastIndexOf('@');
  if (at <= 0) return false;
  const local = value.slice(0, at);
  const labels = value.slice(at + 1).split('.');
  return (
    local.length <= 64 &&
    LOCAL.test(local) &&
    labels.length >= 2 &&
    labels.every((l) => LABEL.test(l)) &&
    /^[A-Za-z]{2,63}$/.test(labels[labels.length - 1])
  );
}
