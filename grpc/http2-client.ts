// A lean HTTP/2 client connection (RFC 9113) for gRPC's calls, written to the socket directly.
//
// Why not node:http2: its per-stream objects (a Duplex, an AsyncResource and a deprecation wrapper bound
// per request, the events) cost about three times this client's CPU per call (112–131 µs against 36 µs in
// a bare probe, docs/performance.md). Writes are batched per event-loop turn, as nghttp2's are (flushed from a
// setImmediate): each turn's requests leave in one TLS record (http2-connection.ts says why).
//
// What it does, beside what it shares with the server (http2-connection.ts: SETTINGS, flow control both ways,
// CONTINUATION, PING): the connection preface, the peer's MAX_CONCURRENT_STREAMS honoured, trailers,
// RST_STREAM, GOAWAY (streams above the last id fail; the connection takes no new ones), PUSH_PROMISE
// refused (push is off). Streams the peer refuses (REFUSED_STREAM, never processed) are sent again. Server push, priorities
// and the Upgrade from HTTP/1.1 are not supported.

import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import { certificateDer, pinnedTlsOptions, presents } from "./pinned-certificate.js";
import { encodeHeaders, type HeaderList } from "./hpack.js";
import { type FlowStream, Http2Connection, localSettings } from "./http2-connection.js";
import { CONNECTION_PREFACE, errorCode, headerFrames, MAX_WINDOW_SIZE, rstStreamFrame, setting } from "./http2-frames.js";

export type { HeaderList };
export { encodeHeaders };

/** What happens on a stream, in order: headers (the response's, then perhaps trailers), data, and the end. */
export interface StreamEvents {
  headers(headers: HeaderList): void;
  data(chunk: Buffer): void;
  /** The stream is over: `problem` is undefined when the peer ended it, else why it ended otherwise. */
  closed(problem?: StreamProblem): void;
}

export interface StreamProblem {
  readonly message: string;
  /** The RST_STREAM error code, when the peer reset the stream. */
  readonly resetCode?: number;
}

export interface ClientStream {
  /** Resets the stream (CANCEL); no more events come. */
  cancel(): void;
}

export interface Http2Target {
  /** A Unix socket path, or a host and port. */
  readonly path?: string;
  readonly host?: string;
  readonly port?: number;
  /**
   * TLS (ALPN "h2"), with a client certificate for mutual TLS; `peerCert` is the one the server must show
   * (pinned-certificate.ts). `servername` is the SNI to send, if any: a pinned peer needs none, and Node
   * checks a name for being an IP address with a regular expression that takes ~5 ms to compile on first use.
   */
  readonly tls?: { readonly peerCert: Buffer; readonly key: Buffer; readonly cert: Buffer; readonly servername?: string };
}

/** Opens a connection; it may be used at once (what is written waits for the connect and the handshake). */
export function connectHttp2(target: Http2Target): Http2ClientConnection {
  const where = target.path !== undefined ? { path: target.path } : { host: target.host ?? "localhost", port: target.port ?? 0 };
  const t = target.tls;
  const socket = t === undefined ? netConnect(where) : tlsConnect({ ...where, ...pinnedTlsOptions, key: t.key, cert: t.cert, ...(t.servername !== undefined ? { servername: t.servername } : {}), ALPNProtocols: ["h2"] });
  // Small requests go out at once, not after the peer's delayed ACK (TCP only).
  socket.setNoDelay(true);
  // With TLS, nothing is written (not even the preface) until the server has shown the pinned certificate:
  // Node holds early writes until the handshake's end, and the cork keeps them until the check below.
  if (t !== undefined) socket.cork();
  const connection = new Http2ClientConnection(socket);
  if (t !== undefined) {
    const serverDer = certificateDer(t.peerCert);
    socket.once("secureConnect", () => {
      const tlsSocket = socket as TLSSocket;
      const alpn = tlsSocket.alpnProtocol;
      if (!presents(tlsSocket, serverDer)) connection.abandon("the server presented a certificate other than the one it announced");
      else if (alpn !== "h2") connection.abandon(`the server did not agree to HTTP/2 (ALPN ${alpn === false ? "none" : String(alpn)})`);
      else socket.uncork();
    });
  }
  return connection;
}

class OpenStream implements ClientStream, FlowStream {
  id = 0;
  sendWindow = 0;
  /** The request body not yet sent (all of it is kept in `body` until the stream is over). */
  unsent: Buffer | undefined;
  received = 0;
  headerBlocks = 0;

  constructor(
    private readonly connection: Http2ClientConnection,
    readonly block: Buffer,
    readonly body: Buffer,
    readonly events: StreamEvents,
  ) {}

  cancel(): void {
    this.connection.cancel(this);
  }
}

export class Http2ClientConnection extends Http2Connection<OpenStream> {
  /** Streams waiting for the peer's MAX_CONCURRENT_STREAMS to allow them. */
  private readonly waiting: OpenStream[] = [];
  private nextStreamId = 1;
  private peerMaxConcurrent = Infinity;
  private goingAway = false;
  private socketError: string | undefined;

  constructor(socket: Socket) {
    super(socket, "the server");
    socket.write(Buffer.concat([CONNECTION_PREFACE, localSettings()]));
    socket.on("data", (chunk: Buffer) => this.receive(chunk));
    socket.on("error", (err: Error) => {
      this.socketError ??= err.message;
    });
    socket.on("close", () => this.fail(this.socketError ?? "the connection closed"));
  }

  /** Whether new streams may be opened here (not closed, not going away, stream ids left). */
  get usable(): boolean {
    return this.failure === undefined && !this.goingAway && this.nextStreamId < MAX_WINDOW_SIZE;
  }

  /** Opens a stream: `block` is the request's header block (encodeHeaders), `body` its whole data. */
  request(block: Buffer, body: Buffer, events: StreamEvents): ClientStream {
    const s = new OpenStream(this, block, body, events);
    if (!this.usable) {
      events.closed({ message: this.failure ?? "the connection is going away" });
      return s;
    }
    if (this.streams.size < this.peerMaxConcurrent) this.start(s);
    else this.waiting.push(s);
    return s;
  }

  ref(): void {
    this.socket.ref();
  }
  unref(): void {
    this.socket.unref();
  }

  /** Closes the connection at once; streams in flight fail. */
  close(): void {
    this.abandon("the connection was closed");
  }

  /** Fails every stream with `message` and drops the connection. */
  abandon(message: string): void {
    this.fail(message);
    this.socket.destroy();
  }

  cancel(s: OpenStream): void {
    if (s.id === 0) {
      const i = this.waiting.indexOf(s);
      if (i >= 0) this.waiting.splice(i, 1);
      return;
    }
    if (this.streams.get(s.id) !== s) return;
    this.write(rstStreamFrame(s.id, errorCode.cancel));
    this.forget(s);
  }

  private start(s: OpenStream): void {
    s.id = this.nextStreamId;
    this.nextStreamId += 2;
    s.sendWindow = this.peerInitialWindow;
    s.unsent = s.body.length > 0 ? s.body : undefined;
    this.streams.set(s.id, s);
    // The request's frames go out together.
    const frames = [headerFrames(s.id, s.block, s.unsent === undefined, this.peerMaxFrameSize)];
    if (s.unsent !== undefined) this.sendData(s, frames);
    this.write(frames);
  }

  protected endsWithData(): boolean {
    return true;
  }

  protected dataSent(): void {}

  protected onStreamData(s: OpenStream, data: Buffer, ends: boolean): void {
    if (s.headerBlocks === 0) return this.streamError(s, errorCode.protocol, "the server sent data before headers");
    if (data.length > 0) s.events.data(data);
    if (ends && this.streams.get(s.id) === s) this.ended(s);
  }

  protected onHeaderBlock(streamId: number, headers: HeaderList, endStream: boolean): void {
    const s = this.streams.get(streamId);
    if (s === undefined) return this.unknownStream(streamId);
    // An informational (1xx) response comes before the real one.
    if (s.headerBlocks === 0 && headers.some(([n, v]) => n === ":status" && v.startsWith("1"))) {
      if (endStream) this.streamError(s, errorCode.protocol, "an informational response ended the stream");
      return;
    }
    s.headerBlocks++;
    if (s.headerBlocks > 1 && !endStream) return this.streamError(s, errorCode.protocol, "trailers that do not end the stream");
    s.events.headers(headers);
    if (endStream && this.streams.get(s.id) === s) this.ended(s);
  }

  protected onStreamReset(s: OpenStream, code: number): void {
    if (code === errorCode.refusedStream && s.headerBlocks === 0) {
      // Never processed (RFC 9113, 8.7): it may go again, after the streams the peer does take.
      this.forget(s);
      s.id = 0;
      this.waiting.unshift(s);
      return this.startWaiting();
    }
    this.closeStream(s, { message: `the stream was reset (HTTP/2 error ${code})`, resetCode: code });
  }

  protected onPeerSetting(id: number, value: number): string | undefined {
    if (id === setting.maxConcurrentStreams) this.peerMaxConcurrent = value;
    // The rest are advisory.
    return undefined;
  }

  protected afterSettings(): void {
    this.startWaiting();
  }

  protected onGoaway(last: number, code: number): void {
    this.goingAway = true;
    const problem = { message: `the server is going away (HTTP/2 error ${code})` };
    for (const s of [...this.streams.values()]) if (s.id > last) this.closeStream(s, problem);
    for (const s of this.waiting.splice(0)) s.events.closed(problem);
    this.endIfIdle();
  }

  protected neverOpened(id: number): boolean {
    return id >= this.nextStreamId || id % 2 === 0;
  }

  protected lastPeerStream(): number {
    return 0;
  }

  /** The peer ended the stream. */
  private ended(s: OpenStream): void {
    // A response that came before the whole request (RFC 9113, 8.1): the rest is not needed.
    if (s.unsent !== undefined) this.write(rstStreamFrame(s.id, errorCode.noError));
    this.forget(s);
    s.events.closed();
  }

  protected streamError(s: OpenStream, code: number, message: string): void {
    this.write(rstStreamFrame(s.id, code));
    this.closeStream(s, { message: `the server broke the protocol: ${message}` });
  }

  private closeStream(s: OpenStream, problem: StreamProblem): void {
    this.forget(s);
    s.events.closed(problem);
  }

  private forget(s: OpenStream): void {
    this.release(s);
    this.startWaiting();
    this.endIfIdle();
  }

  private startWaiting(): void {
    while (this.waiting.length > 0 && this.streams.size < this.peerMaxConcurrent && this.usable) this.start(this.waiting.shift()!);
  }

  private endIfIdle(): void {
    if (this.goingAway && this.streams.size === 0 && this.failure === undefined) this.abandon("the server went away");
  }

  protected failed(message: string): void {
    const problem = { message };
    const streams = [...this.streams.values(), ...this.waiting];
    this.streams.clear();
    this.waiting.length = 0;
    for (const s of streams) s.events.closed(problem);
  }
}
