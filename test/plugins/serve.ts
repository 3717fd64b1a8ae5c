#!/usr/bin/env node
/**
 * Starts one reference plugin: `node dist/test/plugins/serve.js <type> <variant> [port] [host]`,
 * or a wire-level fault: `node dist/test/plugins/serve.js wire <fault> [port] [host]`.
 * Prints `LISTENING <port>` once it serves; stops on SIGINT/SIGTERM.
 */
import { findServiceType } from '../../src/catalog/index.js';
import { REFERENCE_PLUGINS } from './registry.js';
import { startPluginServer } from './server.js';
import { isWireFault, startWireServer, WIRE_FAULTS } from './wire.js';

const [typeName = '', variantName = 'conforming', port = '0', host = '127.0.0.1'] = process.argv.slice(2);
const entry = findServiceType(typeName);
const variant = REFERENCE_PLUGINS[entry?.name ?? '']?.[variantName];
const wireFault = typeName === 'wire' && isWireFault(variantName) ? variantName : undefined;
if (!wireFault && (!entry || !variant)) {
  const known = Object.entries(REFERENCE_PLUGINS).map(([type, variants]) => `${type}: ${Object.keys(variants).join(', ')}`);
  known.push(`wire: ${Object.keys(WIRE_FAULTS).join(', ')}`);
  process.stderr.write(`usage: serve <type> <variant> [port] [host]\nknown:\n  ${known.join('\n  ')}\n`);
  process.exit(2);
}
const running = entry && variant ? await startPluginServer(entry, variant, host, Number(port)) : await startWireServer(wireFault ?? 'silent', host, Number(port));
process.stdout.write(`LISTENING ${running.port}\n`);
const stop = (): void => {
  void running.stop().then(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
