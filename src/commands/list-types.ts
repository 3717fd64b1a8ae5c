/** `list-types`: the service types the harness checks, one line each. */
import type { Command } from 'commander';
import { SERVICE_TYPES } from '../catalog/index.js';

export function registerListTypes(program: Command): void {
  program
    .command('list-types')
    .description('list the plugin service types this harness checks')
    .option('--json', 'print JSON instead of a table')
    .action((options: { json?: boolean }) => listTypes(Boolean(options.json)));
}

function listTypes(json: boolean): void {
  if (json) {
    const types = SERVICE_TYPES.map((entry) => ({
      name: entry.name,
      aliases: entry.aliases,
      description: entry.description,
      services: Object.values(entry.services).map((service) => service.fullName),
    }));
    process.stdout.write(`${JSON.stringify(types, null, 2)}\n`);
    return;
  }
  const width = Math.max(...SERVICE_TYPES.map((entry) => entry.name.length));
  for (const entry of SERVICE_TYPES) {
    const aliases = entry.aliases.length > 0 ? ` (also: ${entry.aliases.join(', ')})` : '';
    process.stdout.write(`${entry.name.padEnd(width)}  ${entry.description}${aliases}\n`);
  }
}
