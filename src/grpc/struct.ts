/**
 * google.protobuf.Struct <-> plain JSON, as the core sees it.
 *
 * The core converts plugin Structs with protobuf's MessageToDict: every number becomes a float,
 * null survives, a Value with no kind set reads as null, and NaN or Infinity make the conversion
 * raise. Decoding here mirrors that and reports what the core could not convert instead of
 * throwing, so a check can name the path.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The shape protobufjs gives and takes for google.protobuf.Value (toObject with defaults off). */
export interface ValueMessage {
  nullValue?: number | string;
  numberValue?: number;
  stringValue?: string;
  boolValue?: boolean;
  structValue?: StructMessage;
  listValue?: ListValueMessage;
}
export interface StructMessage {
  fields?: { [key: string]: ValueMessage };
}
export interface ListValueMessage {
  values?: ValueMessage[];
}

/** A value the core could not convert (it would raise), with its JSON path. */
export interface StructProblem {
  path: string;
  problem: string;
  /** What the core does with it, when not the default (MessageToDict raises). */
  coreEffect?: string;
}

/** A dict in the core's terms: a JSON object, not null, not a list. */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function jsonToStruct(object: JsonObject): StructMessage {
  const fields: { [key: string]: ValueMessage } = {};
  for (const [key, value] of Object.entries(object)) fields[key] = jsonToValue(value);
  return { fields };
}

export function jsonToValue(value: Json): ValueMessage {
  if (value === null) return { nullValue: 0 };
  if (Array.isArray(value)) return { listValue: { values: value.map(jsonToValue) } };
  switch (typeof value) {
    case 'boolean':
      return { boolValue: value };
    case 'number':
      return { numberValue: value };
    case 'string':
      return { stringValue: value };
    default:
      return { structValue: jsonToStruct(value) };
  }
}

export function structToJson(struct: StructMessage, problems: StructProblem[] = [], path = '$'): JsonObject {
  const object: JsonObject = {};
  for (const [key, value] of Object.entries(struct.fields ?? {})) {
    object[key] = valueToJson(value, problems, `${path}.${key}`);
  }
  return object;
}

export function valueToJson(value: ValueMessage, problems: StructProblem[] = [], path = '$'): Json {
  if (value.structValue !== undefined && value.structValue !== null) {
    return structToJson(value.structValue, problems, path);
  }
  if (value.listValue !== undefined && value.listValue !== null) {
    return (value.listValue.values ?? []).map((item, index) => valueToJson(item, problems, `${path}[${index}]`));
  }
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.numberValue !== undefined) {
    if (!Number.isFinite(value.numberValue)) {
      problems.push({ path, problem: `number ${value.numberValue} cannot be converted by the core (MessageToDict raises)` });
    }
    return value.numberValue;
  }
  // nullValue, or no kind at all: MessageToDict reads both as None.
  return null;
}

/** Deep equality as the core compares decoded dicts: key order is irrelevant, 1 and 1.0 are one float. */
export function jsonEqual(left: Json, right: Json): boolean {
  if (left === right) return true;
  if (typeof left !== typeof right || left === null || right === null) {
    return typeof left === 'number' && typeof right === 'number' && Number.isNaN(left) && Number.isNaN(right);
  }
  if (Array.isArray(left) || Array.isArray(right)) {
    if (!Array.isArray(left) || !Array.isArray(right) || left.length !== right.length) return false;
    return left.every((item, index) => jsonEqual(item, right[index] as Json));
  }
  if (typeof left !== 'object' || typeof right !== 'object') return false;
  const leftKeys = Object.keys(left);
  if (leftKeys.length !== Object.keys(right).length) return false;
  return leftKeys.every((key) => key in right && jsonEqual(left[key] as Json, right[key] as Json));
}

/** The first path at which two JSON values differ, for a failure message; undefined when equal. */
export function firstDifference(left: Json, right: Json, path = '$'): string | undefined {
  if (jsonEqual(left, right)) return undefined;
  const bothObjects =
    left !== null && right !== null && typeof left === 'object' && typeof right === 'object' &&
    Array.isArray(left) === Array.isArray(right);
  if (!bothObjects) return path;
  if (Array.isArray(left) && Array.isArray(right)) {
    if (left.length !== right.length) return `${path} (length ${left.length} vs ${right.length})`;
    for (let index = 0; index < left.length; index++) {
      const found = firstDifference(left[index] as Json, right[index] as Json, `${path}[${index}]`);
      if (found) return found;
    }
    return path;
  }
  const leftObject = left as JsonObject;
  const rightObject = right as JsonObject;
  for (const key of new Set([...Object.keys(leftObject), ...Object.keys(rightObject)])) {
    if (!(key in leftObject) || !(key in rightObject)) return `${path}.${key}`;
    const found = firstDifference(leftObject[key] as Json, rightObject[key] as Json, `${path}.${key}`);
    if (found) return found;
  }
  return path;
}
