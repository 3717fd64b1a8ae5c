/**
 * Reference plugins served from the test process itself: still real servers on 127.0.0.1, only
 * without a process start each. Built fresh per call, so a variant's counters start at zero.
 * Variants that exit their process must be spawned instead (startReferencePlugin).
 */
import { findServiceType } from '../../src/catalog/index.js';
import { REFERENCE_PLUGINS } from '../plugins/registry.js';
import { robustnessDefects } from '../plugins/robustness-defects.js';
import { startPluginServer } from '../plugins/server.js';
import { startWireServer, type WireFault } from '../plugins/wire.js';

export interface InProcessPlugin {
  address: string;
  stop(): Promise<void>;
}

export async function startDefectInProcess(typeName: string, defect: string): Promise<InProcessPlugin> {
  const entry = findServiceType(typeName);
  const conforming = REFERENCE_PLUGINS[typeName]?.['conforming'];
  const variant = entry && conforming ? robustnessDefects(entry, conforming)[defect] : undefined;
  if (!entry || !variant) throw new Error(`no robustness defect ${defect} for ${typeName}`);
  const running = await startPluginServer(entry, variant);
  return {
    address: `127.0.0.1:${running.port}`,
    // Calls that hang never end by themselves: shut down without waiting for them.
    stop: async () => running.server.forceShutdown(),
  };
}

export async function startWireInProcess(fault: WireFault): Promise<InProcessPlugin> {
  const running = await startWireServer(fault);
  return { address: `127.0.0.1:${running.port}`, stop: () => running.stop() };
}
