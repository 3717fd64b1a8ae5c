/** The calls the core makes to a type, read from its catalog entry. */
import type { RpcSpec, ServiceTypeEntry } from '../model/service-type.js';

/**
 * Every RpcSpec in the entry (init, verify, opt-in calls and any call an entry declares
 * elsewhere), one per RPC with the union of the keys sent, so the contract covers each call
 * without knowing the type.
 */
export function callsOf(entry: ServiceTypeEntry): RpcSpec[] {
  const byRpc = new Map<string, Set<string>>();
  for (const spec of findSpecs(entry, 0)) {
    const keys = byRpc.get(spec.rpc) ?? new Set<string>();
    for (const key of spec.sends) keys.add(key);
    byRpc.set(spec.rpc, keys);
  }
  return [...byRpc].map(([rpc, keys]) => ({ rpc: rpc as RpcSpec['rpc'], sends: [...keys] }));
}

/** The generation whose verdict the harness gives: the 2.x core, unless only 1.x cores call the type. */
export function judgingCore(entry: ServiceTypeEntry): '1.x' | '2.x' {
  return !entry.coreGenerations || entry.coreGenerations.includes('2.x') ? '2.x' : '1.x';
}

const MAX_DEPTH = 4;

function findSpecs(value: unknown, depth: number): RpcSpec[] {
  if (depth > MAX_DEPTH || typeof value !== 'object' || value === null) return [];
  if (isRpcSpec(value)) return [value];
  const children = Array.isArray(value) ? value : Object.values(value);
  return children.flatMap((child) => findSpecs(child, depth + 1));
}

function isRpcSpec(value: object): value is RpcSpec {
  const candidate = value as Partial<RpcSpec>;
  return typeof candidate.rpc === 'string' && /^\w+\.\w+$/.test(candidate.rpc) && Array.isArray(candidate.sends);
}
