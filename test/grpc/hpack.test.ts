// HPACK (RFC 7541): the Huffman code is the RFC's, the decoder reads the RFC's own examples and any sequence
// of blocks a peer indexing into its dynamic table (with evictions and size updates) may send, the encoder's
// blocks decode to what was encoded, and malformed blocks are refused. What a real peer (nghttp2) sends is
// decoded in http2-client.test.ts.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { EOS, huffmanCodes, huffmanDecode } from "../../grpc/hpack-huffman.js";
import { encodeHeaders, type HeaderList, HpackDecoder, HpackError } from "../../grpc/hpack.js";

/** Huffman-codes bytes (the test's own encoder: Cairn never sends Huffman). */
function huffmanEncode(bytes: Uint8Array): Buffer {
  const bits: number[] = [];
  for (const b of bytes) {
    const { length, code } = huffmanCodes[b]!;
    for (let i = length - 1; i >= 0; i--) bits.push(Math.floor(code / 2 ** i) & 1);
  }
  while (bits.length % 8 !== 0) bits.push(1);
  return Buffer.from(Array.from({ length: bits.length / 8 }, (_, i) => bits.slice(i * 8, i * 8 + 8).reduce((a, b) => (a << 1) | b, 0)));
}

/** An integer with an N-bit prefix (RFC 7541, 5.1). */
function integer(high: number, prefix: number, value: number): number[] {
  const max = (1 << prefix) - 1;
  if (value < max) return [high | value];
  const out = [high | max];
  let rest = value - max;
  while (rest >= 128) {
    out.push((rest % 128) | 0x80);
    rest = Math.floor(rest / 128);
  }
  return [...out, rest];
}

function str(s: string, huffman: boolean): number[] {
  const raw = Buffer.from(s, "latin1");
  const bytes = huffman ? huffmanEncode(raw) : raw;
  return [...integer(huffman ? 0x80 : 0, 7, bytes.length), ...bytes];
}

describe("HPACK", () => {
  it("the Huffman code is RFC 7541's (Appendix B) and a complete prefix code", () => {
    const cases: [symbol: number, code: number, length: number][] = [
      [0, 0x1ff8, 13], [1, 0x7fffd8, 23], [10, 0x3ffffffc, 30], [32, 0x14, 6], [48, 0x0, 5], [97, 0x3, 5], [92, 0x7fff0, 19],
      [127, 0xffffffc, 28], [128, 0xfffe6, 20], [203, 0x7ffffde, 27], [255, 0x3ffffee, 26], [EOS, 0x3fffffff, 30],
    ];
    for (const [symbol, code, length] of cases) assert.deepEqual(huffmanCodes[symbol], { code, length }, `symbol ${symbol}`);
    assert.equal(huffmanCodes.length, 257);
    assert.equal(huffmanCodes.reduce((sum, c) => sum + 2 ** -c.length, 0), 1);
  });

  const huffmanExamples: [text: string, hex: string][] = [
    ["www.example.com", "f1e3c2e5f23a6ba0ab90f4ff"],
    ["no-cache", "a8eb10649cbf"],
    ["custom-key", "25a849e95ba97d7f"],
    ["custom-value", "25a849e95bb8e8b4bf"],
  ];
  for (const [text, hex] of huffmanExamples) {
    it(`decodes the RFC's Huffman example "${text}"`, () => {
      assert.equal(huffmanDecode(Buffer.from(hex, "hex"))?.toString("latin1"), text);
      assert.equal(huffmanEncode(Buffer.from(text, "latin1")).toString("hex"), hex);
    });
  }

  it("any bytes survive Huffman coding", () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => assert.deepEqual(huffmanDecode(huffmanEncode(bytes)), Buffer.from(bytes))));
  });

  const badHuffman: [name: string, bytes: number[]][] = [
    ["padding that is not all ones", [0x00]],
    ["padding longer than 7 bits", [0x1f, 0xff]],
    ["EOS inside the string", [0xff, 0xff, 0xff, 0xff]],
  ];
  for (const [name, bytes] of badHuffman) it(`refuses Huffman with ${name}`, () => assert.equal(huffmanDecode(Buffer.from(bytes)), undefined));

  it("decodes the RFC's request examples with Huffman, in order (Appendix C.4)", () => {
    const decoder = new HpackDecoder();
    const blocks: [hex: string, headers: HeaderList][] = [
      ["828684418cf1e3c2e5f23a6ba0ab90f4ff", [[":method", "GET"], [":scheme", "http"], [":path", "/"], [":authority", "www.example.com"]]],
      ["828684be5886a8eb10649cbf", [[":method", "GET"], [":scheme", "http"], [":path", "/"], [":authority", "www.example.com"], ["cache-control", "no-cache"]]],
      ["828785bf408825a849e95ba97d7f8925a849e95bb8e8b4bf", [[":method", "GET"], [":scheme", "https"], [":path", "/index.html"], [":authority", "www.example.com"], ["custom-key", "custom-value"]]],
    ];
    for (const [hex, headers] of blocks) assert.deepEqual(decoder.decode(Buffer.from(hex, "hex")), headers);
  });

  it("the encoder's blocks decode to what was encoded", () => {
    const name = fc.stringMatching(/^[a-z0-9-]{1,200}$/);
    const value = fc.string({ unit: fc.integer({ min: 0, max: 255 }).map((c) => String.fromCharCode(c)), maxLength: 300 });
    const known = fc.constantFrom<[string, string]>([":method", "POST"], [":scheme", "http"], [":path", "/x.Y/Z"], ["content-type", "application/grpc"], ["te", "trailers"], [":status", "200"]);
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.tuple(name, value), known), { maxLength: 12 }), (headers) => {
        assert.deepEqual(new HpackDecoder().decode(encodeHeaders(headers)), headers);
      }),
    );
  });

  it("decodes a block given as a view of a larger Uint8Array, as from a Buffer", () => {
    const block = encodeHeaders([[":status", "200"], ["grpc-message", "caf\u00e9 100%"], ["x-b", ""]]);
    const bytes = new Uint8Array(block.length + 7);
    bytes.set(block, 4);
    assert.deepEqual(new HpackDecoder().decode(bytes.subarray(4, 4 + block.length)), new HpackDecoder().decode(block));
    assert.deepEqual(new HpackDecoder().decode(block), [[":status", "200"], ["grpc-message", "caf\u00e9 100%"], ["x-b", ""]]);
  });

  it("follows a peer's dynamic table through insertions, evictions and size updates", () => {
    // The peer's side, modelled simply: its table (newest first), sized as RFC 7541 4.1 says.
    const header = fc.tuple(fc.constantFrom("a", "grpc-status", "x-long-name-for-metadata", "content-type"), fc.string({ maxLength: 120 }).map((s) => Buffer.from(s, "utf8").toString("latin1")));
    const step = fc.oneof(
      fc.record({ kind: fc.constant("insert" as const), header, huffman: fc.boolean() }),
      fc.record({ kind: fc.constant("refer" as const), pick: fc.nat() }),
      fc.record({ kind: fc.constant("resize" as const), size: fc.integer({ min: 0, max: 4096 }) }),
    );
    fc.assert(
      fc.property(fc.array(fc.array(step, { maxLength: 10 }), { maxLength: 10 }), (blocks) => {
        const decoder = new HpackDecoder();
        let table: [string, string][] = [];
        let max = 4096;
        const size = (): number => table.reduce((s, [n, v]) => s + n.length + v.length + 32, 0);
        const evictTo = (limit: number): void => {
          while (table.length > 0 && size() > limit) table.pop();
        };
        for (const steps of blocks) {
          const bytes: number[] = [];
          const expected: HeaderList = [];
          let started = false;
          for (const s of steps) {
            if (s.kind === "resize") {
              if (started) continue;
              max = s.size;
              evictTo(max);
              bytes.push(...integer(0x20, 5, max));
            } else if (s.kind === "insert") {
              const [n, v] = s.header;
              bytes.push(0x40, ...str(n, s.huffman), ...str(v, s.huffman));
              expected.push([n, v]);
              const entry = n.length + v.length + 32;
              evictTo(max - entry);
              if (entry <= max) table.unshift([n, v]);
              else table = [];
              started = true;
            } else if (table.length > 0) {
              const i = s.pick % table.length;
              bytes.push(...integer(0x80, 7, 62 + i));
              expected.push(table[i]!);
              started = true;
            }
          }
          assert.deepEqual(decoder.decode(Buffer.from(bytes)), expected);
        }
      }),
    );
  });

  const malformed: [name: string, bytes: number[]][] = [
    ["index 0", [0x80]],
    ["an index past both tables", [0x80 | 62]],
    ["a truncated integer", [0xff, 0x80]],
    ["a truncated string", [0x00, 0x05, 0x61]],
    ["a size update over the limit", integer(0x20, 5, 4097)],
    ["a size update after a header", [0x82, 0x20]],
    ["an invalid Huffman string", [0x00, 0x81, 0x00, 0x00]],
    ["an integer past 2^31", [0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]],
  ];
  for (const [name, bytes] of malformed) {
    it(`refuses ${name}`, () => assert.throws(() => new HpackDecoder().decode(Buffer.from(bytes)), HpackError));
  }
});
