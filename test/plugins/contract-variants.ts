/**
 * Interface-drift variants of any type's conforming reference plugin: the same handlers, served
 * with changed descriptors or reflection, one difference each. Built from the catalog entry, so
 * every type gets them.
 */
import protobuf from 'protobufjs';
import type { RpcSpec, ServiceTypeEntry } from '../../src/model/service-type.js';
import { findServiceType } from '../../src/catalog/index.js';
import type { Variant } from './server.js';

export function contractVariants(entry: ServiceTypeEntry, conforming: Variant): Record<string, Variant> {
  const init = splitRpc(entry.init);
  const initService = entry.services[init.service]?.fullName ?? '';
  const dropped = droppedMethod(entry);
  const changedField = entry.init.sends[0] ?? '';
  return {
    'reflection-none': { ...conforming, description: 'conforms but serves no gRPC reflection', reflection: 'none' },
    'reflection-v1alpha-only': { ...conforming, description: 'conforms, reflection v1alpha only (like python-core)', reflection: 'v1alpha' },
    'reflection-v1-only': { ...conforming, description: 'conforms but serves reflection v1 only', reflection: 'v1' },
    'reflection-both': { ...conforming, description: 'conforms, reflection v1 and v1alpha', reflection: 'both' },
    'no-health': { ...conforming, description: 'conforms but serves no grpc.health.v1 Health', noHealth: true },
    'files-per-package': {
      ...conforming,
      description: 'conforms, but reflection serves one file per package, as @grpc/reflection does from a proto-loader definition',
      reflectionFiles: 'per-package',
    },
    'wrong-field-number': {
      ...conforming,
      description: `${entry.init.rpc} request field ${changedField} has another number`,
      editProtos: (root) => replaceField(requestType(root, initService, init.method), changedField, (field, type) => ({ id: nextFreeId(type), type: field.type })),
    },
    'wrong-field-type': {
      ...conforming,
      description: `${entry.init.rpc} request field ${changedField} has another type`,
      editProtos: (root) => replaceField(requestType(root, initService, init.method), changedField, (field) => ({ id: field.id, type: field.type === 'string' ? 'google.protobuf.Struct' : 'string' })),
    },
    'missing-method': {
      ...conforming,
      description: `${dropped.service}.${dropped.method} is not declared`,
      editProtos: (root) => {
        const service = root.lookupService(entry.services[dropped.service]?.fullName ?? '');
        const method = service.methods[dropped.method];
        if (method) service.remove(method);
      },
    },
    'renamed-service': {
      ...conforming,
      description: `${init.service} is served as ${init.service}Service`,
      renameServices: { [init.service]: `${initService}Service` },
    },
    'other-package': {
      ...conforming,
      description: `${init.service} keeps its short name in another package`,
      renameServices: { [init.service]: `acme.plugin.${init.service}` },
    },
  };
}

function splitRpc(spec: RpcSpec): { service: string; method: string } {
  const [service = '', method = ''] = spec.rpc.split('.');
  return { service, method };
}

/** verify where the type has one, else init itself. */
function droppedMethod(entry: ServiceTypeEntry): { service: string; method: string } {
  return splitRpc(entry.verify ?? entry.init);
}

function requestType(root: protobuf.Root, service: string, method: string): protobuf.Type {
  const declared = root.lookupService(service).methods[method];
  if (!declared) throw new Error(`${service} has no method ${method}`);
  declared.resolve();
  return declared.resolvedRequestType as protobuf.Type;
}

function replaceField(type: protobuf.Type, name: string, change: (field: protobuf.Field, type: protobuf.Type) => { id: number; type: string }): void {
  const field = type.fields[name];
  if (!field) throw new Error(`${type.fullName} has no field ${name}`);
  const next = change(field, type);
  type.remove(field);
  type.add(new protobuf.Field(name, next.id, next.type, field.repeated ? 'repeated' : undefined));
}

function nextFreeId(type: protobuf.Type): number {
  return Math.max(0, ...type.fieldsArray.map((field) => field.id)) + 1;
}

/** Adds the drift variants to every type that has a conforming reference plugin. */
export function withContractVariants(plugins: Record<string, Record<string, Variant>>): Record<string, Record<string, Variant>> {
  const all: Record<string, Record<string, Variant>> = {};
  for (const [typeName, variants] of Object.entries(plugins)) {
    const entry = findServiceType(typeName);
    const conforming = variants['conforming'];
    all[typeName] = entry && conforming ? { ...contractVariants(entry, conforming), ...variants } : variants;
  }
  return all;
}
