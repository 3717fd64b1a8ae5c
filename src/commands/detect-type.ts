/** `--type` left out: the type is read from the plugin's reflection before the run starts. */
import type { ServiceTypeEntry } from '../model/service-type.js';
import { detectType } from '../catalog/detect.js';
import { requireTarget, type CommonInputs } from '../config.js';
import { CommandExit, UsageError } from '../usage.js';
import { probeTcp } from '../grpc/client.js';
import { readReflection } from '../grpc/reflection.js';
import { EXIT } from '../model/results.js';

export interface DetectedType {
  entry: ServiceTypeEntry;
  /** Why this type: which listed services matched. */
  reason: string;
}

/** Unreachable: exit 3. No reflection, no matching or several matching types: exit 2, give --type. */
export async function detectServiceType(inputs: CommonInputs): Promise<DetectedType> {
  const reachable = await probeTcp(requireTarget(inputs), inputs.timeoutMs);
  if (!reachable.ok) throw new CommandExit(EXIT.unreachable, `cannot reach ${inputs.targetText} to detect its service type: ${reachable.reason}`);
  const outcome = await readReflection(requireTarget(inputs), inputs.timeoutMs);
  if (!outcome.ok) {
    const codes = Object.entries(outcome.probes).map(([version, probe]) => `${version}: ${probe.served ? 'served' : probe.code}`);
    throw new UsageError(`cannot detect the service type: the plugin serves no gRPC reflection (${codes.join(', ')}); give --type to check it anyway`);
  }
  const detection = detectType(outcome.reflection.listed);
  if (!detection.ok) throw new UsageError(`cannot detect the service type: ${detection.reason}; give --type (see list-types)`);
  return { entry: detection.match.entry, reason: detection.reason };
}
