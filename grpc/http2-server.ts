// A lean HTTP/2 server (RFC 9113) for gRPC's unary calls, written to the socket directly, on the framing the
// client uses (http2-connection.ts). Each request is taken whole (its body bounded by what the handler
// allows) and answered with headers, one body and trailers, or headers alone.
//
// Why not node:http2: its per-stream objects and events cost about 95 µs of CPU per bare call
// (docs/performance.md, "plugin"). The responses a turn makes leave together when its I/O callbacks are done,
// in one TLS record (http2-connection.ts).
//
// What it does, beside what it shares with the client (SETTINGS both ways, flow control both ways with
// response data held until the windows allow it, CONTINUATION, HPACK's dynamic table, PING): the client's
// preface checked, RST_STREAM from the client (its call is forgotten), a response that comes before the whole
// request (the rest of it is read and dropped), GOAWAY when the server closes (calls in flight
// finish; new streams are refused), TLS with ALPN "h2" or plaintext. Not supported: server push, priorities,
// the Upgrade from HTTP/1.1, and streaming a response (one body, sent when ready).

import { createServer as createNetServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer, type TLSSocket } from "node:tls";
import { certificateDer, pinnedTlsOptions, presents } from "./pinned-certificate.js";
import type { HeaderList } from "./hpack.js";
import { type FlowStream, Http2Connection, localSettings } from "./http2-connection.js";
import { CONNECTION_PREFACE, errorCode, goawayFrame, headerFrames, rstStreamFrame } from "./http2-frames.js";

export type { HeaderList };

/** What a handler does with a request's body: take it whole, up to a limit. */
export interface BodySink {
  readonly maxBytes: number;
  /** The body passed `maxBytes`: answer (the rest is not read). */
  tooLarge(): void;
  /** The whole body, once the client ended the request. */
  complete(body: Buffer): void;
}

/** One request's stream, to answer. */
export interface Responder {
  /**
   * Answers: `headers` (an encoded header block), then `body` and `trailers` when given; the stream ends
   * with the last of them. Does nothing once the stream is gone (the client reset it or went away).
   */
  respond(headers: Buffer, body?: Buffer, trailers?: Buffer): void;
}

/** A request's headers: answer at once (and return undefined) or say how its body is taken. */
export type RequestHandler = (headers: HeaderList, responder: Responder) => BodySink | undefined;

export interface Http2ServerTls {
  readonly key: string;
  readonly cert: string;
  /** Mutual TLS: the one certificate a client must present (pinned-certificate.ts). */
  readonly peerCert: string;
}

class ServerStream implements FlowStream, Responder {
  sendWindow: number;
  unsent: Buffer | undefined;
  received = 0;
  sink: BodySink | undefined;
  chunks: Buffer[] = [];
  bytes = 0;
  requestEnded = false;
  responded = false;
  trailers: Buffer | undefined;

  constructor(
    private readonly connection: Http2ServerConnection,
    readonly id: number,
    sendWindow: number,
  ) {
    this.sendWindow = sendWindow;
  }

  respond(headers: Buffer, body?: Buffer, trailers?: Buffer): void {
    this.connection.respond(this, headers, body, trailers);
  }
}

export class Http2ServerConnection extends Http2Connection<ServerStream> {
  /** The highest stream id the client has used. */
  private lastStreamId = 0;
  private preface: Buffer | undefined = Buffer.alloc(0);
  private goingAway = false;

  constructor(
    socket: Socket,
    private readonly handler: RequestHandler,
    private readonly closed: () => void,
  ) {
    super(socket, "the client");
    socket.write(localSettings());
    socket.on("data", (chunk: Buffer) => this.take(chunk));
    // A broken connection fails its own calls; the server keeps serving.
    socket.on("error", () => undefined);
    socket.on("close", () => {
      this.fail("the connection closed");
      this.closed();
    });
  }

  /** No new streams: GOAWAY, and the connection ends when the calls in flight are answered. */
  goAway(): void {
    if (this.goingAway || this.failure !== undefined) return;
    this.goingAway = true;
    this.write(goawayFrame(this.lastStreamId, errorCode.noError));
    this.endIfIdle();
  }

  destroy(): void {
    this.fail("the server closed the connection");
    this.socket.destroy();
  }

  private take(chunk: Buffer): void {
    if (this.preface === undefined) return this.receive(chunk);
    // The client's preface first: the magic octets, then (in the frames) its SETTINGS.
    const got = Buffer.concat([this.preface, chunk]);
    const n = Math.min(got.length, CONNECTION_PREFACE.length);
    if (!got.subarray(0, n).equals(CONNECTION_PREFACE.subarray(0, n))) return this.connectionError(errorCode.protocol, "the connection did not begin with HTTP/2's preface");
    if (got.length < CONNECTION_PREFACE.length) {
      this.preface = got;
      return;
    }
    this.preface = undefined;
    if (got.length > CONNECTION_PREFACE.length) this.receive(got.subarray(CONNECTION_PREFACE.length));
  }

  respond(s: ServerStream, headers: Buffer, body: Buffer | undefined, trailers: Buffer | undefined): void {
    if (s.responded || this.streams.get(s.id) !== s) return;
    s.responded = true;
    s.sink = undefined;
    s.chunks = [];
    const hasBody = body !== undefined && body.length > 0;
    const frames = [headerFrames(s.id, headers, !hasBody && trailers === undefined, this.peerMaxFrameSize)];
    if (hasBody) {
      s.unsent = body;
      s.trailers = trailers;
      this.sendData(s, frames);
    } else {
      if (trailers !== undefined) frames.push(headerFrames(s.id, trailers, true, this.peerMaxFrameSize));
      this.answered(s);
    }
    this.write(frames);
  }

  protected endsWithData(s: ServerStream): boolean {
    return s.trailers === undefined;
  }

  protected dataSent(s: ServerStream, out: Buffer[]): void {
    if (s.trailers !== undefined) out.push(headerFrames(s.id, s.trailers, true, this.peerMaxFrameSize));
    this.answered(s);
  }

  /** Our side of the stream has ended; it is over when the client's is. */
  private answered(s: ServerStream): void {
    // The rest of a request answered early is read and dropped, not refused with RST_STREAM(NO_ERROR) as RFC
    // 9113 (8.1) allows: grpc-js's client, given that reset right after the status, may report INTERNAL.
    if (!s.requestEnded) return;
    this.release(s);
    this.endIfIdle();
  }

  protected onHeaderBlock(streamId: number, headers: HeaderList, endStream: boolean): void {
    const open = this.streams.get(streamId);
    if (open !== undefined) {
      // Trailers of a request: they must end it.
      if (!endStream) return this.streamError(open, errorCode.protocol, "request trailers that do not end the stream");
      return this.requestEnd(open);
    }
    if (streamId % 2 === 0) return this.connectionError(errorCode.protocol, `the client opened stream ${streamId}, an even one`);
    // A stream we have closed (a reset one, say): what comes on it does not matter.
    if (streamId <= this.lastStreamId) return;
    this.lastStreamId = streamId;
    if (this.goingAway) {
      this.write(rstStreamFrame(streamId, errorCode.refusedStream));
      return;
    }
    const s = new ServerStream(this, streamId, this.peerInitialWindow);
    this.streams.set(streamId, s);
    if (endStream) s.requestEnded = true;
    const sink = this.handler(headers, s);
    if (s.responded) return;
    s.sink = sink;
    if (endStream) this.requestEnd(s);
  }

  protected onStreamData(s: ServerStream, data: Buffer, ends: boolean): void {
    const sink = s.sink;
    if (sink !== undefined && data.length > 0) {
      s.bytes += data.length;
      if (s.bytes > sink.maxBytes) {
        s.sink = undefined;
        s.chunks = [];
        sink.tooLarge();
      } else {
        s.chunks.push(data);
      }
    }
    if (ends) this.requestEnd(s);
  }

  private requestEnd(s: ServerStream): void {
    s.requestEnded = true;
    if (s.responded && s.unsent === undefined) {
      this.release(s);
      this.endIfIdle();
      return;
    }
    const sink = s.sink;
    if (sink === undefined) return;
    s.sink = undefined;
    const body = s.chunks.length === 1 ? s.chunks[0]! : Buffer.concat(s.chunks, s.bytes);
    s.chunks = [];
    sink.complete(body);
  }

  protected onStreamReset(s: ServerStream): void {
    // The client gave up on the call: its answer, when it comes, goes nowhere.
    this.release(s);
    this.endIfIdle();
  }

  protected onGoaway(): void {
    // The client opens no more streams; those in flight are answered, and it closes the connection.
  }

  protected onPeerSetting(): string | undefined {
    // MAX_CONCURRENT_STREAMS limits pushes, which this server never makes; the rest are advisory.
    return undefined;
  }

  protected afterSettings(): void {}

  protected neverOpened(id: number): boolean {
    return id > this.lastStreamId || id % 2 === 0;
  }

  protected lastPeerStream(): number {
    return this.lastStreamId;
  }

  protected streamError(s: ServerStream, code: number, _message: string): void {
    this.reset(s, code);
    this.endIfIdle();
  }

  protected failed(): void {
    this.streams.clear();
  }

  private endIfIdle(): void {
    if (this.goingAway && this.streams.size === 0 && this.failure === undefined) {
      this.flush();
      this.socket.end();
    }
  }
}

/** Listens for HTTP/2 connections (TLS with ALPN "h2", or plaintext) and hands each request to `handler`. */
export class Http2Server {
  private readonly server: Server;
  private readonly connections = new Set<Http2ServerConnection>();

  constructor(handler: RequestHandler, tls?: Http2ServerTls) {
    const accept = (socket: Socket): void => {
      // Small replies go out at once, not after the peer's delayed ACK (loopback TCP on Windows).
      socket.setNoDelay?.(true);
      const c = new Http2ServerConnection(socket, handler, () => this.connections.delete(c));
      this.connections.add(c);
    };
    if (tls === undefined) {
      this.server = createNetServer(accept);
      return;
    }
    const clientDer = certificateDer(tls.peerCert);
    this.server = createTlsServer({ key: tls.key, cert: tls.cert, ...pinnedTlsOptions, requestCert: true, ALPNProtocols: ["h2"] }, (socket: TLSSocket) => {
      // HTTP/2 or nothing, and only with the client whose certificate we were given: any other is not
      // spoken to (nothing has been read from it yet).
      if (socket.alpnProtocol !== "h2" || !presents(socket, clientDer)) {
        socket.destroy();
        return;
      }
      accept(socket);
    });
    // A client that fails the handshake (no certificate, the wrong one) is turned away; the server goes on.
    this.server.on("tlsClientError", () => undefined);
  }

  /** Listens on a Unix socket path or 127.0.0.1:port (0 for a free one); the address, or an error. */
  listen(where: { readonly path: string } | { readonly port: number }): Promise<{ address: string } | Error> {
    return new Promise((resolve) => {
      const failed = (err: Error): void => resolve(err);
      this.server.once("error", failed);
      const listening = (): void => {
        this.server.off("error", failed);
        const a = this.server.address();
        resolve({ address: typeof a === "string" ? a : a === null ? "" : `127.0.0.1:${a.port}` });
      };
      if ("path" in where) this.server.listen(where.path, listening);
      else this.server.listen(where.port, "127.0.0.1", listening);
    });
  }

  /** Stops accepting, lets calls in flight finish, and ends every connection within `graceMs`. */
  close(graceMs: number): void {
    this.server.close();
    for (const c of this.connections) c.goAway();
    setTimeout(() => {
      for (const c of this.connections) c.destroy();
    }, graceMs).unref();
  }
}
