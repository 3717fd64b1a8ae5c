/**
 * Secrets never leave a run: every string value of --secret-data, and every value under a
 * secret-looking key in any input, is masked wherever it appears, including where a plugin
 * echoes it back in an error or a response.
 */
import type { Json } from '../grpc/struct.js';

const SECRET_KEY = /(token|password|passwd|secret|private[_-]?key|api[_-]?key|access[_-]?key|credential|client[_-]?secret|webhook[_-]?url)/i;
export const MASK = '****';
/** Shorter values would mask ordinary words; a secret that short protects nothing anyway. */
const MIN_SECRET_LENGTH = 4;

export class Redactor {
  private readonly secrets: string[];

  constructor(values: Iterable<string>) {
    const forms = new Set<string>();
    for (const value of values) {
      if (value.length < MIN_SECRET_LENGTH) continue;
      forms.add(value);
      forms.add(JSON.stringify(value).slice(1, -1));
      forms.add(encodeURIComponent(value));
    }
    // Longest first, so a secret that contains another is masked whole.
    this.secrets = [...forms].filter((form) => form.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  }

  /** Collects the values to mask: all of secretInputs, and secret-looking keys of otherInputs. */
  static fromInputs(secretInputs: readonly Json[], otherInputs: readonly Json[]): Redactor {
    const values: string[] = [];
    for (const input of secretInputs) collectStrings(input, values);
    for (const input of otherInputs) collectSecretKeyed(input, values);
    return new Redactor(values);
  }

  text(text: string): string {
    let masked = text;
    for (const secret of this.secrets) masked = masked.split(secret).join(MASK);
    return masked;
  }

  deep<T>(value: T): T {
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((item) => this.deep(item)) as T;
    if (value && typeof value === 'object') {
      const copy: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) copy[this.text(key)] = this.deep(item);
      return copy as T;
    }
    return value;
  }
}

function collectStrings(value: Json, into: string[]): void {
  if (typeof value === 'string') into.push(value);
  else if (typeof value === 'number') into.push(String(value));
  else if (Array.isArray(value)) value.forEach((item) => collectStrings(item, into));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => collectStrings(item, into));
}

function collectSecretKeyed(value: Json, into: string[]): void {
  if (Array.isArray(value)) value.forEach((item) => collectSecretKeyed(item, into));
  else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (SECRET_KEY.test(key)) collectStrings(item, into);
      else collectSecretKeyed(item, into);
    }
  }
}
