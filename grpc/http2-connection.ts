// What both ends of an HTTP/2 connection (RFC 9113) do alike, for Cairn's client (http2-client.ts) and
// server (http2-server.ts): cutting the bytes into frames, the peer's SETTINGS (frame size, initial window)
// honoured and acknowledged, header blocks with their CONTINUATIONs decoded in order (the HPACK dynamic
// table), flow control both ways (data cut to the peer's frame size and windows, queued until a
// WINDOW_UPDATE; large receive windows replenished at half), PING acknowledged, and the writes of one turn
// batched. What differs (who opens streams, what a header block means, GOAWAY) is the subclass's.
//
// Writes: what a turn of the event loop writes goes together when its I/O callbacks are done (setImmediate):
// one TLS record and one system call for the frames of every call that turn answered or started. node:tls
// hands each TLS record read to its own 'data' callback, each with its own microtask drain, so writing the
// first frames of each callback at once (as before) cost a write per call on both ends, with ~10 calls in
// flight. Batched per turn, a plugin's no-op plan or apply of 1,000 makes about a quarter of the writes and
// uses 7–12% less CPU over both processes, with no loss of wall time (docs/providers.md, "The plugin
// transport").

import type { Socket } from "node:net";
import { type HeaderList, HpackDecoder, HpackError } from "./hpack.js";
import {
  DEFAULT_MAX_FRAME_SIZE, DEFAULT_WINDOW_SIZE, errorCode, FRAME_HEADER_LENGTH, type Frame, FrameReader, frameFlag, frameType, goawayFrame,
  MAX_ALLOWED_FRAME_SIZE, MAX_WINDOW_SIZE, pingAck, rstStreamFrame, setting, settingsAck, settingsFrame, unpadded, windowUpdateFrame, writeFrameHeader,
} from "./http2-frames.js";

/** Our receive windows: large, so a peer never waits for us within a message, and replenished at half. */
export const RECEIVE_WINDOW = 16 << 20;
/** The most header octets (a block with its CONTINUATIONs) taken from the peer. */
export const MAX_HEADER_BLOCK = 1 << 20;

/** What each end sends first (after the client's preface): our SETTINGS and the connection's larger window. */
export function localSettings(): Buffer {
  return Buffer.concat([
    settingsFrame([
      [setting.enablePush, 0],
      [setting.initialWindowSize, RECEIVE_WINDOW],
      [setting.maxHeaderListSize, MAX_HEADER_BLOCK],
    ]),
    windowUpdateFrame(0, RECEIVE_WINDOW - DEFAULT_WINDOW_SIZE),
  ]);
}

/** A stream's flow-control state, as the shared code sees it. */
export interface FlowStream {
  id: number;
  sendWindow: number;
  /** The data not yet sent: it waits for the windows. */
  unsent: Buffer | undefined;
  /** Data received since our last WINDOW_UPDATE for the stream. */
  received: number;
}

export abstract class Http2Connection<S extends FlowStream> {
  protected readonly streams = new Map<number, S>();
  /** Streams with data waiting for a window. */
  protected readonly blocked = new Set<S>();
  protected peerMaxFrameSize = DEFAULT_MAX_FRAME_SIZE;
  protected peerInitialWindow = DEFAULT_WINDOW_SIZE;
  protected failure: string | undefined;
  private readonly reader = new FrameReader(DEFAULT_MAX_FRAME_SIZE);
  private readonly decoder = new HpackDecoder();
  private sendWindow = DEFAULT_WINDOW_SIZE;
  private receivedUnacked = 0;
  private sawSettings = false;
  private continuation: { streamId: number; parts: Buffer[]; bytes: number; endStream: boolean } | undefined;
  private queued: Buffer[] | undefined;

  /** `peer` names the other end in messages: "the server", "the client". */
  protected constructor(
    protected readonly socket: Socket,
    private readonly peer: string,
  ) {}

  /** A complete header block on a stream (which may not be ours, or not yet). */
  protected abstract onHeaderBlock(streamId: number, headers: HeaderList, endStream: boolean): void;
  /** Data on one of our streams, its padding removed. */
  protected abstract onStreamData(s: S, data: Buffer, endStream: boolean): void;
  protected abstract onStreamReset(s: S, code: number): void;
  protected abstract onGoaway(lastStreamId: number, code: number): void;
  /** A setting the shared code does not handle; a message when the value is a protocol error. */
  protected abstract onPeerSetting(id: number, value: number): string | undefined;
  /** After the peer's SETTINGS are applied and acknowledged. */
  protected abstract afterSettings(): void;
  /** Whether a stream id we do not have was never opened (a protocol error), rather than closed. */
  protected abstract neverOpened(id: number): boolean;
  /** Ends the stream with RST_STREAM `code`, for a protocol error on it. */
  protected abstract streamError(s: S, code: number, message: string): void;
  /** The last stream the peer opened that we took (GOAWAY's last stream id). */
  protected abstract lastPeerStream(): number;
  /** The connection is over: every stream fails with `message`. */
  protected abstract failed(message: string): void;

  protected write(frames: Buffer | Buffer[]): void {
    if (this.failure !== undefined) return;
    let q = this.queued;
    if (q === undefined) {
      q = this.queued = [];
      setImmediate(this.flushSoon);
    }
    if (Array.isArray(frames)) for (const f of frames) q.push(f);
    else q.push(frames);
  }

  private readonly flushSoon = (): void => this.flush();

  protected flush(): void {
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

  /** Adds to `out` what the windows allow of a stream's data; the rest waits for a WINDOW_UPDATE. */
  protected sendData(s: S, out: Buffer[]): void {
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
      writeFrameHeader(h, 0, n, frameType.data, last && this.endsWithData(s) ? frameFlag.endStream : 0, s.id);
      out.push(h, piece);
    }
    this.blocked.delete(s);
    this.dataSent(s, out);
  }

  /** Whether a stream's last DATA frame ends it (a request does; a response's trailers come after). */
  protected abstract endsWithData(s: S): boolean;
  /** All of a stream's data is in `out`: what follows it (trailers) may go. */
  protected abstract dataSent(s: S, out: Buffer[]): void;

  private flushBlocked(): void {
    const out: Buffer[] = [];
    for (const s of [...this.blocked]) {
      this.sendData(s, out);
      if (this.sendWindow <= 0) break;
    }
    this.write(out);
  }

  protected receive(chunk: Buffer): void {
    const frames = this.reader.push(chunk);
    if (!Array.isArray(frames)) return this.connectionError(errorCode.frameSize, `${this.peer} sent a frame of ${frames.tooLong} bytes, over the limit of ${DEFAULT_MAX_FRAME_SIZE}`);
    for (const f of frames) {
      if (this.failure !== undefined) return;
      this.onFrame(f);
    }
  }

  private onFrame(f: Frame): void {
    if (!this.sawSettings && (f.type !== frameType.settings || f.flags & frameFlag.ack)) return this.connectionError(errorCode.protocol, `${this.peer} did not begin with SETTINGS`);
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
        return this.connectionError(errorCode.protocol, `${this.peer} pushed a stream, which Cairn turned off`);
      case frameType.ping:
        if (f.streamId !== 0) return this.connectionError(errorCode.protocol, "PING on a stream");
        if (f.payload.length !== 8) return this.connectionError(errorCode.frameSize, "PING of the wrong size");
        if (!(f.flags & frameFlag.ack)) this.write(pingAck(f.payload));
        return;
      case frameType.goaway:
        if (f.streamId !== 0) return this.connectionError(errorCode.protocol, "GOAWAY on a stream");
        if (f.payload.length < 8) return this.connectionError(errorCode.frameSize, "GOAWAY of the wrong size");
        return this.onGoaway(f.payload.readUInt32BE(0) & 0x7fffffff, f.payload.readUInt32BE(4));
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
    const ends = (f.flags & frameFlag.endStream) !== 0;
    s.received += f.payload.length;
    if (!ends && s.received >= RECEIVE_WINDOW / 2) {
      this.write(windowUpdateFrame(s.id, s.received));
      s.received = 0;
    }
    this.onStreamData(s, data, ends);
  }

  private onHeaders(f: Frame): void {
    if (f.streamId === 0) return this.connectionError(errorCode.protocol, "HEADERS on stream 0");
    let c = this.continuation;
    if (c === undefined && f.type === frameType.headers && f.flags & frameFlag.endHeaders) {
      // The usual case, a whole block in one HEADERS frame.
      const fragment = unpadded(f);
      if (fragment === undefined) return this.connectionError(errorCode.protocol, "HEADERS with bad padding");
      return this.headerBlock(f.streamId, fragment, (f.flags & frameFlag.endStream) !== 0);
    }
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
    this.headerBlock(c.streamId, c.parts.length === 1 ? c.parts[0]! : Buffer.concat(c.parts, c.bytes), c.endStream);
  }

  private headerBlock(streamId: number, block: Buffer, endStream: boolean): void {
    let headers: HeaderList;
    try {
      // Every block is decoded, even for a stream no longer ours: the dynamic table depends on it.
      headers = this.decoder.decode(block);
    } catch (err) {
      if (err instanceof HpackError) return this.connectionError(errorCode.compression, `${this.peer}'s headers could not be decoded: ${err.message}`);
      throw err;
    }
    this.onHeaderBlock(streamId, headers, endStream);
  }

  private onReset(f: Frame): void {
    if (f.streamId === 0) return this.connectionError(errorCode.protocol, "RST_STREAM on stream 0");
    if (f.payload.length !== 4) return this.connectionError(errorCode.frameSize, "RST_STREAM of the wrong size");
    const s = this.streams.get(f.streamId);
    if (s === undefined) return this.unknownStream(f.streamId);
    this.onStreamReset(s, f.payload.readUInt32BE(0));
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
      } else if (id === setting.enablePush && value > 1) {
        return this.connectionError(errorCode.protocol, `ENABLE_PUSH of ${value}`);
      } else {
        // HEADER_TABLE_SIZE does not matter to an encoder that never indexes (hpack.ts).
        const problem = this.onPeerSetting(id, value);
        if (problem !== undefined) return this.connectionError(errorCode.protocol, problem);
      }
    }
    this.write(settingsAck());
    this.flushBlocked();
    this.afterSettings();
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

  /** A frame for a stream we do not have: one closed is fine, one never opened is a protocol error. */
  protected unknownStream(id: number): void {
    if (this.neverOpened(id)) this.connectionError(errorCode.protocol, `a frame for stream ${id}, which was never opened`);
  }

  /** Writes RST_STREAM for a stream and lets go of it in the shared state. */
  protected reset(s: S, code: number): void {
    this.write(rstStreamFrame(s.id, code));
    this.release(s);
  }

  /** Lets go of a stream in the shared state. */
  protected release(s: S): void {
    this.streams.delete(s.id);
    this.blocked.delete(s);
  }

  /** GOAWAY with `code`, then the connection ends. */
  protected connectionError(code: number, message: string): void {
    this.flush();
    this.socket.end(goawayFrame(this.lastPeerStream(), code));
    this.fail(`${this.peer} broke the HTTP/2 protocol: ${message}`);
  }

  protected fail(message: string): void {
    if (this.failure !== undefined) return;
    this.failure = message;
    this.blocked.clear();
    this.failed(message);
  }
}
