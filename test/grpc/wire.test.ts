// gRPC's message framing, shared by the plugin client and server and the etcd client: messages come out of a
// stream whole and in order however the stream is cut into chunks, and a unary body holds exactly one.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import fc from "fast-check";
import { FrameParser, encodeStatusMessage, frameMessage, grpcStatus, statusIn, unframeOne } from "../../grpc/wire.js";

describe("gRPC wire format", () => {
  it("messages survive any cutting of the stream into chunks", () => {
    fc.assert(
      fc.property(fc.array(fc.uint8Array({ maxLength: 300 }), { maxLength: 8 }), fc.array(fc.nat(400), { maxLength: 12 }), (messages, cuts) => {
        const stream = Buffer.concat(messages.map((m) => frameMessage(m)));
        const got: Buffer[] = [];
        const parser = new FrameParser("peer", 1024, (b) => got.push(Buffer.from(b)));
        const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
        let at = 0;
        for (const p of [...points, stream.length]) {
          assert.equal(parser.push(stream.subarray(at, p)), undefined);
          at = p;
        }
        assert.deepEqual(got.map((b) => [...b]), messages.map((m) => [...m]));
      }),
    );
  });

  const table: { name: string; data: Buffer; want: string | undefined }[] = [
    { name: "one message", data: frameMessage(Buffer.from("hi")), want: undefined },
    { name: "an empty message", data: frameMessage(Buffer.alloc(0)), want: undefined },
    { name: "no message at all", data: Buffer.alloc(0), want: "peer sent no message" },
    { name: "two messages", data: Buffer.concat([frameMessage(Buffer.from("a")), frameMessage(Buffer.from("b"))]), want: "peer did not send exactly one message" },
    { name: "a compressed message", data: Buffer.from([1, 0, 0, 0, 1, 7]), want: "peer sent a compressed message, which Cairn did not ask for" },
  ];
  for (const c of table) {
    it(`a unary body: ${c.name}`, () => {
      const r = unframeOne(c.data, "peer");
      assert.equal("problem" in r ? r.problem : undefined, c.want);
    });
  }

  it("refuses a message over the limit and a compressed one in a stream", () => {
    assert.match(new FrameParser("etcd", 4, () => undefined).push(frameMessage(Buffer.alloc(5))) ?? "", /larger than 4 bytes/);
    assert.match(new FrameParser("etcd", 4, () => undefined).push(Buffer.from([1, 0, 0, 0, 0])) ?? "", /compressed/);
  });

  it("status messages round-trip through their percent-encoding", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme" }), (m) => {
        const encoded = encodeStatusMessage(m);
        assert.match(encoded, /^[\x20-\x7e]*$/);
        assert.deepEqual(statusIn({ "grpc-status": String(grpcStatus.internal), "grpc-message": encoded }), { code: grpcStatus.internal, message: m });
      }),
    );
    assert.equal(statusIn({ ":status": 200 }), undefined);
  });
});
