/** `list`: the requirement catalogue, every check with its ID, group, required or optional and what passes. */
import type { Command } from 'commander';
import { findServiceType, SERVICE_TYPES, typeNames } from '../catalog/index.js';
import { UsageError } from '../usage.js';

export function registerList(program: Command): void {
  program
    .command('list')
    .description('list every check: stable ID, required or optional, what passes (the requirement catalogue)')
    .option('--type <service-type>', 'only the checks of this type')
    .option('--json', 'print JSON instead of a table')
    .action(async (options: { type?: string; json?: boolean }) => {
      const entries = options.type === undefined ? SERVICE_TYPES : [findServiceType(options.type) ?? unknownType(options.type)];
      // Loaded here so that the other commands do not pay for the suites.
      const { requirementsOf } = await import('../checks/requirements.js');
      const requirements = (await Promise.all(entries.map((entry) => requirementsOf(entry)))).flat();
      if (options.json) {
        process.stdout.write(`${JSON.stringify(requirements, null, 2)}\n`);
        return;
      }
      const width = Math.max(...requirements.map((requirement) => requirement.id.length));
      for (const requirement of requirements) {
        const needs = requirement.needs ? ` (needs ${requirement.needs})` : '';
        process.stdout.write(`${requirement.id.padEnd(width)}  ${requirement.required ? 'required' : 'optional'}  ${requirement.description}${needs}\n`);
      }
    });
}

function unknownType(name: string): never {
  throw new UsageError(`--type: unknown service type "${name}" (known: ${typeNames().join(', ')})`);
}
