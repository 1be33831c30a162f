// Cairn's HTTP/2 server (grpc/http2-server.ts) against three real clients on a Unix socket: grpc-js's, Cairn's
// own (grpc/http2-client.ts) and node:http2's (nghttp2). The same table of calls goes through each: small
// and large messages (over the 64 KiB default windows, both ways, so that flow control holds the response
// until the client's WINDOW_UPDATE), many streams at once, request headers long enough to need
// CONTINUATION, a request over the limit, an unknown method, and a call the client resets in flight. Beside
// the table: PING, request headers with padding and priority fields (from a raw socket), a connection that
// does not begin with HTTP/2's preface, and GOAWAY on close.

import * as grpc from "@grpc/grpc-js";
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { connect as http2Connect } from "node:http2";
import { connect as netConnect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { encodeHeaders, HpackDecoder } from "../../grpc/hpack.js";
import { connectHttp2 } from "../../grpc/http2-client.js";
import { CONNECTION_PREFACE, frame, frameFlag, frameType, settingsFrame } from "../../grpc/http2-frames.js";
import { type BodySink, type HeaderList, Http2Server, type Responder } from "../../grpc/http2-server.js";
import { encodeStatusMessage, FRAME_HEADER_BYTES, frameMessage, unframeOne } from "../../grpc/wire.js";

const LIMIT = 4 << 20;

interface Result {
  readonly status: number;
  readonly details: string;
  readonly body?: Buffer;
}

/** One client's way of making a call; `cancelAfterMs` resets it in flight. */
interface Client {
  call(path: string, body: Buffer, metadata?: [string, string][], cancelAfterMs?: number): Promise<Result>;
  close(): void;
}

/** Calls the server holds until they are reset, to see that a reset call's answer goes nowhere. */
const held: Responder[] = [];

function status(responder: Responder, code: number, details: string): void {
  responder.respond(encodeHeaders([[":status", "200"], ["content-type", "application/grpc"], ["grpc-status", String(code)], ["grpc-message", encodeStatusMessage(details)]]));
}

/** /t/Echo answers its request; /t/Big answers as many bytes as the request's first 4 say; /t/Hold waits. */
function handler(headers: HeaderList, responder: Responder): BodySink | undefined {
  const path = headers.find(([n]) => n === ":path")?.[1];
  const metadata = headers.find(([n]) => n === "x-long")?.[1];
  if (path !== "/t/Echo" && path !== "/t/Big" && path !== "/t/Hold") {
    status(responder, grpc.status.UNIMPLEMENTED, `no method ${String(path)}`);
    return undefined;
  }
  return {
    maxBytes: LIMIT + FRAME_HEADER_BYTES,
    tooLarge: () => status(responder, grpc.status.RESOURCE_EXHAUSTED, "too large"),
    complete: (data) => {
      const one = unframeOne(data, "the client");
      if ("problem" in one) return status(responder, one.code, one.problem);
      if (path === "/t/Hold") {
        held.push(responder);
        return;
      }
      const body = path === "/t/Big" ? Buffer.alloc(one.body.readUInt32BE(0), 7) : metadata !== undefined ? Buffer.from(`${metadata.length}`) : one.body;
      // Answered in a later turn, as a provider's work is.
      setImmediate(() => responder.respond(encodeHeaders([[":status", "200"], ["content-type", "application/grpc"]]), frameMessage(body), encodeHeaders([["grpc-status", "0"]])));
    },
  };
}

function grpcJsClient(socket: string): Client {
  const client = new grpc.Client(`unix:${socket}`, grpc.credentials.createInsecure(), { "grpc.max_receive_message_length": -1 });
  return {
    call: (path, body, metadata = [], cancelAfterMs) =>
      new Promise((resolve) => {
        const md = new grpc.Metadata();
        for (const [k, v] of metadata) md.set(k, v);
        const c = client.makeUnaryRequest(path, (b: Buffer) => b, (b: Buffer) => b, body, md, (err, value) =>
          resolve(err ? { status: err.code, details: err.details } : { status: 0, details: "", ...(value ? { body: value } : {}) }),
        );
        if (cancelAfterMs !== undefined) setTimeout(() => c.cancel(), cancelAfterMs);
      }),
    close: () => client.close(),
  };
}

function statusOf(blocks: HeaderList[]): { status: number; details: string } {
  const last = blocks[blocks.length - 1] ?? [];
  const s = last.find(([n]) => n === "grpc-status")?.[1];
  return { status: s === undefined ? -1 : Number(s), details: decodeURIComponent(last.find(([n]) => n === "grpc-message")?.[1] ?? "") };
}

function cairnClient(socket: string): Client {
  const connection = connectHttp2({ path: socket });
  return {
    call: (path, body, metadata = [], cancelAfterMs) =>
      new Promise((resolve) => {
        const blocks: HeaderList[] = [];
        const chunks: Buffer[] = [];
        const block = encodeHeaders([[":method", "POST"], [":scheme", "http"], [":path", path], [":authority", "localhost"], ["content-type", "application/grpc"], ["te", "trailers"], ...metadata]);
        const stream = connection.request(block, frameMessage(body), {
          headers: (h) => blocks.push(h),
          data: (c) => chunks.push(Buffer.from(c)),
          closed: (problem) => {
            if (problem !== undefined) return resolve({ status: grpc.status.UNAVAILABLE, details: problem.message });
            const r = statusOf(blocks);
            const one = chunks.length > 0 ? unframeOne(Buffer.concat(chunks), "the server") : undefined;
            resolve({ ...r, ...(one !== undefined && "body" in one ? { body: one.body } : {}) });
          },
        });
        if (cancelAfterMs !== undefined)
          setTimeout(() => {
            stream.cancel();
            resolve({ status: grpc.status.CANCELLED, details: "cancelled" });
          }, cancelAfterMs);
      }),
    close: () => connection.close(),
  };
}

function nodeClient(socket: string): Client {
  const session = http2Connect("http://localhost", { createConnection: () => netConnect(socket) });
  session.on("error", () => undefined);
  return {
    call: (path, body, metadata = [], cancelAfterMs) =>
      new Promise((resolve) => {
        const req = session.request({ ":method": "POST", ":path": path, "content-type": "application/grpc", te: "trailers", ...Object.fromEntries(metadata) });
        const blocks: HeaderList[] = [];
        const chunks: Buffer[] = [];
        const toList = (h: Record<string, unknown>): HeaderList => Object.entries(h).map(([k, v]) => [k, String(v)]);
        req.on("response", (h) => blocks.push(toList(h)));
        req.on("trailers", (h) => blocks.push(toList(h)));
        req.on("data", (c: Buffer) => chunks.push(c));
        req.on("error", () => undefined);
        req.on("close", () => {
          if (req.rstCode === 8) return resolve({ status: grpc.status.CANCELLED, details: "cancelled" });
          const r = statusOf(blocks);
          const one = chunks.length > 0 ? unframeOne(Buffer.concat(chunks), "the server") : undefined;
          resolve({ ...r, ...(one !== undefined && "body" in one ? { body: one.body } : {}) });
        });
        req.end(frameMessage(body));
        if (cancelAfterMs !== undefined) setTimeout(() => req.close(8), cancelAfterMs);
      }),
    close: () => session.close(),
  };
}

function bigRequest(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n, 0);
  return b;
}

const clients: { name: string; make: (socket: string) => Client }[] = [
  { name: "grpc-js", make: grpcJsClient },
  { name: "Cairn's client", make: cairnClient },
  { name: "node:http2", make: nodeClient },
];

const cases: { name: string; run: (c: Client) => Promise<void> }[] = [
  {
    name: "a small message each way",
    run: async (c) => {
      const r = await c.call("/t/Echo", Buffer.from("hello"));
      assert.deepEqual([r.status, r.body?.toString()], [0, "hello"]);
    },
  },
  {
    name: "messages of 3 MiB each way (past the default windows)",
    run: async (c) => {
      const body = Buffer.alloc(3 << 20);
      for (let i = 0; i < body.length; i += 4096) body[i] = i & 0xff;
      const r = await c.call("/t/Echo", body);
      assert.equal(r.status, 0, r.details);
      assert.ok(r.body?.equals(body), "the echo is the request");
      const big = await c.call("/t/Big", bigRequest(1_000_000));
      assert.deepEqual([big.status, big.body?.length], [0, 1_000_000]);
    },
  },
  {
    name: "300 calls at once, some large",
    run: async (c) => {
      const results = await Promise.all(Array.from({ length: 300 }, (_, i) => c.call("/t/Echo", Buffer.alloc(i % 10 === 0 ? 100_000 : 10, i))));
      results.forEach((r, i) => assert.deepEqual([r.status, r.body?.length, r.body?.[0]], [0, i % 10 === 0 ? 100_000 : 10, i & 0xff]));
    },
  },
  {
    name: "request headers of 40 KB (HEADERS and CONTINUATION)",
    run: async (c) => {
      const r = await c.call("/t/Echo", Buffer.from("x"), [["x-long", "v".repeat(40_000)]]);
      assert.deepEqual([r.status, r.body?.toString()], [0, "40000"]);
    },
  },
  {
    name: "a request over the limit is RESOURCE_EXHAUSTED, and the connection goes on",
    run: async (c) => {
      const r = await c.call("/t/Echo", Buffer.alloc(LIMIT + 1));
      assert.deepEqual([r.status, r.details], [grpc.status.RESOURCE_EXHAUSTED, "too large"]);
      const after = await c.call("/t/Echo", Buffer.from("still"));
      assert.deepEqual([after.status, after.body?.toString()], [0, "still"]);
    },
  },
  {
    name: "an unknown method is UNIMPLEMENTED",
    run: async (c) => {
      const r = await c.call("/t/Nothing", Buffer.from("x"));
      assert.deepEqual([r.status, r.details], [grpc.status.UNIMPLEMENTED, "no method /t/Nothing"]);
    },
  },
  {
    name: "a call reset in flight is forgotten; its late answer goes nowhere",
    run: async (c) => {
      const before = held.length;
      const r = await c.call("/t/Hold", Buffer.from("x"), [], 100);
      assert.equal(r.status, grpc.status.CANCELLED);
      assert.equal(held.length, before + 1);
      await new Promise((resolve) => setTimeout(resolve, 50));
      held[before]!.respond(encodeHeaders([[":status", "200"]]), Buffer.from("late"), encodeHeaders([["grpc-status", "0"]]));
      const after = await c.call("/t/Echo", Buffer.from("next"));
      assert.deepEqual([after.status, after.body?.toString()], [0, "next"]);
    },
  },
];

/** The frames a raw socket receives, by type, until it closes. */
function rawFrames(socket: string, send: Buffer): Promise<number[]> {
  return new Promise((resolve) => {
    const s = netConnect(socket);
    const chunks: Buffer[] = [];
    s.on("data", (c: Buffer) => chunks.push(c));
    s.on("error", () => undefined);
    s.on("close", () => {
      const all = Buffer.concat(chunks);
      const types: number[] = [];
      for (let at = 0; at + 9 <= all.length; at += 9 + all.readUIntBE(at, 3)) types.push(all[at + 3]!);
      resolve(types);
    });
    s.write(send);
  });
}

/** A frame with `payload` after its header. */
function rawFrame(type: number, flags: number, streamId: number, payload: Buffer): Buffer {
  const b = frame(type, flags, streamId, payload.length);
  payload.copy(b, 9);
  return b;
}

/** Sends `send` on a raw socket; the response headers, data and trailers of stream 1, once its trailers come. */
function rawCall(socket: string, send: Buffer): Promise<{ headers: HeaderList[]; data: Buffer }> {
  return new Promise((resolve, reject) => {
    const s = netConnect(socket);
    const decoder = new HpackDecoder();
    const headers: HeaderList[] = [];
    const data: Buffer[] = [];
    let buf = Buffer.alloc(0);
    s.on("data", (c: Buffer) => {
      buf = Buffer.concat([buf, c]);
      while (buf.length >= 9 && buf.length >= 9 + buf.readUIntBE(0, 3)) {
        const length = buf.readUIntBE(0, 3);
        const [type, flags, stream] = [buf[3]!, buf[4]!, buf.readUInt32BE(5)];
        const payload = buf.subarray(9, 9 + length);
        buf = buf.subarray(9 + length);
        if (stream !== 1) continue;
        if (type === frameType.data) data.push(payload);
        if (type !== frameType.headers) continue;
        headers.push(decoder.decode(payload));
        if (flags & frameFlag.endStream) {
          s.destroy();
          resolve({ headers, data: Buffer.concat(data) });
        }
      }
    });
    s.on("error", reject);
    s.on("close", () => reject(new Error("the connection closed before the trailers")));
    s.write(send);
  });
}

describe("HTTP/2 server against real clients", () => {
  let dir: string;
  let server: Http2Server;
  let socket: string;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "cairn-h2-server-"));
    socket = join(dir, "s.sock");
    server = new Http2Server(handler);
    const bound = await server.listen({ path: socket });
    assert.ok(!(bound instanceof Error), String(bound));
  });
  after(() => {
    server.close(0);
    rmSync(dir, { recursive: true, force: true });
  });

  for (const client of clients) {
    for (const c of cases) {
      it(`${client.name}: ${c.name}`, async () => {
        const conn = client.make(socket);
        try {
          await c.run(conn);
        } finally {
          conn.close();
        }
      });
    }
  }

  it("answers a PING", async () => {
    const session = http2Connect("http://localhost", { createConnection: () => netConnect(socket) });
    await new Promise((resolve) => session.once("connect", resolve));
    const acked = await new Promise<string>((resolve) => session.ping(Buffer.from("cairn-h2"), (err, _ms, payload) => resolve(err ? err.message : payload.toString())));
    session.close();
    assert.equal(acked, "cairn-h2");
  });

  it("reads request headers with padding and priority fields (RFC 9113, 6.2)", async () => {
    const block = encodeHeaders([[":method", "POST"], [":scheme", "http"], [":path", "/t/Echo"], [":authority", "x"], ["content-type", "application/grpc"]]);
    // Pad length 3, then the exclusive bit, stream dependency and weight, the block, and 3 octets of padding.
    const payload = Buffer.concat([Buffer.from([3, 0, 0, 0, 0, 15]), block, Buffer.alloc(3)]);
    const flags = frameFlag.endHeaders | frameFlag.padded | frameFlag.priority;
    const message = frameMessage(Buffer.from("padded"));
    const got = await rawCall(
      socket,
      Buffer.concat([CONNECTION_PREFACE, settingsFrame([]), rawFrame(frameType.headers, flags, 1, payload), rawFrame(frameType.data, frameFlag.endStream, 1, message)]),
    );
    assert.deepEqual(got.headers.map((h) => h.find(([n]) => n === ":status" || n === "grpc-status")), [[":status", "200"], ["grpc-status", "0"]]);
    assert.deepEqual(got.data, message);
  });

  it("ends a connection that does not begin with the preface, with GOAWAY", async () => {
    const types = await rawFrames(socket, Buffer.from("GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
    assert.deepEqual([types[0], types[types.length - 1]], [frameType.settings, frameType.goaway]);
  });

  it("says GOAWAY when it closes, after the calls in flight are answered", async () => {
    const path = join(dir, "closing.sock");
    const closing = new Http2Server(handler);
    assert.ok(!((await closing.listen({ path })) instanceof Error));
    const session = http2Connect("http://localhost", { createConnection: () => netConnect(path) });
    const goaway = new Promise<number>((resolve) => session.on("goaway", (code) => resolve(code)));
    const c = nodeClient(path);
    const first = await c.call("/t/Echo", Buffer.from("a"));
    // node's session connects on its first request; one call makes it a connection the server knows.
    const req = session.request({ ":method": "POST", ":path": "/t/Echo", "content-type": "application/grpc" });
    req.on("error", () => undefined);
    req.end(frameMessage(Buffer.from("b")));
    await new Promise((resolve) => req.on("response", resolve));
    closing.close(1000);
    assert.deepEqual([first.status, await goaway], [0, 0]);
    c.close();
    session.destroy();
  });
});
