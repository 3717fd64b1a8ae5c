/**
 * A plugin's address. Apart from client.ts so that parsing argv (and --version, --help,
 * list-types) does not load @grpc/grpc-js.
 */
export interface Target {
  host: string;
  port: number;
}

export function formatTarget(target: Target): string {
  return target.host.includes(':') ? `[${target.host}]:${target.port}` : `${target.host}:${target.port}`;
}
