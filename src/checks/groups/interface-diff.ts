/**
 * Differences between a message as the official protos declare it and as the plugin declares it,
 * each with the core generation it breaks (docs/core/README.md#core-generations):
 *
 * - the 2.x core builds requests from the plugin's own descriptor with a strict ParseDict and reads
 *   responses by field name, so names and JSON-compatible types are what it needs;
 * - a 1.x core encodes and decodes with its own static stubs, so it also needs the official field
 *   numbers and wire types.
 */
import protobuf from 'protobufjs';

export type CoreGeneration = '1.x' | '2.x';

/** Which way a message travels: the core builds requests and reads responses. */
export type Direction = 'request' | 'response';

export interface InterfaceFinding {
  /** The message as the plugin names it (the official name when the plugin has none). */
  message: string;
  field: string;
  expected: string;
  actual: string;
  /** Generations whose calls break; empty when nothing breaks but a person should know. */
  breaks: readonly CoreGeneration[];
  coreEffect: string;
}

/** Compares the fields the core sends (`keys`) of a request message. */
export function compareRequest(official: protobuf.Type, plugin: protobuf.Type, keys: readonly string[]): InterfaceFinding[] {
  const findings: InterfaceFinding[] = [];
  for (const key of keys) {
    const expected = official.fields[key];
    const actual = plugin.fields[key];
    if (!expected) {
      // The catalog sends a key the official message lacks: still, the plugin must accept it.
      if (!actual) findings.push(missingRequestField(plugin, key, '(a field the core sends)'));
      continue;
    }
    compareField(expected, actual, plugin, 'request', findings, new Set());
  }
  return findings;
}

/** Compares every field of a response message the core reads, nested messages included. */
export function compareResponse(official: protobuf.Type, plugin: protobuf.Type): InterfaceFinding[] {
  const findings: InterfaceFinding[] = [];
  compareMessage(official, plugin, 'response', findings, new Set());
  return findings;
}

function compareMessage(official: protobuf.Type, plugin: protobuf.Type, direction: Direction, findings: InterfaceFinding[], seen: Set<string>): void {
  if (seen.has(official.fullName)) return;
  seen.add(official.fullName);
  for (const field of official.fieldsArray) compareField(field, plugin.fields[field.name], plugin, direction, findings, seen);
}

function compareField(
  expected: protobuf.Field,
  actual: protobuf.Field | undefined,
  plugin: protobuf.Type,
  direction: Direction,
  findings: InterfaceFinding[],
  seen: Set<string>,
): void {
  if (!actual) {
    findings.push(direction === 'request' ? missingRequestField(plugin, expected.name, describe(expected)) : missingResponseField(plugin, expected));
    return;
  }
  const where = { message: messageName(plugin), field: expected.name };
  if (expected.id !== actual.id) {
    findings.push({
      ...where,
      expected: `${expected.name} = ${expected.id}`,
      actual: `${actual.name} = ${actual.id}`,
      breaks: ['1.x'],
      coreEffect: direction === 'request'
        ? `a 1.x core's static stubs send it as field ${expected.id} and the plugin, reading field ${actual.id}, never sees the value; the 2.x core encodes with the plugin's descriptor and is not affected`
        : `a 1.x core's static stubs read field ${expected.id} and lose what the plugin sends as field ${actual.id}; the 2.x core reads by name and is not affected`,
    });
  }
  const expectedType = fieldType(expected);
  const actualType = fieldType(actual);
  if (expectedType.label === actualType.label && expectedType.kind === actualType.kind) {
    if (expectedType.kind === 'message') {
      compareMessage(expected.resolvedType as protobuf.Type, actual.resolvedType as protobuf.Type, direction, findings, seen);
      return;
    }
    if (expectedType.kind === 'enum') {
      findings.push(...compareEnum(expected, actual, where, direction));
      return;
    }
    if (expectedType.name === actualType.name) return;
  }
  const compatible = jsonCompatible(expectedType, actualType, direction);
  findings.push({
    ...where,
    expected: `${expected.name}: ${expectedType.text}`,
    actual: `${actual.name}: ${actualType.text}`,
    breaks: compatible ? ['1.x'] : ['2.x', '1.x'],
    coreEffect: compatible
      ? `the 2.x core's JSON form of the value fits either type; a 1.x core's static stubs encode ${expectedType.text} where the plugin decodes ${actualType.text}`
      : direction === 'request'
        ? `the 2.x core's ParseDict cannot put the ${expectedType.text} value it sends into a ${actualType.text} field, so the call fails before it is made (and a 1.x core's stubs encode a different wire type)`
        : `the core reads ${expected.name} as ${actualType.text} where it expects ${expectedType.text}`,
  });
}

function compareEnum(expected: protobuf.Field, actual: protobuf.Field, where: Pick<InterfaceFinding, 'message' | 'field'>, direction: Direction): InterfaceFinding[] {
  const findings: InterfaceFinding[] = [];
  const official = expected.resolvedType as protobuf.Enum;
  const served = actual.resolvedType as protobuf.Enum;
  for (const [name, number] of Object.entries(official.values)) {
    const servedNumber = served.values[name];
    if (servedNumber === undefined) {
      findings.push({
        ...where,
        expected: `${expected.name} value ${name} = ${number}`,
        actual: `enum ${messageName(served)} has no value ${name}`,
        // The core sends enum values by name; a plugin that lacks one only limits what it can answer.
        breaks: direction === 'request' ? ['2.x', '1.x'] : [],
        coreEffect: direction === 'request'
          ? `the 2.x core's ParseDict rejects "${name}", so calls with that value fail before they are made`
          : `the plugin can never answer ${name}`,
      });
    } else if (servedNumber !== number) {
      findings.push({
        ...where,
        expected: `${expected.name} value ${name} = ${number}`,
        actual: `${name} = ${servedNumber}`,
        breaks: ['1.x'],
        coreEffect: `a 1.x core's static stubs exchange ${name} as ${number}; the 2.x core uses names and is not affected`,
      });
    }
  }
  return findings;
}

function missingRequestField(plugin: protobuf.Type, key: string, expected: string): InterfaceFinding {
  return {
    message: messageName(plugin),
    field: key,
    expected,
    actual: '(no such field)',
    breaks: ['2.x', '1.x'],
    coreEffect: `the core sends "${key}" and the 2.x core's strict ParseDict rejects a key the plugin's message lacks, so the call fails before it is made`,
  };
}

function missingResponseField(plugin: protobuf.Type, expected: protobuf.Field): InterfaceFinding {
  return {
    message: messageName(plugin),
    field: expected.name,
    expected: describe(expected),
    actual: '(no such field)',
    // Absent and unset look the same to the core; the behaviour checks judge what that costs.
    breaks: [],
    coreEffect: `the plugin can never send ${expected.name}; the core reads it as absent`,
  };
}

interface FieldType {
  label: 'single' | 'repeated' | 'map';
  kind: 'scalar' | 'enum' | 'message' | 'well-known';
  /** Scalar name or type full name without the leading dot. */
  name: string;
  text: string;
}

const WELL_KNOWN = /^google\.protobuf\./;
const NUMBER_32 = new Set(['int32', 'uint32', 'sint32', 'fixed32', 'sfixed32', 'float', 'double']);
const NUMBER_64 = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

function fieldType(field: protobuf.Field): FieldType {
  field.resolve();
  const resolved = field.resolvedType;
  const name = resolved ? resolved.fullName.replace(/^\./, '') : field.type;
  const kind: FieldType['kind'] = resolved instanceof protobuf.Enum ? 'enum' : resolved ? (WELL_KNOWN.test(name) ? 'well-known' : 'message') : 'scalar';
  const base = kind === 'enum' ? `enum ${name}` : name;
  if (field instanceof protobuf.MapField) return { label: 'map', kind, name, text: `map<${field.keyType}, ${base}>` };
  if (field.repeated) return { label: 'repeated', kind, name, text: `repeated ${base}` };
  return { label: 'single', kind, name, text: base };
}

/** Whether the JSON the core sends (request) or reads (response) means the same with either type. */
function jsonCompatible(expected: FieldType, actual: FieldType, direction: Direction): boolean {
  if (direction === 'request') {
    // ParseDict puts any JSON into a Value, and a list into a ListValue.
    if (actual.label === 'single' && actual.name === 'google.protobuf.Value') return true;
    if (expected.label === 'repeated' && actual.label === 'single' && actual.name === 'google.protobuf.ListValue') return true;
  }
  if (expected.label !== actual.label) return false;
  const textual = (type: FieldType) => type.kind === 'enum' || type.name === 'string';
  // Enum values travel as their names in JSON, which a string field holds as well.
  if (textual(expected) && textual(actual)) return true;
  const numberClass = (type: FieldType) => (NUMBER_32.has(type.name) ? 32 : NUMBER_64.has(type.name) ? 64 : 0);
  const expectedClass = numberClass(expected);
  const actualClass = numberClass(actual);
  if (expectedClass === 0 || actualClass === 0) return false;
  // ParseDict takes a JSON number into any numeric field; MessageToDict turns 64-bit integers into strings.
  return direction === 'request' || expectedClass === actualClass;
}

function describe(field: protobuf.Field): string {
  return `${field.name} = ${field.id} (${fieldType(field).text})`;
}

function messageName(type: protobuf.Type | protobuf.Enum): string {
  return type.fullName.replace(/^\./, '');
}
