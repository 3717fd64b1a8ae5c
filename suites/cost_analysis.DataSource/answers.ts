/**
 * What the cost-analysis core tolerates in a data source's answers but a person should know
 * (docs/core/cost-analysis.md#cost-data). The rules that fail live in the schemas.
 */
import { isJsonObject, type Json, type JsonObject } from '../../src/grpc/struct.js';
import { pythonTruthy } from '../../src/checks/json-values.js';

export function dataSourceMetadataWarnings(metadata: JsonObject | undefined): string[] {
  const rules = metadata?.['data_source_rules'];
  if (!Array.isArray(rules)) return [];
  return rules.flatMap((rule, index) => {
    const actions = isJsonObject(rule) ? rule['actions'] : undefined;
    const project = isJsonObject(actions) ? actions['change_project'] : undefined;
    if (!pythonTruthy(project)) return [];
    return [`data_source_rules[${index}].actions.change_project names project ${JSON.stringify(project)}: the core looks it up at register, which fails in every domain without that project`];
  });
}

export function linkedAccountsWarnings(answer: Json): string[] {
  const results = isJsonObject(answer) ? answer['results'] : undefined;
  if (!Array.isArray(results) || results.length === 0) return ['Cost.get_linked_accounts answered no accounts: the core has no account to route costs to'];
  const unnamed = results.filter((account) => !isJsonObject(account) || !pythonTruthy(account['account_id'])).length;
  return unnamed > 0 ? [`${unnamed} linked account(s) without account_id: the core cannot route costs to them`] : [];
}

export function costTasksWarnings(answer: Json): string[] {
  const tasks = isJsonObject(answer) ? answer['tasks'] : undefined;
  if (Array.isArray(tasks) && tasks.length > 0) return [];
  return ['Job.get_tasks answered no tasks: the core marks the sync SUCCESS without calling Cost.get_data'];
}

export function costDataWarnings(answer: Json): string[] {
  const messages = Array.isArray(answer) ? answer : [];
  const costs = messages.reduce<number>((sum, message) => sum + (isJsonObject(message) && Array.isArray(message['results']) ? message['results'].length : 0), 0);
  return costs === 0 ? ['the Cost.get_data stream held no cost: the core stores nothing for this task'] : [];
}
