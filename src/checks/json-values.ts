/** Reading JSON values the way the core reads the dicts MessageToDict gives it. */
import type { Json } from '../grpc/struct.js';

/** `if value:` in the core: None, False, 0, "", [] and {} are false, as is a key that is absent. */
export function pythonTruthy(value: Json | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return Boolean(value);
}
