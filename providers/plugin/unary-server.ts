// The server side of gRPC unary calls, on Cairn's own HTTP/2 server (grpc/http2-server.ts): the plugin's
// listener. Each call is a stream carrying one length-prefixed protobuf message each way, the status in the
// trailers (gRPC's "PROTOCOL-HTTP2" description); messages are encoded by the same protobufjs definitions the
// client uses (services.ts).
//
// Why neither grpc-js's server nor node:http2: every call a plugin answers is unary, and grpc-js's server
// stack (interceptor chain, metadata objects, stream decoder, per-call deadline and status bookkeeping) was
// about a fifth of the plugin process's CPU per call, and node:http2 beneath it most of the rest, its
// responses flushed only at the end of the event loop's turn (docs/providers.md, "The plugin transport").
// What it does not do, on purpose: streaming calls (go-plugin's broker and stdio streams, which Terraform
// opens, get UNIMPLEMENTED as from a grpc-js server without them) and compression (a compressed request is
// refused). Requests are bounded by the message limit.

import type { MethodDefinition, ServiceDefinition } from "@grpc/grpc-js";
import { encodeHeaders } from "../../grpc/hpack.js";
import { type BodySink, type HeaderList, Http2Server, type Responder } from "../../grpc/http2-server.js";
import { FRAME_HEADER_BYTES, encodeStatusMessage, frameMessage, grpcStatus, unframeOne } from "../../grpc/wire.js";

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


// The blocks every answer shares, encoded once.
const OK_HEADERS = encodeHeaders([[":status", "200"], ["content-type", "application/grpc"]]);
const OK_TRAILERS = encodeHeaders([["grpc-status", "0"]]);
const UNSUPPORTED_MEDIA_TYPE = encodeHeaders([[":status", "415"]]);

export class UnaryServer {
  private readonly routes = new Map<string, Route>();
  private readonly http: Http2Server;

  constructor(private readonly opts: UnaryServerOptions) {
    const tls = opts.tls;
    this.http = new Http2Server((headers, responder) => this.serve(headers, responder), tls === undefined ? undefined : { key: tls.key, cert: tls.cert, peerCert: tls.clientCert });
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
    return this.http.listen(where);
  }

  /** Stops accepting, lets calls in flight finish, and ends every connection within `graceMs`. */
  close(graceMs: number): void {
    this.http.close(graceMs);
  }

  private serve(headers: HeaderList, responder: Responder): BodySink | undefined {
    let method: string | undefined;
    let path = "";
    let type = "";
    for (const [name, value] of headers) {
      if (name === ":method") method = value;
      else if (name === ":path") path = value;
      else if (name === "content-type") type = value;
    }
    if (method !== "POST" || !type.startsWith("application/grpc")) {
      responder.respond(UNSUPPORTED_MEDIA_TYPE);
      return undefined;
    }
    const route = this.routes.get(path);
    if (route === undefined) {
      finish(responder, grpcStatus.unimplemented, `The server does not implement the method ${path}`);
      return undefined;
    }
    return {
      maxBytes: this.opts.maxMessageBytes + FRAME_HEADER_BYTES,
      tooLarge: () => finish(responder, grpcStatus.resourceExhausted, `the request is larger than the limit of ${this.opts.maxMessageBytes} bytes`),
      complete: (data) => call(route, data, responder),
    };
  }
}

function call(route: Route, data: Buffer, responder: Responder): void {
  const one = unframeOne(data, "the client");
  if ("problem" in one) return finish(responder, one.code, one.problem);
  let request: object;
  try {
    request = route.method.requestDeserialize(one.body);
  } catch (err) {
    return finish(responder, grpcStatus.internal, `could not decode the request: ${(err as Error).message}`);
  }
  route.implementation(request).then(
    (response) => responder.respond(OK_HEADERS, frameMessage(route.method.responseSerialize(response)), OK_TRAILERS),
    (err: unknown) => {
      if (err instanceof CallStatus) finish(responder, err.code, err.details);
      else finish(responder, grpcStatus.unknown, err instanceof Error ? err.message : String(err));
    },
  );
}

/** A status without a message, as a trailers-only response. */
function finish(responder: Responder, code: number, details: string): void {
  responder.respond(
    encodeHeaders([
      [":status", "200"],
      ["content-type", "application/grpc"],
      ["grpc-status", String(code)],
      ["grpc-message", encodeStatusMessage(details)],
    ]),
  );
}
