// A lean HTTP/2 client connection (RFC 9113) for gRPC's calls, written to the socket directly.
//
// Why not node:http2: its per-stream objects (a Duplex, an AsyncResource and a deprecation wrapper bound
// per request, the events) cost about three times this client's CPU per call (112–131 µs against 36 µs in
// a bare probe, docs/performance.md), and it defers every write to the end of the event loop's turn
// (nghttp2's session is flushed from a setImmediate). Here a request's frames are written when it is made:
// the first write of a turn at once, the ones made while the microtask queue drains together after it.
//
// What it does: the connection preface and SETTINGS both ways (the peer's MAX_FRAME_SIZE,
// INITIAL_WINDOW_SIZE, MAX_CONCURRENT_STREAMS honoured; theirs acknowledged), flow control both ways
// (request data cut to the peer's frame size and windows and queued until WINDOW_UPDATE; large receive
// windows, replenished as data arrives), HEADERS with CONTINUATION, trailers, RST_STREAM, GOAWAY (streams
// above the last id fail; the connection takes no new ones), PING acknowledged, PUSH_PROMISE refused (push is
// off). Streams the peer refuses (REFUSED_STREAM, never processed) are sent again. Server push, priorities
// and the Upgrade from HTTP/1.1 are not supported.

import { connect as netConnect, type Socket } from "node:net";
import { connect as tlsConnect, type TLSSocket } from "node:tls";
import { encodeHeaders, type HeaderList, HpackDecoder, HpackError } from "./hpack.js";
import {
  CONNECTION_PREFACE, DEFAULT_MAX_FRAME_SIZE, DEFAULT_WINDOW_SIZE, errorCode, FRAME_HEADER_LENGTH, type Frame, FrameReader, frameFlag, frameType, goawayFrame, headerFrames,
  MAX_ALLOWED_FRAME_SIZE, MAX_WINDOW_SIZE, pingAck, rstStreamFrame, setting, settingsAck, settingsFrame, unpadded, windowUpdateFrame, writeFrameHeader,
} from "./http2-frames.js";

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
  /** TLS (ALPN "h2"), with a client certificate for mutual TLS. */
  readonly tls?: { readonly ca: Buffer; readonly key: Buffer; readonly cert: Buffer; readonly servername: string };
}

// Our receive windows: large, so a peer never waits for us within a message, and replenished at half.
const RECEIVE_WINDOW = 16 << 20;
// The most header octets (a block with its CONTINUATIONs) taken from the peer.
const MAX_HEADER_BLOCK = 1 << 20;

/** Opens a connection; it may be used at once (what is written waits for the connect and the handshake). */
export function connectHttp2(target: Http2Target): Http2ClientConnection {
  const where = target.path !== undefined ? { path: target.path } : { host: target.host ?? "localhost", port: target.port ?? 0 };
  const t = target.tls;
  const socket = t === undefined ? netConnect(where) : tlsConnect({ ...where, ca: t.ca, key: t.key, cert: t.cert, servername: t.servername, ALPNProtocols: ["h2"] });
  // Small requests go out at once, not after the peer's delayed ACK (TCP only).
  socket.setNoDelay(true);
  const connection = new Http2ClientConnection(socket);
  if (t !== undefined) {
    socket.once("secureConnect", () => {
      const alpn = (socket as TLSSocket).alpnProtocol;
      if (alpn !== "h2") connection.abandon(`the server did not agree to HTTP/2 (ALPN ${alpn === false ? "none" : String(alpn)})`);
    });
  }
  return connection;
}

class OpenStream implements ClientStream {
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

export class Http2ClientConnection {
  private readonly streams = new Map<number, OpenStream>();
  /** Streams waiting for the peer's MAX_CONCURRENT_STREAMS to allow them. */
  private readonly waiting: OpenStream[] = [];
  /** Streams with request data waiting for a window. */
  private readonly blocked = new Set<OpenStream>();
  private readonly reader = new FrameReader(DEFAULT_MAX_FRAME_SIZE);
  private readonly decoder = new HpackDecoder();
  private nextStreamId = 1;
  private peerMaxFrameSize = DEFAULT_MAX_FRAME_SIZE;
  private peerInitialWindow = DEFAULT_WINDOW_SIZE;
  private peerMaxConcurrent = Infinity;
  private sendWindow = DEFAULT_WINDOW_SIZE;
  private receivedUnacked = 0;
  private sawSettings = false;
  private continuation: { streamId: number; parts: Buffer[]; bytes: number; endStream: boolean } | undefined;
  private goingAway = false;
  private failure: string | undefined;
  private socketError: string | undefined;
  private queued: Buffer[] | undefined;

  constructor(private readonly socket: Socket) {
    socket.write(
      Buffer.concat([
        CONNECTION_PREFACE,
        settingsFrame([
          [setting.enablePush, 0],
          [setting.initialWindowSize, RECEIVE_WINDOW],
          [setting.maxHeaderListSize, MAX_HEADER_BLOCK],
        ]),
        windowUpdateFrame(0, RECEIVE_WINDOW - DEFAULT_WINDOW_SIZE),
      ]),
    );
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

  /** Adds to `out` what the windows allow of a stream's request data; the rest waits for a WINDOW_UPDATE. */
  private sendData(s: OpenStream, out: Buffer[]): void {
    while (s.unsent !== undefined) {
      const n = Math.min(s.unsent.length, this.peerMaxFrameSize, s.sendWindow, this.sendWindow);
      if (n <= 0) {
        this.blocked.add(s);
        return;
      }
      const last = n === s.unsent.length;
      const piece = s.unsent.subarray(0, n);
      s.unsent = last ? undefined : s.unsent.subarray(n);
      s.sendWindow -= n;
      this.sendWindow -= n;
      const h = Buffer.allocUnsafe(FRAME_HEADER_LENGTH);
      writeFrameHeader(h, 0, n, frameType.data, last ? frameFlag.endStream : 0, s.id);
      out.push(h, piece);
    }
    this.blocked.delete(s);
  }

  private flushBlocked(): void {
    const out: Buffer[] = [];
    for (const s of [...this.blocked]) {
      this.sendData(s, out);
      if (this.sendWindow <= 0) break;
    }
    this.write(out);
  }

  private write(frames: Buffer | Buffer[]): void {
    if (this.failure !== undefined) return;
    const parts = Array.isArray(frames) ? frames : [frames];
    if (parts.length === 0) return;
    if (this.queued !== undefined) {
      this.queued.push(...parts);
      return;
    }
    // The first write of a turn goes at once, so that the peer can start on it; what follows while the
    // microtask queue drains goes together after it (one system call, and one TLS record, for many frames).
    this.queued = [];
    process.nextTick(() => this.flush());
    this.writeNow(parts);
  }

  private flush(): void {
    const q = this.queued;
    this.queued = undefined;
    if (q !== undefined && q.length > 0 && this.failure === undefined) this.writeNow(q);
  }

  private writeNow(parts: Buffer[]): void {
    if (parts.length === 1) {
      this.socket.write(parts[0]!);
      return;
    }
    let bytes = 0;
    for (const p of parts) bytes += p.length;
    if (bytes <= 65_536) {
      this.socket.write(Buffer.concat(parts, bytes));
      return;
    }
    this.socket.cork();
    for (const p of parts) this.socket.write(p);
    this.socket.uncork();
  }

  private receive(chunk: Buffer): void {
    const frames = this.reader.push(chunk);
    if (!Array.isArray(frames)) return this.connectionError(errorCode.frameSize, `the server sent a frame of ${frames.tooLong} bytes, over the limit of ${DEFAULT_MAX_FRAME_SIZE}`);
    for (const f of frames) {
      if (this.failure !== undefined) return;
      this.onFrame(f);
    }
  }

  private onFrame(f: Frame): void {
    if (!this.sawSettings && (f.type !== frameType.settings || f.flags & frameFlag.ack)) return this.connectionError(errorCode.protocol, "the server did not begin with SETTINGS");
    if (this.continuation !== undefined && (f.type !== frameType.continuation || f.streamId !== this.continuation.streamId)) return this.connectionError(errorCode.protocol, "a header block was interrupted");
    switch (f.type) {
      case frameType.data:
        return this.onData(f);
      case frameType.headers:
      case frameType.continuation:
        return this.onHeaders(f);
      case frameType.rstStream:
        return this.onReset(f);
      case frameType.settings:
        return this.onSettings(f);
      case frameType.pushPromise:
        return this.connectionError(errorCode.protocol, "the server pushed a stream, which Cairn turned off");
      case frameType.ping:
        if (f.streamId !== 0) return this.connectionError(errorCode.protocol, "PING on a stream");
        if (f.payload.length !== 8) return this.connectionError(errorCode.frameSize, "PING of the wrong size");
        if (!(f.flags & frameFlag.ack)) this.write(pingAck(f.payload));
        return;
      case frameType.goaway:
        return this.onGoaway(f);
      case frameType.windowUpdate:
        return this.onWindowUpdate(f);
      default:
        // PRIORITY and unknown frame types are ignored (RFC 9113, 5.5).
        return;
    }
  }

  private onData(f: Frame): void {
    if (f.streamId === 0) return this.connectionError(errorCode.protocol, "DATA on stream 0");
    // Flow control counts the whole payload, padding included, whether or not the stream is still ours.
    this.receivedUnacked += f.payload.length;
    if (this.receivedUnacked >= RECEIVE_WINDOW / 2) {
      this.write(windowUpdateFrame(0, this.receivedUnacked));
      this.receivedUnacked = 0;
    }
    const s = this.streams.get(f.streamId);
    if (s === undefined) return this.unknownStream(f.streamId);
    const data = unpadded(f);
    if (data === undefined) return this.connectionError(errorCode.protocol, "DATA with bad padding");
    if (s.headerBlocks === 0) return this.streamError(s, errorCode.protocol, "the server sent data before headers");
    const ends = (f.flags & frameFlag.endStream) !== 0;
    s.received += f.payload.length;
    if (!ends && s.received >= RECEIVE_WINDOW / 2) {
      this.write(windowUpdateFrame(s.id, s.received));
      s.received = 0;
    }
    if (data.length > 0) s.events.data(data);
    if (ends && this.streams.get(s.id) === s) this.ended(s);
  }

  private onHeaders(f: Frame): void {
    if (f.streamId === 0) return this.connectionError(errorCode.protocol, "HEADERS on stream 0");
    let c = this.continuation;
    if (f.type === frameType.continuation) {
      if (c === undefined) return this.connectionError(errorCode.protocol, "CONTINUATION without HEADERS");
      c.parts.push(f.payload);
      c.bytes += f.payload.length;
    } else {
      const fragment = unpadded(f);
      if (fragment === undefined) return this.connectionError(errorCode.protocol, "HEADERS with bad padding");
      c = { streamId: f.streamId, parts: [fragment], bytes: fragment.length, endStream: (f.flags & frameFlag.endStream) !== 0 };
    }
    if (c.bytes > MAX_HEADER_BLOCK) return this.connectionError(errorCode.enhanceYourCalm, `a header block over ${MAX_HEADER_BLOCK} bytes`);
    if (!(f.flags & frameFlag.endHeaders)) {
      this.continuation = c;
      return;
    }
    this.continuation = undefined;
    let headers: HeaderList;
    try {
      // Every block is decoded, even for a stream no longer ours: the dynamic table depends on it.
      headers = this.decoder.decode(c.parts.length === 1 ? c.parts[0]! : Buffer.concat(c.parts));
    } catch (err) {
      if (err instanceof HpackError) return this.connectionError(errorCode.compression, `the server's headers could not be decoded: ${err.message}`);
      throw err;
    }
    const s = this.streams.get(c.streamId);
    if (s === undefined) return this.unknownStream(c.streamId);
    // An informational (1xx) response comes before the real one.
    if (s.headerBlocks === 0 && headers.some(([n, v]) => n === ":status" && v.startsWith("1"))) {
      if (c.endStream) this.streamError(s, errorCode.protocol, "an informational response ended the stream");
      return;
    }
    s.headerBlocks++;
    if (s.headerBlocks > 1 && !c.endStream) return this.streamError(s, errorCode.protocol, "trailers that do not end the stream");
    s.events.headers(headers);
    if (c.endStream && this.streams.get(s.id) === s) this.ended(s);
  }

  private onReset(f: Frame): void {
    if (f.streamId === 0) return this.connectionError(errorCode.protocol, "RST_STREAM on stream 0");
    if (f.payload.length !== 4) return this.connectionError(errorCode.frameSize, "RST_STREAM of the wrong size");
    const s = this.streams.get(f.streamId);
    if (s === undefined) return this.unknownStream(f.streamId);
    const code = f.payload.readUInt32BE(0);
    if (code === errorCode.refusedStream && s.headerBlocks === 0) {
      // Never processed (RFC 9113, 8.7): it may go again, after the streams the peer does take.
      this.forget(s);
      s.id = 0;
      this.waiting.unshift(s);
      return this.startWaiting();
    }
    this.closeStream(s, { message: `the stream was reset (HTTP/2 error ${code})`, resetCode: code });
  }

  private onSettings(f: Frame): void {
    if (f.streamId !== 0) return this.connectionError(errorCode.protocol, "SETTINGS on a stream");
    if (f.flags & frameFlag.ack) {
      if (f.payload.length !== 0) return this.connectionError(errorCode.frameSize, "a SETTINGS acknowledgement with a payload");
      return;
    }
    if (f.payload.length % 6 !== 0) return this.connectionError(errorCode.frameSize, "SETTINGS of the wrong size");
    this.sawSettings = true;
    for (let at = 0; at < f.payload.length; at += 6) {
      const id = f.payload.readUInt16BE(at);
      const value = f.payload.readUInt32BE(at + 2);
      if (id === setting.initialWindowSize) {
        if (value > MAX_WINDOW_SIZE) return this.connectionError(errorCode.flowControl, `an initial window of ${value}`);
        const delta = value - this.peerInitialWindow;
        this.peerInitialWindow = value;
        for (const s of this.streams.values()) {
          s.sendWindow += delta;
          if (s.sendWindow > MAX_WINDOW_SIZE) return this.connectionError(errorCode.flowControl, "a stream window over 2^31-1");
        }
      } else if (id === setting.maxFrameSize) {
        if (value < DEFAULT_MAX_FRAME_SIZE || value > MAX_ALLOWED_FRAME_SIZE) return this.connectionError(errorCode.protocol, `a maximum frame size of ${value}`);
        this.peerMaxFrameSize = value;
      } else if (id === setting.maxConcurrentStreams) {
        this.peerMaxConcurrent = value;
      } else if (id === setting.enablePush && value > 1) {
        return this.connectionError(errorCode.protocol, `ENABLE_PUSH of ${value}`);
      }
      // HEADER_TABLE_SIZE does not matter to an encoder that never indexes; the rest are advisory.
    }
    this.write(settingsAck());
    this.flushBlocked();
    this.startWaiting();
  }

  private onGoaway(f: Frame): void {
    if (f.streamId !== 0) return this.connectionError(errorCode.protocol, "GOAWAY on a stream");
    if (f.payload.length < 8) return this.connectionError(errorCode.frameSize, "GOAWAY of the wrong size");
    const last = f.payload.readUInt32BE(0) & 0x7fffffff;
    const code = f.payload.readUInt32BE(4);
    this.goingAway = true;
    const problem = { message: `the server is going away (HTTP/2 error ${code})` };
    for (const s of [...this.streams.values()]) if (s.id > last) this.closeStream(s, problem);
    for (const s of this.waiting.splice(0)) s.events.closed(problem);
    this.endIfIdle();
  }

  private onWindowUpdate(f: Frame): void {
    if (f.payload.length !== 4) return this.connectionError(errorCode.frameSize, "WINDOW_UPDATE of the wrong size");
    const increment = f.payload.readUInt32BE(0) & 0x7fffffff;
    if (f.streamId === 0) {
      if (increment === 0) return this.connectionError(errorCode.protocol, "a WINDOW_UPDATE of 0");
      this.sendWindow += increment;
      if (this.sendWindow > MAX_WINDOW_SIZE) return this.connectionError(errorCode.flowControl, "a connection window over 2^31-1");
      return this.flushBlocked();
    }
    const s = this.streams.get(f.streamId);
    if (s === undefined) return this.unknownStream(f.streamId);
    if (increment === 0) return this.streamError(s, errorCode.protocol, "a WINDOW_UPDATE of 0");
    s.sendWindow += increment;
    if (s.sendWindow > MAX_WINDOW_SIZE) return this.streamError(s, errorCode.flowControl, "a stream window over 2^31-1");
    if (s.unsent === undefined) return;
    const out: Buffer[] = [];
    this.sendData(s, out);
    this.write(out);
  }

  /** A frame for a stream we do not have: one we closed is fine, one never opened is a protocol error. */
  private unknownStream(id: number): void {
    if (id >= this.nextStreamId || id % 2 === 0) this.connectionError(errorCode.protocol, `a frame for stream ${id}, which was never opened`);
  }

  /** The peer ended the stream. */
  private ended(s: OpenStream): void {
    // A response that came before the whole request (RFC 9113, 8.1): the rest is not needed.
    if (s.unsent !== undefined) this.write(rstStreamFrame(s.id, errorCode.noError));
    this.forget(s);
    s.events.closed();
  }

  private streamError(s: OpenStream, code: number, message: string): void {
    this.write(rstStreamFrame(s.id, code));
    this.closeStream(s, { message: `the server broke the protocol: ${message}` });
  }

  private closeStream(s: OpenStream, problem: StreamProblem): void {
    this.forget(s);
    s.events.closed(problem);
  }

  private forget(s: OpenStream): void {
    this.streams.delete(s.id);
    this.blocked.delete(s);
    this.startWaiting();
    this.endIfIdle();
  }

  private startWaiting(): void {
    while (this.waiting.length > 0 && this.streams.size < this.peerMaxConcurrent && this.usable) this.start(this.waiting.shift()!);
  }

  private endIfIdle(): void {
    if (this.goingAway && this.streams.size === 0 && this.failure === undefined) this.abandon("the server went away");
  }

  private connectionError(code: number, message: string): void {
    this.flush();
    this.socket.end(goawayFrame(0, code));
    this.fail(`the server broke the HTTP/2 protocol: ${message}`);
  }

  private fail(message: string): void {
    if (this.failure !== undefined) return;
    this.failure = message;
    const problem = { message };
    const streams = [...this.streams.values(), ...this.waiting];
    this.streams.clear();
    this.waiting.length = 0;
    this.blocked.clear();
    for (const s of streams) s.events.closed(problem);
  }
}
