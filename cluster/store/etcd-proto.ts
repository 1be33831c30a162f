// The protobuf messages of etcd's v3 API that Cairn sends and reads (etcdserverpb/rpc.proto and mvccpb/kv.proto,
// field numbers as published), encoded and decoded by hand: only these messages and only the fields Cairn uses.
// Why by hand: protobufjs's generic codec (through the etcd3 client) was a tenth of an API server's CPU per
// create; these are a few straight-line loops over a buffer. Unknown fields are skipped, as protobuf requires.
//
// Revisions are int64 in etcd; they are JavaScript numbers here (exact below 2^53, nine thousand trillion
// writes). Lease IDs use the whole int64 range, so they are bigints.

import { frameMessage } from "../../grpc/wire.js";

// ---- the wire format ---------------------------------------------------------------------------------------

const VARINT = 0;
const LEN = 2;

/** Grows as needed; the encoders below write into one and take its bytes. */
class Writer {
  private buf = Buffer.allocUnsafe(256);
  private pos = 0;

  private room(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  private varint(v: number): void {
    this.room(10);
    while (v >= 0x80) {
      this.buf[this.pos++] = (v % 0x80) | 0x80;
      v = Math.floor(v / 0x80);
    }
    this.buf[this.pos++] = v;
  }

  private bigVarint(v: bigint): void {
    let u = BigInt.asUintN(64, v);
    this.room(10);
    while (u >= 0x80n) {
      this.buf[this.pos++] = Number(u & 0x7fn) | 0x80;
      u >>= 7n;
    }
    this.buf[this.pos++] = Number(u);
  }

  tag(field: number, wire: number): void {
    this.varint(field * 8 + wire);
  }

  /** A non-negative integer field (int64, bool, enum), written even when 0: oneof members need that. */
  uint(field: number, v: number): void {
    this.tag(field, VARINT);
    this.varint(v);
  }

  int64(field: number, v: bigint): void {
    this.tag(field, VARINT);
    this.bigVarint(v);
  }

  bytes(field: number, b: Buffer | Uint8Array): void {
    this.tag(field, LEN);
    this.varint(b.length);
    this.room(b.length);
    this.buf.set(b, this.pos);
    this.pos += b.length;
  }

  /** A nested message: written into place, its length put in front once known. */
  message(field: number, write: (w: Writer) => void): void {
    this.tag(field, LEN);
    // Nested messages here are small; reserve a 2-byte length and move the body when it is longer.
    this.room(2);
    const lenAt = this.pos;
    this.pos += 2;
    write(this);
    const len = this.pos - lenAt - 2;
    if (len < 0x80) {
      this.buf[lenAt] = len;
      this.buf.copy(this.buf, lenAt + 1, lenAt + 2, this.pos);
      this.pos -= 1;
    } else if (len < 0x4000) {
      this.buf[lenAt] = (len & 0x7f) | 0x80;
      this.buf[lenAt + 1] = len >> 7;
    } else {
      const body = Buffer.from(this.buf.subarray(lenAt + 2, this.pos));
      this.pos = lenAt;
      this.varint(len);
      this.room(len);
      body.copy(this.buf, this.pos);
      this.pos += len;
    }
  }

  /** The encoded bytes behind gRPC's message header. */
  framed(): Buffer {
    return frameMessage(this.buf.subarray(0, this.pos));
  }

  static frame(write: (w: Writer) => void): Buffer {
    const w = new Writer();
    write(w);
    return w.framed();
  }
}

class Reader {
  pos: number;

  constructor(
    readonly buf: Buffer,
    start = 0,
    readonly end = buf.length,
  ) {
    this.pos = start;
  }

  more(): boolean {
    return this.pos < this.end;
  }

  varint(): number {
    let v = 0;
    let mul = 1;
    for (;;) {
      if (this.pos >= this.end) throw new Error("truncated varint");
      const b = this.buf[this.pos++]!;
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 0x80;
      if (mul > 2 ** 63) throw new Error("varint too long");
    }
  }

  bigVarint(): bigint {
    let v = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error("truncated varint");
      const b = this.buf[this.pos++]!;
      v |= BigInt(b & 0x7f) << shift;
      if (b < 0x80) return BigInt.asIntN(64, v);
      shift += 7n;
      if (shift > 63n) throw new Error("varint too long");
    }
  }

  /** The bounds of a length-delimited field's contents; the reader moves past it. */
  span(): [number, number] {
    const len = this.varint();
    const start = this.pos;
    if (start + len > this.end) throw new Error("truncated field");
    this.pos = start + len;
    return [start, start + len];
  }

  bytes(): Buffer {
    const [s, e] = this.span();
    return this.buf.subarray(s, e);
  }

  sub(): Reader {
    const [s, e] = this.span();
    return new Reader(this.buf, s, e);
  }

  skip(wire: number): void {
    if (wire === VARINT) this.varint();
    else if (wire === LEN) this.span();
    else if (wire === 1) this.pos += 8;
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
    if (this.pos > this.end) throw new Error("truncated field");
  }
}

/** Calls `field` for each field of the message in `r` (number and wire type); `field` reads or skips it. */
function fields(r: Reader, field: (n: number, wire: number) => boolean): void {
  while (r.more()) {
    const t = r.varint();
    const n = Math.floor(t / 8);
    const wire = t & 7;
    if (!field(n, wire)) r.skip(wire);
  }
}

// ---- messages ----------------------------------------------------------------------------------------------

export interface ResponseHeader {
  revision: number;
}

export interface KeyValue {
  key: Buffer;
  createRevision: number;
  modRevision: number;
  value: Buffer;
}

export interface RangeRequest {
  key: Buffer;
  rangeEnd?: Buffer;
  limit?: number;
  revision?: number;
  keysOnly?: boolean;
}

export interface RangeResponse {
  header: ResponseHeader;
  kvs: KeyValue[];
  more: boolean;
}

export interface Compare {
  key: Buffer;
  target: "create" | "mod";
  result: "equal" | "greater";
  /** The create or mod revision compared against (by `target`). */
  revision: number;
}

export type RequestOp =
  | { range: { key: Buffer } }
  | { put: { key: Buffer; value: Buffer; lease?: bigint } }
  | { deleteRange: { key: Buffer; prevKv: boolean } };

export interface ResponseOp {
  /** A range's kvs, or a delete's previous kvs. */
  kvs: KeyValue[];
}

export interface TxnRequest {
  compare: Compare[];
  success: RequestOp[];
  failure: RequestOp[];
}

export interface TxnResponse {
  header: ResponseHeader;
  succeeded: boolean;
  responses: ResponseOp[];
}

export interface WatchEventKv {
  type: "put" | "delete";
  kv: KeyValue;
}

export interface WatchResponse {
  header: ResponseHeader;
  created: boolean;
  canceled: boolean;
  compactRevision: number;
  cancelReason: string;
  events: WatchEventKv[];
}

export interface WatchCreateRequest {
  key: Buffer;
  rangeEnd: Buffer;
  startRevision: number;
  progressNotify: boolean;
}

export interface LeaseGrantResponse {
  header: ResponseHeader;
  id: bigint;
  ttl: number;
  error: string;
}

export interface LeaseKeepAliveResponse {
  id: bigint;
  ttl: number;
}

function writeRange(w: Writer, r: RangeRequest): void {
  w.bytes(1, r.key);
  if (r.rangeEnd) w.bytes(2, r.rangeEnd);
  if (r.limit) w.uint(3, r.limit);
  if (r.revision) w.uint(4, r.revision);
  if (r.keysOnly) w.uint(8, 1);
}

export function encodeRange(r: RangeRequest): Buffer {
  return Writer.frame((w) => writeRange(w, r));
}

export function encodeTxn(t: TxnRequest): Buffer {
  return Writer.frame((w) => {
    for (const c of t.compare) {
      w.message(1, (m) => {
        if (c.result === "greater") m.uint(1, 1); // EQUAL = 0 is the default
        m.uint(2, c.target === "create" ? 1 : 2);
        m.bytes(3, c.key);
        m.uint(c.target === "create" ? 5 : 6, c.revision);
      });
    }
    for (const op of t.success) w.message(2, (m) => writeRequestOp(m, op));
    for (const op of t.failure) w.message(3, (m) => writeRequestOp(m, op));
  });
}

function writeRequestOp(w: Writer, op: RequestOp): void {
  if ("range" in op) w.message(1, (m) => writeRange(m, op.range));
  else if ("put" in op) {
    w.message(2, (m) => {
      m.bytes(1, op.put.key);
      m.bytes(2, op.put.value);
      if (op.put.lease !== undefined) m.int64(3, op.put.lease);
    });
  } else {
    w.message(3, (m) => {
      m.bytes(1, op.deleteRange.key);
      if (op.deleteRange.prevKv) m.uint(3, 1);
    });
  }
}

export function encodeCompaction(revision: number, physical: boolean): Buffer {
  return Writer.frame((w) => {
    w.uint(1, revision);
    if (physical) w.uint(2, 1);
  });
}

export function encodeWatchCreate(c: WatchCreateRequest): Buffer {
  return Writer.frame((w) =>
    w.message(1, (m) => {
      m.bytes(1, c.key);
      m.bytes(2, c.rangeEnd);
      if (c.startRevision) m.uint(3, c.startRevision);
      if (c.progressNotify) m.uint(4, 1);
    }),
  );
}

export function encodeWatchProgress(): Buffer {
  return Writer.frame((w) => w.message(3, () => undefined));
}

export function encodeLeaseGrant(ttlSeconds: number): Buffer {
  return Writer.frame((w) => w.uint(1, ttlSeconds));
}

/** LeaseRevokeRequest and LeaseKeepAliveRequest: both the lease's ID as field 1. */
export function encodeLeaseId(id: bigint): Buffer {
  return Writer.frame((w) => w.int64(1, id));
}

function readHeader(r: Reader): ResponseHeader {
  let revision = 0;
  fields(r, (n) => {
    if (n !== 3) return false;
    revision = r.varint();
    return true;
  });
  return { revision };
}

function readKeyValue(r: Reader): KeyValue {
  const kv: KeyValue = { key: EMPTY, createRevision: 0, modRevision: 0, value: EMPTY };
  fields(r, (n, wire) => {
    if (n === 1 && wire === LEN) kv.key = r.bytes();
    else if (n === 2 && wire === VARINT) kv.createRevision = r.varint();
    else if (n === 3 && wire === VARINT) kv.modRevision = r.varint();
    else if (n === 5 && wire === LEN) kv.value = r.bytes();
    else return false;
    return true;
  });
  return kv;
}

const EMPTY = Buffer.alloc(0);

/** The header of a response that Cairn reads nothing else of (CompactionResponse, LeaseRevokeResponse). */
export function decodeHeaderOnly(b: Buffer): ResponseHeader {
  let header: ResponseHeader = { revision: 0 };
  const r = new Reader(b);
  fields(r, (n, wire) => {
    if (n !== 1 || wire !== LEN) return false;
    header = readHeader(r.sub());
    return true;
  });
  return header;
}

function readRangeResponse(r: Reader): RangeResponse {
  const res: RangeResponse = { header: { revision: 0 }, kvs: [], more: false };
  fields(r, (n, wire) => {
    if (n === 1 && wire === LEN) res.header = readHeader(r.sub());
    else if (n === 2 && wire === LEN) res.kvs.push(readKeyValue(r.sub()));
    else if (n === 3 && wire === VARINT) res.more = r.varint() !== 0;
    else return false;
    return true;
  });
  return res;
}

export function decodeRange(b: Buffer): RangeResponse {
  return readRangeResponse(new Reader(b));
}

export function decodeTxn(b: Buffer): TxnResponse {
  const res: TxnResponse = { header: { revision: 0 }, succeeded: false, responses: [] };
  const r = new Reader(b);
  fields(r, (n, wire) => {
    if (n === 1 && wire === LEN) res.header = readHeader(r.sub());
    else if (n === 2 && wire === VARINT) res.succeeded = r.varint() !== 0;
    else if (n === 3 && wire === LEN) res.responses.push(readResponseOp(r.sub()));
    else return false;
    return true;
  });
  return res;
}

function readResponseOp(r: Reader): ResponseOp {
  const op: ResponseOp = { kvs: [] };
  fields(r, (n, wire) => {
    if (wire !== LEN) return false;
    if (n === 1) op.kvs = readRangeResponse(r.sub()).kvs;
    else if (n === 3) {
      // DeleteRangeResponse: prev_kvs is field 3.
      const d = r.sub();
      fields(d, (dn, dw) => {
        if (dn !== 3 || dw !== LEN) return false;
        op.kvs.push(readKeyValue(d.sub()));
        return true;
      });
    } else return false;
    return true;
  });
  return op;
}

export function decodeWatch(b: Buffer): WatchResponse {
  const res: WatchResponse = { header: { revision: 0 }, created: false, canceled: false, compactRevision: 0, cancelReason: "", events: [] };
  const r = new Reader(b);
  fields(r, (n, wire) => {
    if (n === 1 && wire === LEN) res.header = readHeader(r.sub());
    else if (n === 3 && wire === VARINT) res.created = r.varint() !== 0;
    else if (n === 4 && wire === VARINT) res.canceled = r.varint() !== 0;
    else if (n === 5 && wire === VARINT) res.compactRevision = r.varint();
    else if (n === 6 && wire === LEN) res.cancelReason = r.bytes().toString("utf8");
    else if (n === 11 && wire === LEN) {
      const e = r.sub();
      const ev: WatchEventKv = { type: "put", kv: { key: EMPTY, createRevision: 0, modRevision: 0, value: EMPTY } };
      fields(e, (en, ew) => {
        if (en === 1 && ew === VARINT) ev.type = e.varint() === 1 ? "delete" : "put";
        else if (en === 2 && ew === LEN) ev.kv = readKeyValue(e.sub());
        else return false;
        return true;
      });
      res.events.push(ev);
    } else return false;
    return true;
  });
  return res;
}

export function decodeLeaseGrant(b: Buffer): LeaseGrantResponse {
  const res: LeaseGrantResponse = { header: { revision: 0 }, id: 0n, ttl: 0, error: "" };
  const r = new Reader(b);
  fields(r, (n, wire) => {
    if (n === 1 && wire === LEN) res.header = readHeader(r.sub());
    else if (n === 2 && wire === VARINT) res.id = r.bigVarint();
    else if (n === 3 && wire === VARINT) res.ttl = Number(r.bigVarint());
    else if (n === 4 && wire === LEN) res.error = r.bytes().toString("utf8");
    else return false;
    return true;
  });
  return res;
}

export function decodeLeaseKeepAlive(b: Buffer): LeaseKeepAliveResponse {
  const res: LeaseKeepAliveResponse = { id: 0n, ttl: 0 };
  const r = new Reader(b);
  fields(r, (n, wire) => {
    if (n === 2 && wire === VARINT) res.id = r.bigVarint();
    else if (n === 3 && wire === VARINT) res.ttl = Number(r.bigVarint());
    else return false;
    return true;
  });
  return res;
}
