// HTTP/2's framing (RFC 9113, section 4 and 6): the 9-byte frame header, the frame types and flags Cairn's
// client sends and reads, and a reader that cuts a connection's bytes into frames. The payloads it hands out
// are views of the bytes read, not copies; a frame longer than the size we allow is a connection error.

export const CONNECTION_PREFACE = Buffer.from("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", "latin1");
export const FRAME_HEADER_LENGTH = 9;
/** SETTINGS_MAX_FRAME_SIZE's initial value, and the smallest a peer may set. */
export const DEFAULT_MAX_FRAME_SIZE = 16_384;
export const MAX_ALLOWED_FRAME_SIZE = (1 << 24) - 1;
export const DEFAULT_WINDOW_SIZE = 65_535;
export const MAX_WINDOW_SIZE = 2 ** 31 - 1;

export const frameType = { data: 0, headers: 1, priority: 2, rstStream: 3, settings: 4, pushPromise: 5, ping: 6, goaway: 7, windowUpdate: 8, continuation: 9 } as const;
export const frameFlag = { endStream: 0x1, ack: 0x1, endHeaders: 0x4, padded: 0x8, priority: 0x20 } as const;
export const setting = { headerTableSize: 1, enablePush: 2, maxConcurrentStreams: 3, initialWindowSize: 4, maxFrameSize: 5, maxHeaderListSize: 6 } as const;
export const errorCode = { noError: 0, protocol: 1, internal: 2, flowControl: 3, settingsTimeout: 4, streamClosed: 5, frameSize: 6, refusedStream: 7, cancel: 8, compression: 9, connect: 10, enhanceYourCalm: 11, inadequateSecurity: 12, http11Required: 13 } as const;

export interface Frame {
  readonly type: number;
  readonly flags: number;
  readonly streamId: number;
  readonly payload: Buffer;
}

/** A frame with an empty payload of `length` bytes to fill in after the header. */
export function frame(type: number, flags: number, streamId: number, length: number): Buffer {
  const b = Buffer.allocUnsafe(FRAME_HEADER_LENGTH + length);
  writeFrameHeader(b, 0, length, type, flags, streamId);
  return b;
}

export function writeFrameHeader(b: Buffer, at: number, length: number, type: number, flags: number, streamId: number): void {
  b[at] = length >>> 16;
  b[at + 1] = (length >>> 8) & 0xff;
  b[at + 2] = length & 0xff;
  b[at + 3] = type;
  b[at + 4] = flags;
  b.writeUInt32BE(streamId & 0x7fffffff, at + 5);
}

export function settingsFrame(entries: readonly (readonly [number, number])[]): Buffer {
  const b = frame(frameType.settings, 0, 0, entries.length * 6);
  entries.forEach(([id, value], i) => {
    b.writeUInt16BE(id, FRAME_HEADER_LENGTH + i * 6);
    b.writeUInt32BE(value, FRAME_HEADER_LENGTH + i * 6 + 2);
  });
  return b;
}

export function settingsAck(): Buffer {
  return frame(frameType.settings, frameFlag.ack, 0, 0);
}

export function windowUpdateFrame(streamId: number, increment: number): Buffer {
  const b = frame(frameType.windowUpdate, 0, streamId, 4);
  b.writeUInt32BE(increment, FRAME_HEADER_LENGTH);
  return b;
}

export function pingAck(payload: Buffer): Buffer {
  const b = frame(frameType.ping, frameFlag.ack, 0, 8);
  payload.copy(b, FRAME_HEADER_LENGTH, 0, 8);
  return b;
}

export function rstStreamFrame(streamId: number, code: number): Buffer {
  const b = frame(frameType.rstStream, 0, streamId, 4);
  b.writeUInt32BE(code, FRAME_HEADER_LENGTH);
  return b;
}

export function goawayFrame(lastStreamId: number, code: number): Buffer {
  const b = frame(frameType.goaway, 0, 0, 8);
  b.writeUInt32BE(lastStreamId, FRAME_HEADER_LENGTH);
  b.writeUInt32BE(code, FRAME_HEADER_LENGTH + 4);
  return b;
}

/** Frame headers: a HEADERS frame and as many CONTINUATION frames as `maxFrameSize` needs, in one buffer. */
export function headerFrames(streamId: number, block: Buffer, endStream: boolean, maxFrameSize: number): Buffer {
  const count = Math.max(1, Math.ceil(block.length / maxFrameSize));
  const out = Buffer.allocUnsafe(block.length + count * FRAME_HEADER_LENGTH);
  let at = 0;
  for (let i = 0; i < count; i++) {
    const piece = block.subarray(i * maxFrameSize, (i + 1) * maxFrameSize);
    const last = i === count - 1;
    const flags = (last ? frameFlag.endHeaders : 0) | (i === 0 && endStream ? frameFlag.endStream : 0);
    writeFrameHeader(out, at, piece.length, i === 0 ? frameType.headers : frameType.continuation, flags, streamId);
    piece.copy(out, at + FRAME_HEADER_LENGTH);
    at += FRAME_HEADER_LENGTH + piece.length;
  }
  return out;
}

/** Cuts a connection's bytes into frames, however they arrive. */
export class FrameReader {
  private pending: Buffer | undefined;

  constructor(private readonly maxFrameSize: number = DEFAULT_MAX_FRAME_SIZE) {}

  /** The frames complete so far, or the length of one too large for us (a FRAME_SIZE_ERROR). */
  push(chunk: Buffer): Frame[] | { tooLong: number } {
    const buf = this.pending === undefined ? chunk : Buffer.concat([this.pending, chunk]);
    this.pending = undefined;
    const frames: Frame[] = [];
    let at = 0;
    while (buf.length - at >= FRAME_HEADER_LENGTH) {
      const length = (buf[at]! << 16) | (buf[at + 1]! << 8) | buf[at + 2]!;
      if (length > this.maxFrameSize) return { tooLong: length };
      const end = at + FRAME_HEADER_LENGTH + length;
      if (end > buf.length) break;
      frames.push({ type: buf[at + 3]!, flags: buf[at + 4]!, streamId: buf.readUInt32BE(at + 5) & 0x7fffffff, payload: buf.subarray(at + FRAME_HEADER_LENGTH, end) });
      at = end;
    }
    if (at < buf.length) this.pending = buf.subarray(at);
    return frames;
  }
}

/** A HEADERS or DATA frame's payload without its padding (and a HEADERS frame's priority fields). */
export function unpadded(f: Frame): Buffer | undefined {
  let p = f.payload;
  if (f.flags & frameFlag.padded) {
    if (p.length < 1) return undefined;
    const pad = p[0]!;
    if (pad >= p.length) return undefined;
    p = p.subarray(1, p.length - pad);
  }
  if (f.type === frameType.headers && f.flags & frameFlag.priority) {
    if (p.length < 5) return undefined;
    p = p.subarray(5);
  }
  return p;
}
