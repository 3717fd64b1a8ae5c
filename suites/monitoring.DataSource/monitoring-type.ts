/**
 * A monitoring.DataSource is METRIC or LOG (the manifest's capability.monitoring_type); its
 * metadata rules and the service the core calls depend on which (docs/core/monitoring.md#datasource-services). The run
 * takes the type from --monitoring-type or infers it, and says which and why: in a warning and in
 * the JUnit properties monitoring.type and monitoring.type.source.
 */
import type { ServiceTypeEntry } from '../../src/model/service-type.js';
import type { CallFailure } from '../../src/grpc/client.js';
import type { JsonObject } from '../../src/grpc/struct.js';
import type { CheckDefinition, RunContext, RunFacts } from '../../src/model/check.js';

export type MonitoringType = 'METRIC' | 'LOG';
type QueryService = 'Metric' | 'Log';

/** The service each type's queries go to. A plugin may serve the other one too (CloudWatch does). */
export const QUERY_SERVICE: Record<MonitoringType, QueryService> = { METRIC: 'Metric', LOG: 'Log' };
export const CHOICE = 'monitoring-type';
/** The check that resolves the type, for the checks that need it. */
export const RESOLVED = 'init/monitoring-type';

interface Probe {
  state: 'served' | 'not served' | 'unknown';
  failure?: CallFailure;
}

interface MonitoringFacts {
  type?: MonitoringType;
  probes: Record<QueryService, Probe>;
}

/** What this module learned in a run, kept beside the run's shared facts. */
const learned = new WeakMap<RunFacts, MonitoringFacts>();

export function monitoringTypeOf(context: RunContext): MonitoringType | undefined {
  return learned.get(context.facts)?.type;
}

export function monitoringTypeCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    // In the init group: it reads init's metadata, and the metadata rules need it.
    group: 'init',
    name: 'monitoring-type',
    sources: [...(entry.sources.capability ?? []), ...entry.sources.services],
    description: 'The data source type, METRIC or LOG: --monitoring-type, else inferred from the services served (Metric, Log) and the metadata keys',
    requires: ['connect/channel-ready'],
    calls: 2,
    async run(context) {
      const probes = { Metric: await probe(context, 'Metric'), Log: await probe(context, 'Log') };
      const facts: MonitoringFacts = { probes };
      learned.set(context.facts, facts);
      const stated = context.config.choices?.[CHOICE] as MonitoringType | undefined;
      if (stated) {
        facts.type = stated;
        return { status: 'passed', properties: { 'monitoring.type': stated, 'monitoring.type.source': `--${CHOICE}` } };
      }
      const inference = infer(probes, context.facts.metadata);
      if (!inference.type) {
        return { status: 'error', message: `cannot tell METRIC from LOG: ${inference.reason}; give --${CHOICE} METRIC|LOG (the manifest's capability.monitoring_type)` };
      }
      facts.type = inference.type;
      return {
        status: 'passed',
        warnings: [`monitoring type ${inference.type} inferred, since no --${CHOICE} was given: ${inference.reason}. State it with --${CHOICE} (the manifest's capability.monitoring_type)`],
        properties: { 'monitoring.type': inference.type, 'monitoring.type.source': `inferred: ${inference.reason}` },
      };
    },
  };
}

export function servesQueryServiceCheck(entry: ServiceTypeEntry): CheckDefinition {
  return {
    group: 'services',
    name: 'query-service',
    sources: entry.sources.services,
    description: 'The plugin serves the service its type is queried through (Metric for METRIC, Log for LOG); serving the other one as well is fine',
    requires: [RESOLVED],
    async run(context) {
      const facts = learned.get(context.facts);
      if (!facts?.type) return { status: 'error', message: 'the monitoring type was not resolved' };
      const service = QUERY_SERVICE[facts.type];
      const probe = facts.probes[service];
      const fullName = entry.services[service]?.fullName ?? service;
      if (probe.state === 'served') return { status: 'passed' };
      const answer = probe.failure ? `${probe.failure.codeName}: ${probe.failure.details}` : 'no answer';
      if (probe.state === 'unknown') return { status: 'error', message: `cannot tell whether the plugin serves ${fullName}: ${answer}` };
      const calls = facts.type === 'METRIC' ? 'Metric.list and Metric.get_data' : 'Log.list';
      return {
        status: 'failed',
        message: `a ${facts.type} data source, but the plugin does not serve ${fullName} (${answer})`,
        details: [{
          message: `${service}.list answered ${answer}`,
          grpcCode: probe.failure?.codeName,
          expected: `${fullName} served`,
          coreEffect: `the core finds services by reflection and calls ${calls}: ERROR_CONNECTOR (Method not supported), so the data source never shows a ${facts.type === 'METRIC' ? 'metric' : 'log'}`,
        }],
      };
    },
  };
}

/**
 * Whether the plugin serves a query service, by a call it must reject cheaply: no options and no
 * secret, so no plugin can reach its backend with it. UNIMPLEMENTED is the answer of a service or
 * method that is not there; any other answer means something served the call.
 */
async function probe(context: RunContext, service: QueryService): Promise<Probe> {
  // A probe needs the first answer only: a stream gets the unary deadline, not a collection's.
  const outcome = await context.call({ rpc: `${service}.list`, sends: [] }, {}, context.config.timeoutMs);
  if (outcome.ok) return { state: 'served' };
  const { codeName } = outcome.failure;
  if (codeName === 'UNIMPLEMENTED') return { state: 'not served', failure: outcome.failure };
  if (codeName === 'DEADLINE_EXCEEDED' || codeName === 'UNAVAILABLE') return { state: 'unknown', failure: outcome.failure };
  return { state: 'served', failure: outcome.failure };
}

function infer(probes: Record<QueryService, Probe>, metadata: JsonObject | undefined): { type?: MonitoringType; reason: string } {
  const metric = probes.Metric.state;
  const log = probes.Log.state;
  if (metric === 'served' && log === 'not served') return { type: 'METRIC', reason: 'the plugin serves Metric and not Log' };
  if (log === 'served' && metric === 'not served') return { type: 'LOG', reason: 'the plugin serves Log and not Metric' };
  const services = metric === 'served' && log === 'served' ? 'it serves both Metric and Log' : `Metric is ${metric} and Log is ${log}`;
  const hasStat = metadata !== undefined && 'supported_stat' in metadata;
  const hasView = metadata !== undefined && 'view' in metadata;
  if (hasStat && !hasView) return { type: 'METRIC', reason: `${services}, and its metadata has supported_stat, which only METRIC metadata has` };
  if (hasView && !hasStat) return { type: 'LOG', reason: `${services}, and its metadata has view, which only LOG metadata has` };
  const keys = metadata === undefined ? 'no metadata was read' : hasStat ? 'its metadata has both supported_stat and view' : 'its metadata has neither supported_stat nor view';
  return { reason: `${services}, and ${keys}` };
}
