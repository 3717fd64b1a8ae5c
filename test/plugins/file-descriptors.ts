/**
 * Reflection descriptors as protoc writes them and python-core plugins serve them: one
 * FileDescriptorProto per .proto file, under its own path, holding what that file declares. Given
 * a proto-loader definition, @grpc/reflection serves one file per package instead (its source says
 * so), which a 1.x core cannot import; the reference plugins serve these, and a contract variant
 * keeps the per-package form to show the warning.
 */
import path from 'node:path';
import protobuf from 'protobufjs';
import descriptor from 'protobufjs/ext/descriptor.js';

// A CommonJS module: its exports come as the default import.
const { FileDescriptorProto } = descriptor;

type Declaration = protobuf.Type | protobuf.Enum | protobuf.Service;

interface FileContent {
  package: string;
  declarations: Declaration[];
  dependencies: Set<string>;
}

/** Encoded FileDescriptorProtos of every file the root was loaded from, well-known types included. */
export function perFileDescriptors(root: protobuf.Root, baseDir: string): Buffer[] {
  const files = new Map<string, FileContent>();
  const fileOf = (declaration: Declaration): string =>
    declaration.filename ? path.relative(baseDir, declaration.filename) : wellKnownFile(declaration.fullName);
  for (const declaration of topLevelDeclarations(root)) {
    const file = fileOf(declaration);
    const content = files.get(file) ?? { package: packageOf(declaration), declarations: [], dependencies: new Set<string>() };
    content.declarations.push(declaration);
    for (const used of referencedTypes(declaration)) {
      const usedFile = fileOf(topLevelOf(used));
      if (usedFile !== file) content.dependencies.add(usedFile);
    }
    files.set(file, content);
  }
  return [...files].map(([name, content]) => Buffer.from(FileDescriptorProto.encode(fileDescriptor(name, content)).finish()));
}

function fileDescriptor(name: string, content: FileContent): ReturnType<typeof FileDescriptorProto.create> {
  const of = <T extends Declaration>(kind: new (...args: never[]) => T): T[] => content.declarations.filter((declaration): declaration is T => declaration instanceof kind);
  return FileDescriptorProto.create({
    name,
    package: content.package,
    dependency: [...content.dependencies],
    messageType: of(protobuf.Type).map((type) => type.toDescriptor('proto3')),
    enumType: of(protobuf.Enum).map((declared) => declared.toDescriptor()),
    service: of(protobuf.Service).map((service) => service.toDescriptor()),
    syntax: 'proto3',
  });
}

/** Messages, enums and services declared at file level, in the order they were declared. */
function topLevelDeclarations(namespace: protobuf.NamespaceBase): Declaration[] {
  return namespace.nestedArray.flatMap((nested) => {
    if (nested instanceof protobuf.Type || nested instanceof protobuf.Enum || nested instanceof protobuf.Service) return [nested];
    return nested instanceof protobuf.Namespace ? topLevelDeclarations(nested) : [];
  });
}

function topLevelOf(declaration: protobuf.ReflectionObject): Declaration {
  let current = declaration;
  while (current.parent instanceof protobuf.Type) current = current.parent;
  return current as Declaration;
}

function packageOf(declaration: Declaration): string {
  return declaration.parent?.fullName.replace(/^\./, '') ?? '';
}

/** Every message and enum a declaration's fields and methods name, nested types included. */
function referencedTypes(declaration: Declaration): protobuf.ReflectionObject[] {
  if (declaration instanceof protobuf.Service) {
    return declaration.methodsArray.flatMap((method) => [method.resolvedRequestType, method.resolvedResponseType].filter((type): type is protobuf.Type => type !== null));
  }
  if (!(declaration instanceof protobuf.Type)) return [];
  const fields = declaration.fieldsArray.map((field) => field.resolve().resolvedType).filter((type): type is protobuf.Type | protobuf.Enum => type !== null);
  const nested = declaration.nestedArray.filter((child): child is protobuf.Type => child instanceof protobuf.Type).flatMap(referencedTypes);
  return [...fields, ...nested];
}

/** protobufjs loads google/protobuf/* from its bundled copies, which carry no file name: find it there. */
function wellKnownFile(fullName: string): string {
  const name = fullName.replace(/^\.google\.protobuf\./, '');
  const common = protobuf.common as unknown as Record<string, unknown> & { get(file: string): { nested?: Record<string, { nested?: Record<string, { nested?: Record<string, unknown> }> }> } | null };
  const file = Object.keys(common).find((candidate) => candidate.endsWith('.proto') && common.get(candidate)?.nested?.['google']?.nested?.['protobuf']?.nested?.[name] !== undefined);
  if (!file) throw new Error(`no well-known file declares ${fullName}`);
  return file;
}
