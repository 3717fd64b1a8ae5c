/**
 * Which of a type's services a plugin serves, for types that accept one of several (identity.Domain:
 * ExternalAuth for 2.x cores, the legacy Auth for 1.x cores). Each service is probed by calling one of
 * its methods with the request the core sends: UNIMPLEMENTED means not served, any other answer
 * (even an error) means served. A 2.x core that finds a service unserved fails the same way whether
 * reflection omits it or the method answers UNIMPLEMENTED, so the probe's verdict is the core's.
 */
import type { RpcSpec } from '../model/service-type.js';
import type { CheckSource } from '../spec.js';
import { callFailed } from './builders.js';
import type { CheckDefinition, RunContext, Verdict } from '../model/check.js';

export const SERVED_CHECK = 'service/served';

export type ServedServices = Record<string, boolean>;

export function servedServicesCheck(options: {
  /** One call per service, e.g. ExternalAuth.init and Auth.init. */
  probes: readonly RpcSpec[];
  /** The verdict on what is served, with what each core generation can do with it. */
  judge: (served: ServedServices) => Verdict;
  /** Where the core generations that call each service are described. */
  sources: readonly CheckSource[];
}): CheckDefinition {
  const names = options.probes.map(serviceOf);
  return {
    group: 'service',
    name: 'served',
    sources: options.sources,
    description: `Which of ${names.join(', ')} the plugin serves (a probe answered UNIMPLEMENTED is not served)`,
    requires: ['connect/channel-ready'],
    calls: options.probes.length,
    async run(context) {
      const served: ServedServices = {};
      for (const probe of options.probes) {
        const outcome = await context.unary(probe, context.request(probe));
        if (outcome.ok || outcome.failure.codeName !== 'UNIMPLEMENTED') {
          // A hang or a lost connection tells nothing about what is served: report it as the error it is.
          if (!outcome.ok && ['DEADLINE_EXCEEDED', 'UNAVAILABLE'].includes(outcome.failure.codeName)) {
            return callFailed(probe, outcome.failure, 'the core cannot tell which service the plugin serves either; every call to it fails');
          }
          served[serviceOf(probe)] = true;
        } else {
          served[serviceOf(probe)] = false;
        }
      }
      context.facts.served = served;
      return options.judge(served);
    },
  };
}

/** Runs a check only where its service is served; elsewhere it is skipped with the reason. */
export function whenServed(service: string, check: CheckDefinition, notServedReason: string): CheckDefinition {
  return {
    ...check,
    requires: [SERVED_CHECK, ...(check.requires ?? [])],
    async run(context: RunContext) {
      if (context.facts.served?.[service] !== true) return { status: 'skipped', message: `${service} is not served: ${notServedReason}` };
      return check.run(context);
    },
  };
}

function serviceOf(spec: RpcSpec): string {
  return spec.rpc.split('.')[0] ?? spec.rpc;
}
