// HPACK, HTTP/2's header compression (RFC 7541). The decoder is complete: a peer (Go's gRPC, grpc-js, Node's
// nghttp2) may index its headers in the dynamic table, resize it, and Huffman-code any string. The encoder is
// the simplest the RFC allows: a header the static table holds whole is its index, any other is a literal not
// indexed (the static table's name when it has it), no Huffman; it never touches the peer's dynamic table,
// so what it produces for a header list is the same every time and may be kept.

import { huffmanDecode } from "./hpack-huffman.js";

export type HeaderList = [name: string, value: string][];

const STATIC_TABLE: readonly (readonly [string, string])[] = [
  [":authority", ""], [":method", "GET"], [":method", "POST"], [":path", "/"], [":path", "/index.html"], [":scheme", "http"], [":scheme", "https"],
  [":status", "200"], [":status", "204"], [":status", "206"], [":status", "304"], [":status", "400"], [":status", "404"], [":status", "500"],
  ["accept-charset", ""], ["accept-encoding", "gzip, deflate"], ["accept-language", ""], ["accept-ranges", ""], ["accept", ""],
  ["access-control-allow-origin", ""], ["age", ""], ["allow", ""], ["authorization", ""], ["cache-control", ""], ["content-disposition", ""],
  ["content-encoding", ""], ["content-language", ""], ["content-length", ""], ["content-location", ""], ["content-range", ""], ["content-type", ""],
  ["cookie", ""], ["date", ""], ["etag", ""], ["expect", ""], ["expires", ""], ["from", ""], ["host", ""], ["if-match", ""], ["if-modified-since", ""],
  ["if-none-match", ""], ["if-range", ""], ["if-unmodified-since", ""], ["last-modified", ""], ["link", ""], ["location", ""], ["max-forwards", ""],
  ["proxy-authenticate", ""], ["proxy-authorization", ""], ["range", ""], ["referer", ""], ["refresh", ""], ["retry-after", ""], ["server", ""],
  ["set-cookie", ""], ["strict-transport-security", ""], ["transfer-encoding", ""], ["user-agent", ""], ["vary", ""], ["via", ""], ["www-authenticate", ""],
];

/** An entry's size in the dynamic table: its octets and 32 (section 4.1). */
const ENTRY_OVERHEAD = 32;

export class HpackError extends Error {}

/** Decodes header blocks in the order the peer sent them (each updates the dynamic table for the next). */
export class HpackDecoder {
  // Newest entry last; index 62 is the newest.
  private readonly table: [string, string][] = [];
  private size = 0;
  private maxSize: number;

  /** `limit` is our SETTINGS_HEADER_TABLE_SIZE, the largest table the peer may ask for. */
  constructor(private readonly limit = 4096) {
    this.maxSize = limit;
  }

  /** A header block's headers, in order; a malformed block throws HpackError (a COMPRESSION_ERROR). */
  decode(bytes: Uint8Array): HeaderList {
    // A Buffer view of the block (no copy), for its strings' latin1 reads.
    const block = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    const headers: HeaderList = [];
    const at = { i: 0 };
    let updatesAllowed = true;
    while (at.i < block.length) {
      const b = block[at.i]!;
      if (b & 0x80) {
        // Indexed header field (6.1).
        const index = readInteger(block, at, 7);
        const [name, value] = this.entry(index);
        headers.push([name, value]);
      } else if (b & 0x40) {
        // Literal with incremental indexing (6.2.1).
        const header = this.literal(block, at, 6);
        this.insert(header);
        headers.push(header);
      } else if (b & 0x20) {
        // Dynamic table size update (6.3): only at the start of a block.
        if (!updatesAllowed) throw new HpackError("a dynamic table size update after a header");
        const size = readInteger(block, at, 5);
        if (size > this.limit) throw new HpackError(`a dynamic table size of ${size}, over the limit of ${this.limit}`);
        this.maxSize = size;
        this.evict(0);
        continue;
      } else {
        // Literal without indexing (6.2.2) or never indexed (6.2.3).
        headers.push(this.literal(block, at, 4));
      }
      updatesAllowed = false;
    }
    return headers;
  }

  private entry(index: number): readonly [string, string] {
    if (index === 0) throw new HpackError("index 0");
    if (index <= STATIC_TABLE.length) return STATIC_TABLE[index - 1]!;
    const e = this.table[this.table.length - 1 - (index - STATIC_TABLE.length - 1)];
    if (e === undefined) throw new HpackError(`index ${index} is past the tables`);
    return e;
  }

  private literal(block: Buffer, at: { i: number }, prefix: number): [string, string] {
    const index = readInteger(block, at, prefix);
    const name = index === 0 ? readString(block, at) : this.entry(index)[0];
    return [name, readString(block, at)];
  }

  private insert(header: [string, string]): void {
    // Decoded as latin1: one character per octet.
    const entrySize = header[0].length + header[1].length + ENTRY_OVERHEAD;
    // An entry larger than the table empties it and is not added (4.4).
    this.evict(entrySize);
    if (entrySize > this.maxSize) return;
    this.table.push(header);
    this.size += entrySize;
  }

  /** Drops the oldest entries until `room` more octets fit. */
  private evict(room: number): void {
    let drop = 0;
    while (this.size + room > this.maxSize && drop < this.table.length) {
      const [name, value] = this.table[drop]!;
      this.size -= name.length + value.length + ENTRY_OVERHEAD;
      drop++;
    }
    if (drop > 0) this.table.splice(0, drop);
  }
}

/** An integer with an N-bit prefix (5.1); the value may not pass 2^31 - 1 (nothing larger makes sense here). */
function readInteger(block: Uint8Array, at: { i: number }, prefix: number): number {
  const max = (1 << prefix) - 1;
  let value = block[at.i++]! & max;
  if (value < max) return value;
  let shift = 0;
  for (;;) {
    if (at.i >= block.length) throw new HpackError("a truncated integer");
    const b = block[at.i++]!;
    value += (b & 0x7f) * 2 ** shift;
    shift += 7;
    if (value > 0x7fffffff) throw new HpackError("an integer too large");
    if ((b & 0x80) === 0) return value;
  }
}

function readString(block: Buffer, at: { i: number }): string {
  if (at.i >= block.length) throw new HpackError("a truncated string");
  const huffman = (block[at.i]! & 0x80) !== 0;
  const length = readInteger(block, at, 7);
  const start = at.i;
  if (start + length > block.length) throw new HpackError("a truncated string");
  at.i += length;
  if (!huffman) return block.toString("latin1", start, start + length);
  const decoded = huffmanDecode(block.subarray(start, start + length));
  if (decoded === undefined) throw new HpackError("an invalid Huffman-coded string");
  return decoded.toString("latin1");
}

const staticIndex = new Map<string, number>();
const staticNameIndex = new Map<string, number>();
STATIC_TABLE.forEach(([name, value], i) => {
  staticIndex.set(`${name}\0${value}`, i + 1);
  if (!staticNameIndex.has(name)) staticNameIndex.set(name, i + 1);
});

/** A header block for `headers` (names in lower case, octets as latin1), without the dynamic table. */
export function encodeHeaders(headers: readonly (readonly [string, string])[]): Buffer {
  const parts: number[] = [];
  for (const [name, value] of headers) {
    const whole = staticIndex.get(`${name}\0${value}`);
    if (whole !== undefined) {
      writeInteger(parts, 0x80, 7, whole);
      continue;
    }
    const nameIndex = staticNameIndex.get(name);
    writeInteger(parts, 0x00, 4, nameIndex ?? 0);
    if (nameIndex === undefined) writeString(parts, name);
    writeString(parts, value);
  }
  return Buffer.from(parts);
}

function writeInteger(out: number[], high: number, prefix: number, value: number): void {
  const max = (1 << prefix) - 1;
  if (value < max) {
    out.push(high | value);
    return;
  }
  out.push(high | max);
  let rest = value - max;
  while (rest >= 0x80) {
    out.push((rest & 0x7f) | 0x80);
    rest = Math.floor(rest / 128);
  }
  out.push(rest);
}

function writeString(out: number[], s: string): void {
  const bytes = Buffer.from(s, "latin1");
  writeInteger(out, 0x00, 7, bytes.length);
  for (const b of bytes) out.push(b);
}
