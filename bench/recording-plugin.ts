/**
 * The bench's plugin: a reference plugin in this process, serving reflection v1 and v1alpha and
 * ServerInfo (as python-core plugins do) so that every call either side makes reaches a handler
 * and is recorded (a call to an unserved method never reaches one). What was recorded tells
 * whether the harness and the floor client made the same RPCs in the same order.
 */
import { findServiceType } from '../src/catalog/index.js';
import type { ServiceTypeEntry } from '../src/model/service-type.js';
import { formatTarget } from '../src/grpc/target.js';
import { REFERENCE_PLUGINS } from '../test/plugins/registry.js';
import { startPluginServer } from '../test/plugins/server.js';

export interface RecordingPlugin {
  entry: ServiceTypeEntry;
  address: string;
  /** The paths of the calls since the last take(), in arrival order; starts a new recording. */
  take(): string[];
  stop(): Promise<void>;
}

export async function startRecordingPlugin(type: string, variantName = 'conforming'): Promise<RecordingPlugin> {
  const entry = findServiceType(type);
  const variant = REFERENCE_PLUGINS[type]?.[variantName];
  if (!entry || !variant) throw new Error(`no reference plugin ${type} ${variantName}`);
  let calls: string[] = [];
  const server = await startPluginServer(entry, { ...variant, reflection: 'both' }, '127.0.0.1', 0, { onCall: (path) => calls.push(path), version: '1.0.0-bench' });
  return {
    entry,
    address: formatTarget({ host: '127.0.0.1', port: server.port }),
    take() {
      const taken = calls;
      calls = [];
      return taken;
    },
    stop: () => server.stop(),
  };
}

/** Where two call sequences first differ, or undefined when they are the same. */
export function firstCallDifference(harness: readonly string[], floor: readonly string[]): string | undefined {
  const length = Math.max(harness.length, floor.length);
  for (let index = 0; index < length; index++) {
    if (harness[index] !== floor[index]) {
      return `call ${index + 1} of ${harness.length} (harness) / ${floor.length} (floor): harness ${harness[index] ?? '(none)'}, floor ${floor[index] ?? '(none)'}`;
    }
  }
  return undefined;
}
