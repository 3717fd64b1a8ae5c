/**
 * --known-failures FILE: check IDs or glob patterns allowed to fail, each with an optional reason.
 * A listed check that fails is an expected failure; one that passes is a stale entry and fails
 * the run, so the list shrinks as plugins get fixed.
 *
 *   - notification.Protocol/verify/active
 *   - id: "notification.Protocol/init/*"
 *     reason: upstream issue 12
 */
import { minimatchLibrary, yamlLibrary } from '../deferred.js';
import { readUserFile, UsageError } from '../usage.js';
import type { KnownFailureMatch } from '../model/results.js';

export interface KnownFailureEntry {
  /** A check ID, or a glob over IDs (`*` stays within one `/` segment, `**` crosses them). */
  pattern: string;
  reason?: string;
}

export class KnownFailures {
  constructor(readonly file: string, readonly entries: readonly KnownFailureEntry[]) {}

  /** The first entry that names this check ID. */
  match(id: string): KnownFailureMatch | undefined {
    const entry = this.entries.find((candidate) => names(candidate.pattern, id));
    if (!entry) return undefined;
    return entry.reason === undefined ? { pattern: entry.pattern } : { pattern: entry.pattern, reason: entry.reason };
  }

  /** Entries that name none of these IDs: a typo, or a check of another type. */
  unused(ids: readonly string[]): KnownFailureEntry[] {
    return this.entries.filter((entry) => !ids.some((id) => names(entry.pattern, id)));
  }
}

/** Whether a pattern names a check ID: `*` within one `/` segment, `**` across them, no comments or negation. */
function names(pattern: string, id: string): boolean {
  return minimatchLibrary().minimatch(id, pattern, { nocomment: true, nonegate: true });
}

/** Reads the file (YAML or JSON, which is YAML); every problem is one UsageError line. */
export function loadKnownFailures(file: string): KnownFailures {
  const flag = `--known-failures ${file}`;
  const text = readUserFile(file, `${flag}: cannot read the file`);
  let document: unknown;
  try {
    document = yamlLibrary().parse(text);
  } catch (error) {
    throw new UsageError(`${flag}: not valid YAML or JSON (${firstLine(error)})`);
  }
  if (!Array.isArray(document)) throw new UsageError(`${flag}: must be a list of check IDs or patterns, each a string or {id, reason}`);
  return new KnownFailures(file, document.map((item, index) => toEntry(item, `${flag}: entry ${index + 1}`)));
}

function toEntry(item: unknown, where: string): KnownFailureEntry {
  if (typeof item === 'string') return { pattern: nonEmpty(item, where) };
  if (typeof item !== 'object' || item === null || Array.isArray(item)) throw new UsageError(`${where} must be a string or {id, reason}`);
  const record = item as Record<string, unknown>;
  const unknown = Object.keys(record).filter((key) => key !== 'id' && key !== 'reason');
  if (unknown.length > 0) throw new UsageError(`${where} has unknown key(s) ${unknown.join(', ')}; allowed: id, reason`);
  if (typeof record['id'] !== 'string') throw new UsageError(`${where} needs an id: a check ID or pattern`);
  if (record['reason'] !== undefined && typeof record['reason'] !== 'string') throw new UsageError(`${where}: reason must be a string`);
  const entry: KnownFailureEntry = { pattern: nonEmpty(record['id'], where) };
  if (typeof record['reason'] === 'string') entry.reason = record['reason'];
  return entry;
}

function nonEmpty(pattern: string, where: string): string {
  if (pattern.trim() === '') throw new UsageError(`${where} is empty`);
  return pattern.trim();
}

function firstLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
}
