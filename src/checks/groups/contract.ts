/**
 * The `contract` group: whether the core can call the plugin at all, judged from the plugin's own
 * reflection the way the core builds its client (docs/core/README.md#discovery-by-reflection):
 * reflection served, services under the short names the core calls, methods with the right
 * streaming, and every key the core sends present in the plugin's request message.
 *
 * A finding fails when it breaks the core generation the harness judges by (the 2.x core, or
 * the 1.x core for a type only it calls); a finding that only breaks the other generation is a
 * warning that says so (docs/core/README.md#core-generations).
 */
import path from 'node:path';
import type protobuf from 'protobufjs';
import type { ServiceEntry, ServiceTypeEntry } from '../../model/service-type.js';
import { requireTarget } from '../../config.js';
import { callsOf, judgingCore } from '../../catalog/calls.js';
import { checkHealth } from '../../grpc/health.js';
import { loadProtoRoot, methodCodec, type MethodCodec } from '../../grpc/protos.js';
import { probeText, readReflection, type PluginReflection, type ReflectedService, type VersionProbe } from '../../grpc/reflection.js';
import { protosDir } from '../../paths.js';
import type { CheckDetail } from '../../model/results.js';
import type { CheckDefinition, RunContext, Verdict } from '../../model/check.js';
import { COMMON_SOURCES } from '../../spec.js';
import { compareRequest, compareResponse, type CoreGeneration, type InterfaceFinding } from './interface-diff.js';

const GROUP = 'contract';
const REFLECTION = `${GROUP}/reflection`;

/** One difference between the official interface and the plugin's, said the same way everywhere. */
interface Finding {
  /** What differs: `message.field`, `service`, `Service.method`. */
  subject: string;
  expected: string;
  actual: string;
  breaks: readonly CoreGeneration[];
  coreEffect: string;
}

export function contractChecks(entry: ServiceTypeEntry): CheckDefinition[] {
  return [
    reflectionCheck(entry),
    reflectionVersionCheck(),
    servicesCheck(entry),
    methodsCheck(entry),
    requestFieldsCheck(entry),
    responseFieldsCheck(entry),
    healthCheck(),
  ];
}

function reflectionCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: GROUP,
    name: 'reflection',
    sources: [COMMON_SOURCES.reflection],
    description: 'The plugin serves gRPC server reflection and every service it lists resolves (the core finds methods only this way)',
    requires: ['connect/channel-ready'],
    // Two ListServices probes and the descriptor reads, one deadline each.
    calls: 3,
    async run(context) {
      const outcome = await readReflection(requireTarget(context.config), context.config.timeoutMs);
      if (!outcome.ok) {
        const v1alpha = outcome.probes.v1alpha;
        const undecided = !v1alpha.served && (v1alpha.code === 'DEADLINE_EXCEEDED' || v1alpha.code === 'UNAVAILABLE');
        return {
          status: undecided ? 'error' : 'failed',
          message: `the plugin serves no gRPC server reflection: ${outcome.reason}`,
          details: [{
            message: 'no reflection service answered ListServices',
            expected: 'grpc.reflection.v1alpha.ServerReflection',
            actual: `v1alpha: ${probeCode(outcome.probes.v1alpha)}; v1: ${probeCode(outcome.probes.v1)}`,
            coreEffect: 'both core generations find a plugin\'s services only through reflection (v1alpha); without it the core cannot call any method, so registration (init) fails',
          }],
        };
      }
      const reflection = outcome.reflection;
      context.facts.reflection = reflection;
      if (judgingCore(entry) === '2.x') context.facts.pluginCodecs = pluginCodecs(entry, reflection);
      const notes = reflectionNotes(reflection);
      if (reflection.unresolved.length === 0) return { status: 'passed', details: notes };
      return {
        status: 'failed',
        message: `${reflection.unresolved.length} listed service(s) cannot be resolved: ${reflection.unresolved.map((service) => service.name).join(', ')}`,
        details: [
          ...reflection.unresolved.map((service) => ({
            message: `FileContainingSymbol(${service.name}) failed: ${service.reason}`,
            path: service.name,
            coreEffect: 'the 2.x core resolves every listed service (FindServiceByName) when it builds its client; one that fails makes every call to the plugin fail',
          })),
          ...notes,
        ],
      };
    },
  };
}

function probeCode(probe: VersionProbe): string {
  return probe.served ? 'served' : probe.code;
}

function reflectionNotes(reflection: PluginReflection): CheckDetail[] {
  const versions = `${probeText('v1alpha', reflection.probes.v1alpha)}; ${probeText('v1', reflection.probes.v1)}`;
  const v1Note = reflection.probes.v1.served ? '' : ' (python-core serves v1alpha only: not a defect)';
  return [
    { message: `descriptors read with grpc.reflection.${reflection.version}; ${versions}${v1Note}` },
    { message: `lists ${reflection.listed.length} service(s): ${reflection.listed.join(', ')}` },
  ];
}

function reflectionVersionCheck(): CheckDefinition {
  return {
    group: GROUP,
    name: 'reflection-v1alpha',
    sources: [COMMON_SOURCES.reflection, COMMON_SOURCES.generations],
    description: 'Reflection is served as grpc.reflection.v1alpha, the version both core generations ask',
    requires: [REFLECTION],
    async run(context) {
      const probe = reflectionOf(context).probes.v1alpha;
      if (probe.served) return { status: 'passed' };
      const timedOut = probe.code === 'DEADLINE_EXCEEDED' || probe.code === 'UNAVAILABLE';
      return {
        status: timedOut ? 'error' : 'failed',
        message: `the plugin serves grpc.reflection.v1 but not grpc.reflection.v1alpha (${probe.code}: ${probe.reason})`,
        details: [{
          message: 'grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo is not served',
          expected: 'grpc.reflection.v1alpha.ServerReflection',
          actual: 'grpc.reflection.v1.ServerReflection only',
          grpcCode: probe.code,
          coreEffect: 'both core generations list services through grpc.reflection.v1alpha only, so the core cannot find any method of this plugin and every call fails',
        }],
      };
    },
  };
}

function servicesCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: GROUP,
    name: 'services',
    sources: [COMMON_SOURCES.reflection, ...entry.sources.services],
    description: `The services of ${entry.name} are listed under the short names the core calls (${Object.keys(entry.services).join(', ')})`,
    requires: [REFLECTION],
    async run(context) {
      const reflection = reflectionOf(context);
      const findings: Finding[] = [];
      const notes: CheckDetail[] = [];
      for (const [shortName, official] of Object.entries(entry.services)) {
        const candidates = reflection.services.filter((service) => service.shortName === shortName);
        const served = pickServed(candidates, official.fullName);
        if (!served) {
          if (official.required) findings.push(missingService(shortName, official.fullName, reflection.listed));
          else notes.push({ message: `optional service ${shortName} is not served` });
          continue;
        }
        if (candidates.length > 1) findings.push(duplicateService(shortName, candidates));
        findings.push(...placementFindings(served, official.fullName, officialFile(officialRoot(context, official), official.fullName)));
      }
      return findingsVerdict(findings, judgingCore(entry), 'service(s) differ', notes);
    },
  };
}

function missingService(shortName: string, fullName: string, listed: readonly string[]): Finding {
  return {
    subject: `service ${shortName}`,
    expected: fullName,
    actual: `not listed (lists: ${listed.join(', ') || 'nothing'})`,
    breaks: ['2.x', '1.x'],
    coreEffect: `the core calls ${shortName}.<method> by the short service name and raises ERROR_CONNECTOR ("Method not supported") when no listed service has that name`,
  };
}

function duplicateService(shortName: string, candidates: readonly ReflectedService[]): Finding {
  return {
    subject: `service ${shortName}`,
    expected: 'one service with this short name',
    actual: candidates.map((service) => service.fullName).join(', '),
    breaks: [],
    coreEffect: 'the 2.x core keys services by short name, so only one of them can be called',
  };
}

/** Where the service is declared: what a 1.x core's static client depends on. */
function placementFindings(served: ReflectedService, officialName: string, officialPath: string | undefined): Finding[] {
  const findings: Finding[] = [];
  if (served.fullName !== officialName) {
    findings.push({
      subject: `service ${served.shortName}`,
      expected: officialName,
      actual: served.fullName,
      breaks: ['1.x'],
      coreEffect: 'a 1.x core imports the stubs of this package from its own spaceone-api and cannot for another package; the 2.x core calls by short name and is not affected',
    });
  }
  if (officialPath && served.file !== officialPath) {
    findings.push({
      subject: `file of ${served.fullName}`,
      expected: officialPath,
      actual: served.file || '(unnamed)',
      breaks: ['1.x'],
      coreEffect: 'a 1.x core derives its stub module from this file path (<package path>/<module>.proto) and cannot import it; the 2.x core is not affected',
    });
  }
  if (served.firstServiceInFile !== served.fullName) {
    findings.push({
      subject: `file of ${served.fullName}`,
      expected: `${served.shortName} as the first service of its file`,
      actual: `first service is ${served.firstServiceInFile}`,
      breaks: ['1.x'],
      coreEffect: `a 1.x core uses only the first service of the file, so it would build ${served.firstServiceInFile}'s stub for ${served.shortName}; the 2.x core is not affected`,
    });
  }
  return findings;
}

function methodsCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: GROUP,
    name: 'methods',
    sources: [COMMON_SOURCES.generations, ...entry.sources.services],
    description: 'Every method of those services exists with the official request type and streaming',
    requires: [REFLECTION],
    async run(context) {
      const findings: Finding[] = [];
      for (const { shortName, required, official, served } of matchedServices(entry, context)) {
        for (const method of official.methodsArray) {
          const actual = served.service.methods[method.name];
          if (!actual) {
            findings.push({
              subject: `${shortName}.${method.name}`,
              expected: `${method.name} in ${served.fullName}`,
              actual: `not a method of ${served.fullName} (has: ${Object.keys(served.service.methods).join(', ') || 'none'})`,
              breaks: required ? ['2.x', '1.x'] : [],
              coreEffect: `the core checks that ${method.name} is listed for ${shortName} and raises ERROR_CONNECTOR ("Method not supported") without calling`,
            });
            continue;
          }
          findings.push(...methodFindings(shortName, method, actual));
        }
      }
      return findingsVerdict(findings, judgingCore(entry), 'method(s) differ');
    },
  };
}

function methodFindings(shortName: string, official: protobuf.Method, actual: protobuf.Method): Finding[] {
  const findings: Finding[] = [];
  const subject = `${shortName}.${official.name}`;
  if (callShape(official) !== callShape(actual)) {
    findings.push({
      subject,
      expected: callShape(official),
      actual: callShape(actual),
      breaks: ['2.x', '1.x'],
      coreEffect: `the core consumes ${callShape(official)} answers from ${subject}; a ${callShape(actual)} call breaks it`,
    });
  }
  const officialRequest = typeName(official.resolvedRequestType);
  const actualRequest = typeName(actual.resolvedRequestType);
  if (shortTypeName(officialRequest) !== shortTypeName(actualRequest)) {
    findings.push({
      subject: `${subject} request`,
      expected: officialRequest,
      actual: actualRequest,
      breaks: ['1.x'],
      coreEffect: 'a 1.x core builds the request from its own message class of the official name; the 2.x core uses the plugin\'s message and is not affected',
    });
  }
  return findings;
}

function requestFieldsCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: GROUP,
    name: 'request-fields',
    sources: [COMMON_SOURCES.requestMessages, ...entry.sources.services],
    description: `Every key the core sends (${callsOf(entry).map((call) => `${call.rpc} {${call.sends.join(', ')}}`).join('; ')}) is a field of the plugin's request message with the official number and type`,
    requires: [REFLECTION],
    async run(context) {
      const findings = pairedMethods(entry, context).flatMap(({ official, actual, sends }) =>
        compareRequest(official.resolvedRequestType as protobuf.Type, actual.resolvedRequestType as protobuf.Type, sends).map(fieldFinding),
      );
      return findingsVerdict(findings, judgingCore(entry), 'request field(s) differ');
    },
  };
}

function responseFieldsCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: GROUP,
    name: 'response-fields',
    sources: [COMMON_SOURCES.requestMessages, COMMON_SOURCES.generations],
    description: 'The response fields the core and the harness read have the official names, numbers and types in the plugin\'s messages',
    requires: [REFLECTION],
    async run(context) {
      const findings = pairedMethods(entry, context).flatMap(({ official, actual }) =>
        compareResponse(official.resolvedResponseType as protobuf.Type, actual.resolvedResponseType as protobuf.Type).map(fieldFinding),
      );
      return findingsVerdict(findings, judgingCore(entry), 'response field(s) differ');
    },
  };
}

function healthCheck(): CheckDefinition {
  return {
    group: GROUP,
    name: 'health',
    sources: [COMMON_SOURCES.serverExtras],
    description: 'grpc.health.v1 Health/Check, for information only: no core service calls it',
    requires: ['connect/channel-ready'],
    calls: 1,
    async run(context) {
      const answer = await checkHealth(requireTarget(context.config), context.config.timeoutMs);
      if (!answer.answered && answer.code === 'UNIMPLEMENTED') {
        return { status: 'skipped', message: 'grpc.health.v1.Health is not served (information only: the core does not call it)' };
      }
      const said = answer.answered ? `answered ${answer.status}` : `failed with ${answer.code}: ${answer.details}`;
      return { status: 'passed', details: [{ message: `Health/Check ${said} (information only: the core does not call it)` }] };
    },
  };
}

/** Failures are what break the judging core; the rest are warnings that name the core they concern. */
function findingsVerdict(findings: readonly Finding[], judging: CoreGeneration, what: string, notes: CheckDetail[] = []): Verdict {
  const failures = findings.filter((finding) => finding.breaks.includes(judging));
  const warnings = findings.filter((finding) => !finding.breaks.includes(judging)).map(warningText);
  if (failures.length === 0) return { status: 'passed', details: notes, warnings };
  const first = failures[0] as Finding;
  return {
    status: 'failed',
    message: `${failures.length} ${what}: ${first.subject}: expected ${first.expected}, actual ${first.actual}`,
    details: [
      ...failures.map((finding) => ({
        message: `${finding.subject} ${concerns(finding)}`,
        path: finding.subject,
        expected: finding.expected,
        actual: finding.actual,
        coreEffect: finding.coreEffect,
      })),
      ...notes,
    ],
    warnings,
  };
}

function warningText(finding: Finding): string {
  return `${finding.subject}: expected ${finding.expected}, actual ${finding.actual} — ${concerns(finding)}: ${finding.coreEffect}`;
}

function concerns(finding: Finding): string {
  if (finding.breaks.length === 0) return 'breaks no core';
  return `breaks ${finding.breaks.join(' and ')} cores`;
}

function fieldFinding(finding: InterfaceFinding): Finding {
  return {
    subject: `${finding.message}.${finding.field}`,
    expected: finding.expected,
    actual: finding.actual,
    breaks: finding.breaks,
    coreEffect: finding.coreEffect,
  };
}

interface MatchedService {
  shortName: string;
  required: boolean;
  official: protobuf.Service;
  served: ReflectedService;
}

/** The entry's services the plugin serves, found by short name as the core finds them. */
function matchedServices(entry: ServiceTypeEntry, context: RunContext): MatchedService[] {
  const reflection = reflectionOf(context);
  return Object.entries(entry.services).flatMap(([shortName, official]) => {
    const served = pickServed(reflection.services.filter((service) => service.shortName === shortName), official.fullName);
    return served ? [{ shortName, required: official.required, official: officialRoot(context, official).lookupService(official.fullName), served }] : [];
  });
}

/** Each call the core makes, with the official method and the plugin's, where both exist. */
function pairedMethods(entry: ServiceTypeEntry, context: RunContext): Array<{ official: protobuf.Method; actual: protobuf.Method; sends: readonly string[] }> {
  const services = new Map(matchedServices(entry, context).map((matched) => [matched.shortName, matched]));
  return callsOf(entry).flatMap((call) => {
    const [shortName = '', method = ''] = call.rpc.split('.');
    const matched = services.get(shortName);
    const official = matched?.official.methods[method];
    const actual = matched?.served.service.methods[method];
    // A missing method is the methods check's finding; here there is nothing to compare.
    if (!official || !actual) return [];
    official.resolve();
    actual.resolve();
    return [{ official, actual, sends: call.sends }];
  });
}

function pluginCodecs(entry: ServiceTypeEntry, reflection: PluginReflection): Map<string, MethodCodec> {
  const codecs = new Map<string, MethodCodec>();
  for (const [shortName, official] of Object.entries(entry.services)) {
    const served = pickServed(reflection.services.filter((service) => service.shortName === shortName), official.fullName);
    if (!served) continue;
    for (const method of Object.keys(served.service.methods)) {
      codecs.set(`${shortName}.${method}`, methodCodec(served.service.root, served.fullName, method));
    }
  }
  return codecs;
}

function pickServed(candidates: readonly ReflectedService[], officialName: string): ReflectedService | undefined {
  return candidates.find((service) => service.fullName === officialName) ?? candidates[0];
}

function reflectionOf(context: RunContext): PluginReflection {
  const reflection = context.facts.reflection;
  if (!reflection) throw new Error(`${REFLECTION} passed without recording the plugin's reflection`);
  return reflection;
}

/** A service with proto files of its own (legacy identity Auth) is described by its own Root. */
function officialRoot(context: RunContext, service: ServiceEntry): protobuf.Root {
  return service.protoFiles ? loadProtoRoot(service.protoFiles) : context.root;
}

function officialFile(root: protobuf.Root, fullName: string): string | undefined {
  const filename = root.lookupService(fullName).filename;
  return filename ? path.relative(protosDir, filename).split(path.sep).join('/') : undefined;
}

function callShape(method: protobuf.Method): string {
  if (method.requestStream && method.responseStream) return 'bidirectional streaming';
  if (method.requestStream) return 'client streaming';
  return method.responseStream ? 'server streaming' : 'unary';
}

function typeName(type: protobuf.Type | null): string {
  return type ? type.fullName.replace(/^\./, '') : '(unresolved)';
}

function shortTypeName(fullName: string): string {
  return fullName.slice(fullName.lastIndexOf('.') + 1);
}
