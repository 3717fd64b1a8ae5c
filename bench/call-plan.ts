/**
 * The calls a full conformance run makes after it has read reflection and health, in order, built
 * from the harness's own definitions (the core's requests, the robustness inputs and counts), so
 * the floor client makes the same RPCs with the same requests. The bench also records the calls
 * both sides make at the plugin and refuses to compare when they differ, so a drift in either is
 * found rather than measured.
 */
import type { RpcSpec, ServiceTypeEntry } from '../src/model/service-type.js';
import { ODD_INPUTS, PARALLEL_CALLS, REPEATED_CALLS } from '../src/checks/groups/robustness.js';
import type { JsonObject } from '../src/grpc/struct.js';
import { coreInputs, coreRequest } from '../src/run/calls.js';

export interface PlannedCall {
  /** Full service name, e.g. spaceone.api.notification.plugin.Protocol. */
  service: string;
  method: string;
  request: JsonObject;
}

/** Steps run one after another; the calls of one step are made at once. */
export type CallPlan = PlannedCall[][];

export interface PlanInputs {
  options: JsonObject;
  secretData: JsonObject;
  domainId: string;
}

/**
 * init/responds, init/deterministic, verify, then the robustness group: each odd input (to init,
 * and verify where it says so) followed by a normal init, repeated init, repeated verify, and the
 * parallel inits. Opt-in calls are left out, as a run without their inputs leaves them out.
 */
export function runCallPlan(entry: ServiceTypeEntry, inputs: PlanInputs): CallPlan {
  const normal = coreInputs(inputs);
  const call = (spec: RpcSpec, request: JsonObject = coreRequest(spec, normal)): PlannedCall => {
    const [shortName = '', method = ''] = spec.rpc.split('.');
    return { service: entry.services[shortName]?.fullName ?? shortName, method, request };
  };
  const verify = entry.verify;
  const plan: CallPlan = [[call(entry.init)], [call(entry.init)]];
  if (verify) plan.push([call(verify)]);
  for (const input of ODD_INPUTS) {
    const specs = [entry.init, ...(input.alsoVerify && verify ? [verify] : [])].filter((spec) => input.appliesTo(spec));
    if (specs.length === 0) continue;
    for (const spec of specs) plan.push([call(spec, input.request(coreRequest(spec, normal)))]);
    plan.push([call(entry.init)]);
  }
  for (let index = 0; index < REPEATED_CALLS; index++) plan.push([call(entry.init)]);
  if (verify) for (let index = 0; index < REPEATED_CALLS; index++) plan.push([call(verify)]);
  plan.push(Array.from({ length: PARALLEL_CALLS }, () => call(entry.init)));
  return plan;
}

/** The gRPC paths of a plan in order, as a plugin server sees them arrive. */
export function planPaths(plan: CallPlan): string[] {
  return plan.flat().map((planned) => `/${planned.service}/${planned.method}`);
}
