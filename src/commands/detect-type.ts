/** `--type` left out: the type is read from the plugin's reflection before the run starts. */
import type { ServiceTypeEntry } from '../model/service-type.js';
import { detectType } from '../catalog/detect.js';
import { requireTarget, type CommonInputs } from '../config.js';
import { CommandExit, UsageError } from '../usage.js';
import { PluginClient } from '../grpc/client.js';
import type { Target } from '../grpc/target.js';
import { readReflection } from '../grpc/reflection.js';
import { EXIT } from '../model/results.js';

export interface DetectedType {
  entry: ServiceTypeEntry;
  /** Why this type: which listed services matched. */
  reason: string;
  /** Set when the plugin serves only part of the type's required services: the type is assumed, not detected. */
  assumed?: boolean;
  /** Every service the plugin's reflection lists (full names). */
  listed: readonly string[];
}

/**
 * Unreachable, or no gRPC at all (an HTTP/1 server, a silent listener): exit 3, in the words a
 * run with --type uses. No reflection, no matching or several matching types: exit 2, give --type.
 */
export async function detectServiceType(inputs: CommonInputs): Promise<DetectedType> {
  await assertServesGrpc(requireTarget(inputs), inputs.targetText, inputs.timeoutMs, ' to detect its service type');
  const outcome = await readReflection(requireTarget(inputs), inputs.timeoutMs);
  if (!outcome.ok) {
    const codes = Object.entries(outcome.probes).map(([version, probe]) => `${version}: ${probe.served ? 'served' : probe.code}`);
    throw new UsageError(`cannot detect the service type: the plugin serves no gRPC reflection (${codes.join(', ')}); give --type to check it anyway`);
  }
  const detection = detectType(outcome.reflection.listed);
  if (!detection.ok) throw new UsageError(`cannot detect the service type: ${detection.reason}; give --type (see list-types)`);
  const detected: DetectedType = { entry: detection.match.entry, reason: detection.reason, listed: outcome.reflection.listed };
  if (detection.missing) detected.assumed = true;
  return detected;
}

/** A TCP connection, then an HTTP/2 gRPC channel within the deadline; otherwise exit 3, saying which failed. */
export async function assertServesGrpc(target: Target, targetText: string, timeoutMs: number, purpose = ''): Promise<void> {
  const client = new PluginClient(target);
  try {
    const channel = await client.connect(timeoutMs);
    if (!channel.ok) throw new CommandExit(EXIT.unreachable, `cannot reach ${targetText}${purpose}: ${channel.reason}`);
  } finally {
    client.close();
  }
}
