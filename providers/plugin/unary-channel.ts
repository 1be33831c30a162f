// The client side of gRPC unary calls to one plugin process: one HTTP/2 connection (mutual TLS when the
// plugin printed a certificate), each call a stream carrying one length-prefixed protobuf message each way and
// the status in the trailers (gRPC's "PROTOCOL-HTTP2" description). The messages are encoded and decoded by
// the same protobufjs definitions (services.ts) the server uses.
//
// Why not grpc-js's client: every Cairn call to a plugin is a unary call on one local connection, and
// grpc-js's client stack (interceptors, resolver and load-balancer layers, filters, retry bookkeeping) cost
// 0.3 ms of CPU per call on top of the HTTP/2 stream itself. Why not node:http2 either: its stream objects
// cost about three times the CPU per call of Cairn's own HTTP/2 client, and it sends a request only at the
// end of the event loop's turn (grpc/http2-client.ts; docs/providers.md, "The plugin transport";
// bench/providers/plugin-apply.bench.ts).
//
// Bounded as grpc-js is configured: a response over the message limit is refused, compressed responses
// (never asked for: no grpc-accept-encoding is sent) are refused, and a call may carry a deadline.

import type { MethodDefinition } from "@grpc/grpc-js";
import { type ClientStream, connectHttp2, encodeHeaders, type HeaderList, type Http2ClientConnection, type StreamEvents, type StreamProblem } from "../../grpc/http2-client.js";
import { FRAME_HEADER_BYTES, frameMessage, grpcStatus, requestHeaders, statusIn, statusOfHttp, unframeOne } from "../../grpc/wire.js";

export { grpcStatus };

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
  readonly tls?: { readonly peerCert: Buffer; readonly key: Buffer; readonly cert: Buffer };
  /** The largest response message accepted, bytes. */
  readonly maxMessageBytes: number;
}

export class UnaryChannel {
  private connection?: Http2ClientConnection;
  private active = 0;
  private closed = false;
  /** Each method's request header block (the encoder keeps no state, so a block can be used again). */
  private readonly blocks = new Map<string, Buffer>();

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
    const block = this.headerBlock(method.path, deadlineMs);
    const connection = this.connected();
    return new Promise((resolve) => {
      this.begin();
      const call = new UnaryCall<Res>(method, this.target.maxMessageBytes, (r) => {
        this.end();
        resolve(r);
      });
      call.start(connection, block, frameMessage(body), deadlineMs);
    });
  }

  /** Closes the connection; calls in flight fail. */
  close(): void {
    this.closed = true;
    this.connection?.close();
    this.connection = undefined;
  }

  private headerBlock(path: string, deadlineMs: number | undefined): Buffer {
    // node:http2 added :scheme itself; HTTP/2 requires it (RFC 9113, 8.3.1).
    const headers = (): [string, string][] => [[":scheme", this.target.tls === undefined ? "http" : "https"], ...Object.entries(requestHeaders(path, "localhost"))];
    if (deadlineMs !== undefined) return encodeHeaders([...headers(), ["grpc-timeout", `${Math.max(1, Math.ceil(deadlineMs))}m`]]);
    let block = this.blocks.get(path);
    if (block === undefined) {
      block = encodeHeaders(headers());
      this.blocks.set(path, block);
    }
    return block;
  }

  private connected(): Http2ClientConnection {
    if (this.connection?.usable) return this.connection;
    // A connection that failed or is going away keeps its own calls; new ones go on a new connection.
    const t = this.target;
    const where = t.network === "unix" ? { path: t.address } : hostPort(t.address);
    // No SNI: the plugin's certificate is pinned, and go-plugin's servers choose no certificate by name.
    const connection = connectHttp2({ ...where, ...(t.tls === undefined ? {} : { tls: t.tls }) });
    if (this.active === 0) connection.unref();
    this.connection = connection;
    return connection;
  }

  /** While a call is in flight the connection keeps the process alive; otherwise it does not (as grpc-js). */
  private begin(): void {
    if (this.active++ === 0) this.connection?.ref();
  }
  private end(): void {
    if (--this.active === 0) this.connection?.unref();
  }
}

/** One call's stream: its response headers, message and trailers, then its result. */
class UnaryCall<Res> implements StreamEvents {
  private stream: ClientStream | undefined;
  private timer: NodeJS.Timeout | undefined;
  private settled = false;
  private readonly chunks: Buffer[] = [];
  private received = 0;
  private headerBlocks = 0;
  private status: { code: number; message: string } | undefined;
  private httpProblem: CallFailure | undefined;

  constructor(
    private readonly method: MethodDefinition<object, unknown>,
    private readonly maxMessageBytes: number,
    private readonly done: (r: CallResult<Res>) => void,
  ) {}

  start(connection: Http2ClientConnection, block: Buffer, frame: Buffer, deadlineMs: number | undefined): void {
    if (deadlineMs !== undefined) {
      this.timer = setTimeout(() => {
        this.stream?.cancel();
        this.settle(failed(grpcStatus.deadlineExceeded, "deadline exceeded"));
      }, deadlineMs);
    }
    this.stream = connection.request(block, frame, this);
  }

  headers(headers: HeaderList): void {
    // The few headers read, picked out of the list (the last of a repeated name wins).
    let status: string | undefined;
    let type: string | undefined;
    let grpc: string | undefined;
    let message: string | undefined;
    for (const [name, value] of headers) {
      if (name === ":status") status = value;
      else if (name === "content-type") type = value;
      else if (name === "grpc-status") grpc = value;
      else if (name === "grpc-message") message = value;
    }
    if (this.headerBlocks++ === 0) {
      const code = Number(status);
      if (code !== 200) this.httpProblem = { code: statusOfHttp(code), details: `the plugin answered HTTP status ${code}` };
      else if (!(type ?? "").startsWith("application/grpc")) this.httpProblem = { code: grpcStatus.unknown, details: `the plugin answered content type "${type ?? ""}"` };
    }
    // A trailers-only response carries the status with the headers.
    if (grpc !== undefined) this.status = statusIn({ "grpc-status": grpc, "grpc-message": message });
  }

  data(chunk: Buffer): void {
    if (this.settled) return;
    this.received += chunk.length;
    if (this.received > this.maxMessageBytes + FRAME_HEADER_BYTES) {
      this.stream?.cancel();
      this.settle(failed(grpcStatus.internal, `the response is larger than the limit of ${this.maxMessageBytes} bytes`));
      return;
    }
    this.chunks.push(chunk);
  }

  closed(problem?: StreamProblem): void {
    if (this.httpProblem !== undefined) return this.settle({ ok: false, failure: this.httpProblem });
    if (problem !== undefined) return this.settle(failed(grpcStatus.unavailable, problem.message));
    const status = this.status;
    if (status === undefined) return this.settle(failed(grpcStatus.unavailable, "the plugin ended the call without a status"));
    // A status without a message still says something: its code.
    if (status.code !== grpcStatus.ok) return this.settle(failed(status.code, status.message || `gRPC status ${status.code}`));
    this.settle(decodeResponse<Res>(this.method, this.chunks.length === 1 ? this.chunks[0]! : Buffer.concat(this.chunks)));
  }

  private settle(r: CallResult<Res>): void {
    if (this.settled) return;
    this.settled = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.done(r);
  }
}

function decodeResponse<Res>(method: MethodDefinition<object, unknown>, data: Buffer): CallResult<Res> {
  const one = unframeOne(data, "the plugin");
  if ("problem" in one) return failed(grpcStatus.internal, one.problem);
  try {
    return { ok: true, value: method.responseDeserialize(one.body) as Res };
  } catch (err) {
    return failed(grpcStatus.internal, `could not decode the response: ${(err as Error).message}`);
  }
}

function failed(code: number, details: string): { ok: false; failure: CallFailure } {
  return { ok: false, failure: { code, details } };
}

function hostPort(address: string): { host: string; port: number } {
  const i = address.lastIndexOf(":");
  return { host: address.slice(0, i).replace(/^\[|\]$/g, ""), port: Number(address.slice(i + 1)) };
}
