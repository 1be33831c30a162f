// The server side of gRPC unary calls, over node:http2: the plugin's listener. Each call is a stream carrying
// one length-prefixed protobuf message each way, the status in the trailers (gRPC's "PROTOCOL-HTTP2"
// description); messages are encoded by the same protobufjs definitions the client uses (services.ts).
//
// Why not grpc-js's server: every call a plugin answers is unary, and grpc-js's server stack (interceptor
// chain, metadata objects, stream decoder, per-call deadline and status bookkeeping) was about a fifth of
// the plugin process's CPU per call, beside Node's HTTP/2 itself (docs/providers.md, "The plugin
// transport"). What it does not do, on purpose: streaming calls (go-plugin's broker and stdio streams, which
// Terraform opens, get UNIMPLEMENTED as from a grpc-js server without them) and compression (a compressed
// request is refused). Requests are bounded by the message limit.

import type { MethodDefinition, ServiceDefinition } from "@grpc/grpc-js";
import { constants as http2Constants, createSecureServer, createServer, type Http2Server, type Http2Session, type SecureServerOptions, type ServerHttp2Stream } from "node:http2";
import type { Socket } from "node:net";
import { grpcStatus } from "./unary-channel.js";

/** A call's answer, or a failure the client sees as a gRPC status (never an exception on the wire). */
export type UnaryImplementation = (request: object) => Promise<object>;

/** A handler may throw this to answer with a status other than OK. */
export class CallStatus extends Error {
  constructor(
    readonly code: number,
    readonly details: string,
  ) {
    super(details);
  }
}

export interface UnaryServerOptions {
  /** The largest request message accepted, bytes. */
  readonly maxMessageBytes: number;
  /** Mutual TLS: the server's key and certificate, and the one client certificate trusted (PEM). */
  readonly tls?: { readonly key: string; readonly cert: string; readonly clientCert: string };
}

interface Route {
  readonly method: MethodDefinition<object, object>;
  readonly implementation: UnaryImplementation;
}

const frameHeaderBytes = 5;
const resourceExhausted = 8;

export class UnaryServer {
  private readonly routes = new Map<string, Route>();
  private readonly sessions = new Set<Http2Session>();
  private readonly http: Http2Server;

  constructor(private readonly opts: UnaryServerOptions) {
    // No session memory cap of node's own (10 MB): the message limit bounds each request.
    const common = { maxSessionMemory: Number.MAX_SAFE_INTEGER };
    const tls = opts.tls;
    const secure: SecureServerOptions | undefined = tls === undefined ? undefined : { ...common, key: tls.key, cert: tls.cert, ca: tls.clientCert, requestCert: true, rejectUnauthorized: true, allowHTTP1: false };
    this.http = secure === undefined ? createServer(common) : createSecureServer(secure);
    this.http.on("stream", (stream, headers) => this.serve(stream, headers));
    this.http.on("session", (session: Http2Session) => {
      this.sessions.add(session);
      session.on("close", () => this.sessions.delete(session));
      // A broken connection fails its own calls; the server keeps serving.
      session.on("error", () => undefined);
    });
    // Small replies go out at once, not after the peer's delayed ACK (loopback TCP on Windows).
    this.http.on("connection", (socket: Socket) => socket.setNoDelay?.(true));
    this.http.on("sessionError", () => undefined);
  }

  /** Answers the service's methods that `implementations` names; the others get UNIMPLEMENTED. */
  addService(service: ServiceDefinition, implementations: Readonly<Record<string, UnaryImplementation>>): void {
    for (const [name, method] of Object.entries(service)) {
      const implementation = implementations[name];
      if (implementation !== undefined) this.routes.set(method.path, { method: method as MethodDefinition<object, object>, implementation });
    }
  }

  /** Listens on a Unix socket path or 127.0.0.1:port (0 for a free one); the address, or an error. */
  listen(where: { readonly path: string } | { readonly port: number }): Promise<{ address: string } | Error> {
    return new Promise((resolve) => {
      const failed = (err: Error): void => resolve(err);
      this.http.once("error", failed);
      const listening = (): void => {
        this.http.off("error", failed);
        const a = this.http.address();
        resolve({ address: typeof a === "string" ? a : a === null ? "" : `127.0.0.1:${a.port}` });
      };
      if ("path" in where) this.http.listen(where.path, listening);
      else this.http.listen(where.port, "127.0.0.1", listening);
    });
  }

  /** Stops accepting, lets calls in flight finish, and ends every connection within `graceMs`. */
  close(graceMs: number): void {
    this.http.close();
    for (const s of this.sessions) s.close();
    setTimeout(() => {
      for (const s of this.sessions) s.destroy();
    }, graceMs).unref();
  }

  private serve(stream: ServerHttp2Stream, headers: Record<string, string | string[] | undefined>): void {
    stream.on("error", () => undefined);
    const type = String(headers[http2Constants.HTTP2_HEADER_CONTENT_TYPE] ?? "");
    if (headers[http2Constants.HTTP2_HEADER_METHOD] !== "POST" || !type.startsWith("application/grpc")) {
      respondOnly(stream, { [http2Constants.HTTP2_HEADER_STATUS]: 415 });
      return;
    }
    const route = this.routes.get(String(headers[http2Constants.HTTP2_HEADER_PATH] ?? ""));
    if (route === undefined) {
      finish(stream, grpcStatus.unimplemented, `The server does not implement the method ${String(headers[http2Constants.HTTP2_HEADER_PATH])}`);
      return;
    }
    const chunks: Buffer[] = [];
    let received = 0;
    let refused = false;
    stream.on("data", (chunk: Buffer) => {
      if (refused) return;
      received += chunk.length;
      if (received > this.opts.maxMessageBytes + frameHeaderBytes) {
        refused = true;
        chunks.length = 0;
        finish(stream, resourceExhausted, `the request is larger than the limit of ${this.opts.maxMessageBytes} bytes`);
        return;
      }
      chunks.push(chunk);
    });
    stream.on("end", () => {
      if (refused) return;
      const data = chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
      if (data.length < frameHeaderBytes || data.readUInt32BE(1) !== data.length - frameHeaderBytes) {
        finish(stream, grpcStatus.internal, "the request is not exactly one message");
        return;
      }
      if (data[0] !== 0) {
        finish(stream, grpcStatus.unimplemented, "compressed requests are not supported");
        return;
      }
      let request: object;
      try {
        request = route.method.requestDeserialize(data.subarray(frameHeaderBytes));
      } catch (err) {
        finish(stream, grpcStatus.internal, `could not decode the request: ${(err as Error).message}`);
        return;
      }
      route.implementation(request).then(
        (response) => {
          const body = route.method.responseSerialize(response);
          const frame = Buffer.allocUnsafe(frameHeaderBytes + body.length);
          frame[0] = 0;
          frame.writeUInt32BE(body.length, 1);
          body.copy(frame, frameHeaderBytes);
          reply(stream, frame);
        },
        (err: unknown) => {
          if (err instanceof CallStatus) finish(stream, err.code, err.details);
          else finish(stream, grpcStatus.unknown, err instanceof Error ? err.message : String(err));
        },
      );
    });
  }
}

/** A message and then the OK status in the trailers. */
function reply(stream: ServerHttp2Stream, frame: Buffer): void {
  if (stream.destroyed || stream.closed) return;
  try {
    stream.respond({ [http2Constants.HTTP2_HEADER_STATUS]: 200, [http2Constants.HTTP2_HEADER_CONTENT_TYPE]: "application/grpc" }, { waitForTrailers: true });
    stream.once("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
    stream.end(frame);
  } catch {
    // The client went away (a cancelled call): nobody is left to answer.
  }
}

/** A status without a message, as a trailers-only response. */
function finish(stream: ServerHttp2Stream, code: number, details: string): void {
  respondOnly(stream, {
    [http2Constants.HTTP2_HEADER_STATUS]: 200,
    [http2Constants.HTTP2_HEADER_CONTENT_TYPE]: "application/grpc",
    "grpc-status": String(code),
    "grpc-message": encodeMessage(details),
  });
}

function respondOnly(stream: ServerHttp2Stream, headers: Record<string, string | number>): void {
  if (stream.destroyed || stream.closed || stream.headersSent) return;
  try {
    stream.respond(headers, { endStream: true });
  } catch {
    // As in reply(): the client went away.
  }
  // What the client still sends is not read: close our side for good.
  stream.resume();
}

/** grpc-message is percent-encoded: bytes outside printable ASCII, and "%" itself. */
function encodeMessage(m: string): string {
  return Array.from(Buffer.from(m, "utf8"), (b) => (b >= 0x20 && b <= 0x7e && b !== 0x25 ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, "0")}`)).join("");
}
