/**
 * What the inventory core tolerates in a collector's answers but a person should know
 * (docs/core/inventory.md). The rules that fail live in the schemas.
 */
import { isJsonObject, type Json, type JsonObject } from '../../src/grpc/struct.js';

export function collectorMetadataWarnings(metadata: JsonObject | undefined): string[] {
  if (metadata?.['concurrency'] === undefined) return [];
  return ['metadata.concurrency has no effect: the core applies it only when it is an int, and every number arrives as a float'];
}

export function collectStreamWarnings(answer: Json): string[] {
  const items = Array.isArray(answer) ? answer.filter(isJsonObject) : [];
  if (items.length === 0) return ['the collect stream was empty: the core collects nothing for this task'];
  const warnings: string[] = [];
  const failures = items.filter((item) => item['state'] === 'FAILURE');
  if (failures.length > 0) {
    const first = typeof failures[0]?.['message'] === 'string' ? `: ${failures[0]['message']}` : '';
    warnings.push(`${failures.length} item(s) with state FAILURE: the core records each as ERROR_PLUGIN and the job task ends in FAILURE (first${first || ' has no message'})`);
  }
  const errorResources = items.filter((item) => item['resource_type'] === 'inventory.ErrorResource' && item['state'] !== 'FAILURE');
  if (errorResources.length > 0) warnings.push(`${errorResources.length} inventory.ErrorResource item(s): the core counts each as a collection error`);
  return warnings;
}

export function jobTasksWarnings(answer: Json): string[] {
  const tasks = isJsonObject(answer) ? answer['tasks'] : undefined;
  if (Array.isArray(tasks) && tasks.length > 0) return [];
  return ['Job.get_tasks answered no tasks: the core marks the job SUCCESS without calling collect'];
}
