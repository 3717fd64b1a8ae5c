/**
 * `npm start`: the bundled default job. Starts each conforming reference plugin on loopback, runs
 * the CLI against it as a user would (reports under reports/), stops the plugin. Exit code is the
 * worst of the runs.
 */
import { spawn } from 'node:child_process';
import { REFERENCE_PLUGINS } from '../test/plugins/registry.js';
import { CLI, startReferencePlugin } from '../test/support/processes.js';

let worst = 0;
for (const type of Object.keys(REFERENCE_PLUGINS)) {
  const plugin = await startReferencePlugin(type, 'conforming');
  const inputs = REFERENCE_PLUGINS[type]?.['conforming']?.cliArgs ?? [];
  try {
    const code = await new Promise<number>((resolve) => {
      const child = spawn(process.execPath, [CLI, '--target', plugin.address, '--type', type, ...inputs], { stdio: 'inherit' });
      child.once('close', (exitCode) => resolve(exitCode ?? 1));
    });
    worst = Math.max(worst, code);
  } finally {
    await plugin.stop();
  }
}
process.exit(worst);
