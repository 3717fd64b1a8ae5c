/**
 * --shard i/n: which part of a fleet this machine runs. Targets are dealt round-robin by their
 * position in the fleet file (target k goes to shard k mod n + 1), so shards are even in size,
 * the same file always gives the same split, and n shards together run every target once.
 */
import { UsageError } from '../usage.js';

export interface Shard {
  index: number;
  count: number;
}

export function parseShard(text: string): Shard {
  const match = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!match) throw new UsageError(`--shard "${text}" is not i/n (e.g. 1/3)`);
  const index = Number(match[1]);
  const count = Number(match[2]);
  if (count < 1 || count > 1000) throw new UsageError(`--shard ${text}: n must be from 1 to 1000`);
  if (index < 1 || index > count) throw new UsageError(`--shard ${text}: i must be from 1 to ${count}`);
  return { index, count };
}

export function selectShard<T extends { position: number }>(targets: readonly T[], shard: Shard | undefined): T[] {
  if (!shard) return [...targets];
  return targets.filter((target) => target.position % shard.count === shard.index - 1);
}
