// gRPC's wire format over HTTP/2 (the "PROTOCOL-HTTP2" description), shared by Cairn's three ends of it: the
// plugin client and the plugin server (providers/plugin/) and the etcd client (cluster/store/). Each message
// is framed by one byte (compressed or not) and a 4-byte big-endian length; the call's status comes in the
// trailers (or, for a status without a message, in the response headers alone) with its text
// percent-encoded. Cairn never asks for compression, so a compressed message is refused.

/** The status codes Cairn's ends tell apart (the rest are reported by their number and message). */
export const grpcStatus = {
  ok: 0, cancelled: 1, unknown: 2, deadlineExceeded: 4, permissionDenied: 7, resourceExhausted: 8, unimplemented: 12, internal: 13, unavailable: 14, unauthenticated: 16,
} as const;

export const FRAME_HEADER_BYTES = 5;

/** One message with its frame header. */
export function frameMessage(body: Uint8Array): Buffer {
  const frame = Buffer.allocUnsafe(FRAME_HEADER_BYTES + body.length);
  frame[0] = 0;
  frame.writeUInt32BE(body.length, 1);
  frame.set(body, FRAME_HEADER_BYTES);
  return frame;
}

/** The one message a unary call's body holds, or what is wrong with it (`peer` names the sender). */
export function unframeOne(data: Buffer, peer: string): { body: Buffer } | { problem: string; code: number } {
  if (data.length < FRAME_HEADER_BYTES) return { problem: `${peer} sent no message`, code: grpcStatus.internal };
  if (data[0] !== 0) return { problem: `${peer} sent a compressed message, which Cairn did not ask for`, code: grpcStatus.unimplemented };
  if (data.readUInt32BE(1) !== data.length - FRAME_HEADER_BYTES) return { problem: `${peer} did not send exactly one message`, code: grpcStatus.internal };
  return { body: data.subarray(FRAME_HEADER_BYTES) };
}

/** A stream's messages out of its data chunks, each at most `maxBytes` (streaming calls: watch, keep-alive). */
export class FrameParser {
  private pending: Buffer | undefined;

  constructor(
    private readonly peer: string,
    private readonly maxBytes: number,
    private readonly onMessage: (body: Buffer) => void,
  ) {}

  /** Takes a chunk; returns a problem that ends the stream, if any. */
  push(chunk: Buffer): string | undefined {
    let buf = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = undefined;
    while (buf.length >= FRAME_HEADER_BYTES) {
      if (buf[0] !== 0) return `${this.peer} sent a compressed message, which Cairn did not ask for`;
      const len = buf.readUInt32BE(1);
      if (len > this.maxBytes) return `${this.peer} sent a message larger than ${this.maxBytes} bytes`;
      if (buf.length < FRAME_HEADER_BYTES + len) break;
      this.onMessage(buf.subarray(FRAME_HEADER_BYTES, FRAME_HEADER_BYTES + len));
      buf = buf.subarray(FRAME_HEADER_BYTES + len);
    }
    if (buf.length > 0) this.pending = buf;
    return undefined;
  }
}

/** A request's headers for `path` (a method, "/package.Service/Method"). */
export function requestHeaders(path: string, authority: string): Record<string, string> {
  return { ":method": "POST", ":path": path, ":authority": authority, "content-type": "application/grpc", te: "trailers", "user-agent": "cairn" };
}

/** The status in a response's headers or trailers, when they carry one. */
export function statusIn(headers: Record<string, unknown>): { code: number; message: string } | undefined {
  const s = headers["grpc-status"];
  if (s === undefined) return undefined;
  return { code: Number(s), message: decodeStatusMessage(headers["grpc-message"]) };
}

/** grpc-message is percent-encoded: bytes outside printable ASCII, and "%" itself. */
export function encodeStatusMessage(m: string): string {
  return Array.from(Buffer.from(m, "utf8"), (b) => (b >= 0x20 && b <= 0x7e && b !== 0x25 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}

function decodeStatusMessage(m: unknown): string {
  if (typeof m !== "string") return "";
  try {
    return decodeURIComponent(m);
  } catch {
    return m;
  }
}

/** gRPC's mapping of an HTTP status other than 200 to a call status. */
export function statusOfHttp(code: number): number {
  switch (code) {
    case 400:
      return grpcStatus.internal;
    case 401:
      return grpcStatus.unauthenticated;
    case 403:
      return grpcStatus.permissionDenied;
    case 404:
      return grpcStatus.unimplemented;
    case 429:
    case 502:
    case 503:
    case 504:
      return grpcStatus.unavailable;
    default:
      return grpcStatus.unknown;
  }
}
