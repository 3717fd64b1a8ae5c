/**
 * Plugin identity for reports, gathered cheaply and never at the cost of a verdict: the init
 * metadata's digest, and the version python-core plugins serve on ServerInfo (docs/core/README.md#server-extras).
 */
import crypto from 'node:crypto';
import { PluginClient, type Target } from '../grpc/client.js';
import { loadProtoRoot, methodCodec } from '../grpc/protos.js';
import type { Json } from '../grpc/struct.js';

const SERVER_INFO_PROTO = 'spaceone/api/core/v1/server_info.proto';
const SERVER_INFO_SERVICE = 'spaceone.api.core.v1.ServerInfo';
/** A version is a nicety: never wait long for it. */
const VERSION_DEADLINE_MS = 2_000;

/** sha256 of metadata in Struct semantics: keys sorted, numbers as the floats the core reads. */
export function metadataDigest(metadata: Json): string {
  return `sha256:${crypto.createHash('sha256').update(canonicalJson(metadata)).digest('hex')}`;
}

function canonicalJson(value: Json): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key] ?? null)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** ServerInfo.get_version, or undefined when the plugin does not serve it (node plugins often do not). */
export async function fetchServerVersion(target: Target, deadlineMs: number): Promise<string | undefined> {
  let client: PluginClient | undefined;
  try {
    const codec = methodCodec(loadProtoRoot([SERVER_INFO_PROTO]), SERVER_INFO_SERVICE, 'get_version');
    client = new PluginClient(target);
    const outcome = await client.unary(codec, {}, Math.min(deadlineMs, VERSION_DEADLINE_MS));
    const version = outcome.ok ? outcome.value.message['version'] : undefined;
    return typeof version === 'string' && version !== '' ? version : undefined;
  } catch {
    return undefined; // identity is a nicety: it never turns into a harness error
  } finally {
    client?.close();
  }
}
