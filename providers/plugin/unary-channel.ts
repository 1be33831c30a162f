// The client side of gRPC unary calls to one plugin process, over node:http2: one HTTP/2 connection (mutual
// TLS when the plugin printed a certificate), each call a stream carrying one length-prefixed protobuf
// message each way and the status in the trailers (gRPC's "PROTOCOL-HTTP2" description). The messages are
// encoded and decoded by the same protobufjs definitions (services.ts) the server (grpc-js) uses.
//
// Why not grpc-js's client: every Cairn call to a plugin is a unary call on one local connection, and
// grpc-js's client stack (interceptors, resolver and load-balancer layers, filters, retry bookkeeping) cost
// 0.3 ms of CPU per call on top of the HTTP/2 stream itself, 45% of the client's cost of a call, which put
// the plugin path of an apply of 1,000 resources (4,000 calls) far past its bar (docs/providers.md,
// "The plugin transport"; bench/providers/plugin-apply.bench.ts).
//
// Bounded as grpc-js is configured: a response over the message limit is refused, compressed responses
// (never asked for: no grpc-accept-encoding is sent) are refused, and a call may carry a deadline.

import type { MethodDefinition } from "@grpc/grpc-js";
import { type ClientHttp2Session, type ClientHttp2Stream, connect as http2Connect, constants as http2Constants } from "node:http2";
import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect } from "node:tls";

/** gRPC status codes Cairn tells apart (the rest are reported by their details). */
export const grpcStatus = { ok: 0, cancelled: 1, unknown: 2, deadlineExceeded: 4, unimplemented: 12, internal: 13, unavailable: 14 } as const;

export interface CallFailure {
  /** The gRPC status code. */
  readonly code: number;
  readonly details: string;
}

export type CallResult<Res> = { readonly ok: true; readonly value: Res } | { readonly ok: false; readonly failure: CallFailure };

export interface ChannelTarget {
  /** go-plugin's handshake network: "unix" (a socket path) or "tcp" (host:port). */
  readonly network: "unix" | "tcp";
  readonly address: string;
  /** Mutual TLS: the server's certificate (trusted as the only CA) and the client's key and certificate. */
  readonly tls?: { readonly ca: Buffer; readonly key: Buffer; readonly cert: Buffer };
  /** The largest response message accepted, bytes. */
  readonly maxMessageBytes: number;
}

const frameHeaderBytes = 5;

export class UnaryChannel {
  private session?: ClientHttp2Session;
  private active = 0;
  private closed = false;

  constructor(private readonly target: ChannelTarget) {}

  /** One unary call; never rejects: a transport failure is a failure with gRPC's status for it. */
  call<Res>(method: MethodDefinition<object, unknown>, req: object, deadlineMs?: number): Promise<CallResult<Res>> {
    if (this.closed) return Promise.resolve(failed(grpcStatus.unavailable, "the channel was closed"));
    let body: Buffer;
    try {
      body = method.requestSerialize(req);
    } catch (err) {
      return Promise.resolve(failed(grpcStatus.internal, `could not encode the request: ${(err as Error).message}`));
    }
    const session = this.connected();
    const headers: Record<string, string> = {
      [http2Constants.HTTP2_HEADER_METHOD]: "POST",
      [http2Constants.HTTP2_HEADER_PATH]: method.path,
      [http2Constants.HTTP2_HEADER_AUTHORITY]: "localhost",
      [http2Constants.HTTP2_HEADER_CONTENT_TYPE]: "application/grpc",
      [http2Constants.HTTP2_HEADER_TE]: "trailers",
      "user-agent": "cairn",
    };
    if (deadlineMs !== undefined) headers["grpc-timeout"] = `${Math.max(1, Math.ceil(deadlineMs))}m`;
    let stream: ClientHttp2Stream;
    try {
      stream = session.request(headers);
    } catch (err) {
      return Promise.resolve(failed(grpcStatus.unavailable, (err as Error).message));
    }
    this.begin();
    const frame = Buffer.allocUnsafe(frameHeaderBytes + body.length);
    frame[0] = 0;
    frame.writeUInt32BE(body.length, 1);
    body.copy(frame, frameHeaderBytes);
    stream.end(frame);
    return new Promise((resolve) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const settle = (r: CallResult<Res>): void => {
        if (settled) return;
        settled = true;
        if (timer !== undefined) clearTimeout(timer);
        this.end();
        resolve(r);
      };
      if (deadlineMs !== undefined) {
        timer = setTimeout(() => {
          stream.close(http2Constants.NGHTTP2_CANCEL);
          settle(failed(grpcStatus.deadlineExceeded, "deadline exceeded"));
        }, deadlineMs);
      }
      const chunks: Buffer[] = [];
      let received = 0;
      let status: number | undefined;
      let message = "";
      let httpProblem: CallFailure | undefined;
      const statusFrom = (h: Record<string, unknown>): void => {
        const s = h["grpc-status"];
        if (s === undefined) return;
        status = Number(s);
        const m = h["grpc-message"];
        if (typeof m === "string") message = decodeMessage(m);
      };
      stream.on("response", (h) => {
        const code = Number(h[http2Constants.HTTP2_HEADER_STATUS]);
        const type = String(h[http2Constants.HTTP2_HEADER_CONTENT_TYPE] ?? "");
        if (code !== 200) httpProblem = { code: statusOfHttp(code), details: `the plugin answered HTTP status ${code}` };
        else if (!type.startsWith("application/grpc")) httpProblem = { code: grpcStatus.unknown, details: `the plugin answered content type "${type}"` };
        // A trailers-only response carries the status with the headers.
        statusFrom(h);
      });
      stream.on("trailers", statusFrom);
      stream.on("data", (chunk: Buffer) => {
        received += chunk.length;
        if (received > this.target.maxMessageBytes + frameHeaderBytes) {
          stream.close(http2Constants.NGHTTP2_CANCEL);
          settle(failed(grpcStatus.internal, `the response is larger than the limit of ${this.target.maxMessageBytes} bytes`));
          return;
        }
        chunks.push(chunk);
      });
      stream.on("error", (err: Error) => settle(failed(grpcStatus.unavailable, err.message)));
      stream.on("close", () => {
        if (httpProblem !== undefined) return settle({ ok: false, failure: httpProblem });
        if (status === undefined) {
          const code = stream.rstCode;
          return settle(failed(grpcStatus.unavailable, code !== undefined && code !== http2Constants.NGHTTP2_NO_ERROR ? `the stream was reset (HTTP/2 error ${code})` : "the connection closed before the call completed"));
        }
        // A status without a message still says something: its code.
        if (status !== grpcStatus.ok) return settle(failed(status, message || `gRPC status ${status}`));
        settle(decodeResponse<Res>(method, chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks)));
      });
    });
  }

  /** Closes the connection; calls in flight fail. */
  close(): void {
    this.closed = true;
    this.session?.close();
    this.session?.destroy();
    this.session = undefined;
  }

  private connected(): ClientHttp2Session {
    if (this.session !== undefined && !this.session.closed && !this.session.destroyed) return this.session;
    const t = this.target;
    const createConnection = (): Socket => {
      const where = t.network === "unix" ? { path: t.address } : hostPort(t.address);
      const socket = t.tls === undefined ? netConnect(where) : tlsConnect({ ...where, ca: t.tls.ca, key: t.tls.key, cert: t.tls.cert, servername: "localhost", ALPNProtocols: ["h2"] });
      // Small requests and replies: each goes out at once, not after the peer's delayed ACK (TCP only).
      return socket.setNoDelay(true);
    };
    // No session memory cap of node's own (10 MB): the message limit bounds each response.
    const session = http2Connect(t.tls === undefined ? "http://localhost" : "https://localhost", { createConnection, maxSessionMemory: Number.MAX_SAFE_INTEGER });
    // A session error fails the calls on it (their streams close); a later call connects again.
    session.on("error", () => undefined);
    session.on("close", () => {
      if (this.session === session) this.session = undefined;
    });
    if (this.active === 0) session.unref();
    this.session = session;
    return session;
  }

  /** While a call is in flight the connection keeps the process alive; otherwise it does not (as grpc-js). */
  private begin(): void {
    if (this.active++ === 0) this.session?.ref();
  }
  private end(): void {
    if (--this.active === 0) this.session?.unref();
  }
}

function decodeResponse<Res>(method: MethodDefinition<object, unknown>, data: Buffer): CallResult<Res> {
  if (data.length < frameHeaderBytes) return failed(grpcStatus.internal, "the response carried no message");
  if (data[0] !== 0) return failed(grpcStatus.internal, "the response message is compressed, which Cairn did not ask for");
  const length = data.readUInt32BE(1);
  if (data.length !== frameHeaderBytes + length) return failed(grpcStatus.internal, "the response is not exactly one message");
  try {
    return { ok: true, value: method.responseDeserialize(data.subarray(frameHeaderBytes)) as Res };
  } catch (err) {
    return failed(grpcStatus.internal, `could not decode the response: ${(err as Error).message}`);
  }
}

function failed(code: number, details: string): { ok: false; failure: CallFailure } {
  return { ok: false, failure: { code, details } };
}

/** gRPC's mapping of an HTTP status that is not 200 to a call status. */
function statusOfHttp(code: number): number {
  switch (code) {
    case 400:
      return grpcStatus.internal;
    case 401:
      return 16;
    case 403:
      return 7;
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

/** grpc-message is percent-encoded. */
function decodeMessage(m: string): string {
  try {
    return decodeURIComponent(m);
  } catch {
    return m;
  }
}

function hostPort(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(":");
  return { host: address.slice(0, i).replace(/^\[|\]$/g, ""), port: Number(address.slice(i + 1)) };
}
