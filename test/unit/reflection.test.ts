/**
 * The reflection client against every reference plugin variant and every python-core shaped
 * plugin, each result compared with a second reading that does not go through reflection: the
 * descriptors the reference server registers, and the .proto files the python server compiles.
 * The edge cases no plugin here serves (an import sent only when asked, error answers, an
 * undecodable descriptor, silence) come from a scenario server.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'chai';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor.js';
import type { PackageDefinition } from '@grpc/proto-loader';
import { findServiceType } from '../../src/catalog/index.js';
import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import { loadProtoRoot } from '../../src/grpc/protos.js';
import { readReflection, type PluginReflection, type ReflectionOutcome } from '../../src/grpc/reflection.js';
import { packageRoot, protosDir } from '../../src/paths.js';
import { REFERENCE_PLUGINS } from '../plugins/registry.js';
import { startPluginServer } from '../plugins/server.js';
import { startPythonPlugin } from '../support/processes.js';
import { SCENARIO_SERVICES, startScenarioServer } from '../support/reflection-server.js';

const { FileDescriptorProto } = descriptor;
const DEADLINE_MS = 5_000;
const PYTHON_PROTOS = path.join(packageRoot, 'test', 'plugins', 'python', 'protos');
const REPLAYS = path.join(packageRoot, 'test', 'replays');

/** A service as a plugin's caller sees it: methods, streaming, and every field of every message reached. */
function serviceShape(service: protobuf.Service): unknown {
  const seen = new Set<string>();
  const typeShape = (type: protobuf.Type | protobuf.Enum | null): unknown => {
    if (!type) return null;
    if (type instanceof protobuf.Enum) return { enum: type.fullName, values: type.values };
    if (seen.has(type.fullName)) return type.fullName;
    seen.add(type.fullName);
    // protobufjs's bundled well-known types use JSON names; descriptors read back keep proto names.
    const wellKnown = type.fullName.startsWith('.google.protobuf.');
    return {
      type: type.fullName,
      fields: [...type.fieldsArray]
        .sort((a, b) => a.id - b.id)
        .map((field) => ({
          name: wellKnown ? field.name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase()) : field.name,
          id: field.id,
          repeated: field.repeated,
          map: field instanceof protobuf.MapField ? field.keyType : undefined,
          type: field.resolve().resolvedType ? typeShape(field.resolvedType) : field.type,
        })),
    };
  };
  return {
    service: service.fullName,
    methods: [...service.methodsArray]
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((method) => {
        method.resolve();
        return { name: method.name, requestStream: Boolean(method.requestStream), responseStream: Boolean(method.responseStream), request: typeShape(method.resolvedRequestType), response: typeShape(method.resolvedResponseType) };
      }),
  };
}

interface Expected {
  /** The file declaring the service, the first service it declares, and the service itself. */
  fileOf(service: string): { file: string; firstService: string; service: protobuf.Service };
}

/** The reference server's own descriptors, read without the wire. */
function registered(definition: PackageDefinition): Expected {
  const files = new Map<string, descriptor.IFileDescriptorProto>();
  for (const value of Object.values(definition)) {
    const encoded = 'fileDescriptorProtos' in value && Array.isArray(value.fileDescriptorProtos) ? (value.fileDescriptorProtos as Buffer[]) : [];
    for (const bytes of encoded) {
      const file = FileDescriptorProto.decode(bytes) as descriptor.IFileDescriptorProto;
      if (!files.has(file.name ?? '')) files.set(file.name ?? '', file);
    }
  }
  const root = protobuf.Root.fromDescriptor({ file: [...files.values()] }, { keepCase: true });
  return {
    fileOf(service) {
      const file = [...files.values()].find((candidate) => (candidate.service ?? []).some((declared) => `${candidate.package}.${declared.name}` === service));
      if (!file) throw new Error(`no registered file declares ${service}`);
      return { file: file.name ?? '', firstService: `${file.package}.${file.service?.[0]?.name}`, service: root.lookupService(service) };
    },
  };
}

/** The .proto files the python server compiles, parsed from source. */
function pythonSources(entry: ServiceTypeEntry): Expected {
  const extensions: Record<string, [string, string]> = {
    'grpc.health.v1.Health': ['grpc_health/v1/health.proto', PYTHON_PROTOS],
    'spaceone.api.core.v1.ServerInfo': ['spaceone/api/core/v1/server_info.proto', PYTHON_PROTOS],
  };
  return {
    fileOf(service) {
      const official = Object.values(entry.services).find((candidate) => candidate.fullName === service);
      const [files, baseDir] = extensions[service] ? [[extensions[service][0]], extensions[service][1]] : [official?.protoFiles ?? entry.protoFiles, protosDir];
      const declared = loadProtoRoot(files, baseDir).lookupService(service);
      const file = path.relative(baseDir, declared.filename ?? '');
      const first = declared.parent?.nestedArray.find((nested) => nested instanceof protobuf.Service && nested.filename === declared.filename);
      return { file, firstService: first?.fullName.replace(/^\./, '') ?? '', service: declared };
    },
  };
}

function expectReadAsServed(reflection: PluginReflection, expected: Expected, listed: readonly string[], label: string): void {
  expect([...reflection.listed].sort(), `${label}: listed`).to.deep.equal([...listed].sort());
  expect(reflection.unresolved, `${label}: unresolved`).to.deep.equal([]);
  expect(reflection.services.map((service) => service.fullName), `${label}: resolved`).to.deep.equal(reflection.listed);
  for (const service of reflection.services) {
    const { file, firstService, service: declared } = expected.fileOf(service.fullName);
    expect({ file: service.file, first: service.firstServiceInFile, short: service.shortName }, `${label}: ${service.fullName}`).to.deep.equal({
      file,
      first: firstService,
      short: service.fullName.slice(service.fullName.lastIndexOf('.') + 1),
    });
    expect(serviceShape(service.service), `${label}: ${service.fullName} shape`).to.deep.equal(serviceShape(declared));
  }
}

function served(outcome: ReflectionOutcome): PluginReflection {
  if (!outcome.ok) throw new Error(`reflection not read: ${outcome.reason}`);
  return outcome.reflection;
}

describe('reflection client', function () {
  this.timeout(240_000);

  it('reads on every reference plugin variant what the server registers, by the version it serves', async () => {
    let compared = 0;
    for (const [type, variants] of Object.entries(REFERENCE_PLUGINS)) {
      const entry = findServiceType(type);
      if (!entry) throw new Error(`${type} is not in the catalog`);
      for (const [name, variant] of Object.entries(variants)) {
        const server = await startPluginServer(entry, variant);
        try {
          const outcome = await readReflection({ host: '127.0.0.1', port: server.port }, DEADLINE_MS);
          const versions = variant.reflection ?? 'v1alpha';
          const label = `${type} ${name}`;
          const probes = outcome.ok ? outcome.reflection.probes : outcome.probes;
          expect([probes.v1.served, probes.v1alpha.served], `${label}: probes`).to.deep.equal([versions === 'v1' || versions === 'both', versions === 'v1alpha' || versions === 'both']);
          if (versions === 'none') {
            expect(outcome.ok, label).to.equal(false);
            continue;
          }
          const reflection = served(outcome);
          expect(reflection.version, label).to.equal(versions === 'v1alpha' ? 'v1alpha' : 'v1');
          const expected = registered(server.reflected.definition);
          const declared = server.reflected.services.filter((service) => {
            try {
              return Boolean(expected.fileOf(service));
            } catch {
              return false;
            }
          });
          expectReadAsServed(reflection, expected, declared, label);
          compared += 1;
        } finally {
          await server.stop();
        }
      }
    }
    expect(compared).to.be.greaterThan(100);
  });

  it('reads on every python-core shaped plugin (v1alpha only) what its .proto files declare', async () => {
    let compared = 0;
    for (const type of fs.readdirSync(REPLAYS).filter((name) => fs.statSync(path.join(REPLAYS, name)).isDirectory())) {
      const entry = findServiceType(type);
      if (!entry) throw new Error(`${type} is not in the catalog`);
      for (const file of fs.readdirSync(path.join(REPLAYS, type)).filter((name) => name.endsWith('.json'))) {
        const replay = JSON.parse(fs.readFileSync(path.join(REPLAYS, type, file), 'utf8')) as { services: string[]; server?: { reflection?: boolean } };
        const plugin = await startPythonPlugin(path.join(REPLAYS, type, file));
        try {
          const outcome = await readReflection({ host: '127.0.0.1', port: plugin.port }, DEADLINE_MS);
          if (replay.server?.reflection === false) {
            expect(outcome.ok, file).to.equal(false);
            continue;
          }
          const reflection = served(outcome);
          expect(reflection.probes.v1, file).to.deep.equal({ served: false, code: 'UNIMPLEMENTED', reason: 'Method not found!' });
          expect(reflection.version, file).to.equal('v1alpha');
          expectReadAsServed(reflection, pythonSources(entry), [...replay.services, 'grpc.health.v1.Health', 'spaceone.api.core.v1.ServerInfo'], `${type} ${file}`);
          compared += 1;
        } finally {
          await plugin.stop();
        }
      }
    }
    expect(compared).to.be.greaterThan(20);
  });

  it('asks for an import the answer left out, and reports each service it cannot read', async () => {
    const server = await startScenarioServer();
    try {
      const reflection = served(await readReflection({ host: '127.0.0.1', port: server.port }, 1_000));
      expect(reflection.version).to.equal('v1alpha');
      expect(reflection.probes.v1).to.include({ served: false, code: 'UNIMPLEMENTED' });
      expect(server.asked).to.deep.equal([
        'list_services *',
        `file_containing_symbol ${SCENARIO_SERVICES.withImport}`,
        'file_by_filename dep/types.proto',
        `file_containing_symbol ${SCENARIO_SERVICES.missing}`,
        `file_containing_symbol ${SCENARIO_SERVICES.undecodable}`,
        `file_containing_symbol ${SCENARIO_SERVICES.silent}`,
      ]);
      const [service] = reflection.services;
      expect(reflection.services).to.have.length(1);
      expect({ name: service?.fullName, file: service?.file }).to.deep.equal({ name: SCENARIO_SERVICES.withImport, file: 'a/service.proto' });
      const get = service?.service.methods['get'];
      get?.resolve();
      expect(get?.resolvedRequestType?.fields['display_name']?.id).to.equal(1);
      const reasons = Object.fromEntries(reflection.unresolved.map(({ name, reason }) => [name, reason]));
      expect(Object.keys(reasons)).to.deep.equal([SCENARIO_SERVICES.missing, SCENARIO_SERVICES.undecodable, SCENARIO_SERVICES.silent]);
      expect(reasons[SCENARIO_SERVICES.missing]).to.equal(`REFLECTION_ERROR: Symbol not found: ${SCENARIO_SERVICES.missing}`);
      expect(reasons[SCENARIO_SERVICES.undecodable]).to.match(/^REFLECTION_ERROR: index out of range/);
      expect(reasons[SCENARIO_SERVICES.silent]).to.match(/^DEADLINE_EXCEEDED: no answer within \d+ ms$/);
    } finally {
      await server.stop();
    }
  });
});
