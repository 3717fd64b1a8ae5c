/**
 * Servers that break the wire itself, below anything a grpc-js plugin can be made to send: an
 * oversized frame (announced, not allocated), a truncated frame, bytes that are no protobuf
 * message, and a TCP port that never speaks HTTP/2. They answer every gRPC path alike.
 */
import http2 from 'node:http2';
import net from 'node:net';

export const WIRE_FAULTS = {
  flood: 'answers every call with a frame announcing 300 MiB (over the core\'s 256 MiB), then trickles bytes',
  truncated: 'answers with a frame announcing 64 bytes, sends 10, then ends the call with status OK',
  garbage: 'answers with a whole frame whose bytes are no valid protobuf message, status OK',
  silent: 'accepts TCP connections and never sends a byte (no HTTP/2)',
} as const;
export type WireFault = keyof typeof WIRE_FAULTS;

/** Announced, never sent: the harness must refuse it from the 5-byte frame header alone. */
export const FLOOD_ANNOUNCED_BYTES = 300 * 1024 * 1024;

export interface RunningWireServer {
  port: number;
  stop(): Promise<void>;
}

export function isWireFault(name: string): name is WireFault {
  return Object.hasOwn(WIRE_FAULTS, name);
}

export async function startWireServer(fault: WireFault, host = '127.0.0.1', port = 0): Promise<RunningWireServer> {
  const sockets = new Set<net.Socket>();
  const server: net.Server = fault === 'silent' ? net.createServer() : http2.createServer().on('stream', (stream) => answer(stream, fault));
  server.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return {
    port: (server.address() as net.AddressInfo).port,
    stop: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function answer(stream: http2.ServerHttp2Stream, fault: WireFault): void {
  stream.on('error', () => undefined);
  stream.respond({ ':status': 200, 'content-type': 'application/grpc' }, { waitForTrailers: true });
  stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': '0', 'grpc-message': '' }));
  switch (fault) {
    case 'flood': {
      stream.write(frameHeader(FLOOD_ANNOUNCED_BYTES));
      // Bytes keep coming until the client gives up; never the announced amount.
      const chunk = Buffer.alloc(16 * 1024);
      const timer = setInterval(() => (stream.destroyed ? clearInterval(timer) : stream.write(chunk)), 10);
      stream.on('close', () => clearInterval(timer));
      break;
    }
    case 'truncated':
      stream.write(frameHeader(64));
      stream.end(Buffer.from('0123456789'));
      break;
    case 'garbage': {
      // Field 1, length-delimited, claiming 16 bytes of which only 3 follow: no parser accepts it.
      const bytes = Buffer.from([0x0a, 0x10, 0x61, 0x62, 0x63]);
      stream.write(frameHeader(bytes.length));
      stream.end(bytes);
      break;
    }
    case 'silent':
      break;
  }
}

/** gRPC length-prefixed message header: compression flag 0, then the length big-endian. */
function frameHeader(length: number): Buffer {
  const header = Buffer.alloc(5);
  header.writeUInt32BE(length, 1);
  return header;
}
