// Hash and crypto functions: md5 sha1 sha256 sha512 base64sha256 base64sha512, their file* variants,
// bcrypt (impure: a fresh salt each call), uuid (impure) and uuidv5 (RFC 4122 name-based, SHA-1).

import { createHash, randomUUID } from "node:crypto";
import { createRequire } from "node:module";
import { NumberType, StringType } from "../values/types.js";
import { stringVal, unknownVal } from "../values/value.js";
import type { FunctionSpec } from "./function.js";
import { callError, param, staticSpec } from "./helpers.js";
import { readFileBytes } from "./filesystem.js";
import { rsadecrypt } from "./rsa.js";

type Digest = "md5" | "sha1" | "sha256" | "sha512";

type Bcryptjs = typeof import("bcryptjs").default;
let bcryptjs: Bcryptjs | undefined;
/** Loaded on first use (its UMD build, synchronously): few configurations call bcrypt(), every run paid for it. */
function bcryptLibrary(): Bcryptjs {
  bcryptjs ??= createRequire(import.meta.url)("bcryptjs") as Bcryptjs;
  return bcryptjs;
}
type Output = "hex" | "base64";

function hash(algorithm: Digest, output: Output, data: Buffer | string): string {
  return createHash(algorithm).update(data).digest(output);
}

function stringHash(algorithm: Digest, output: Output): FunctionSpec {
  return staticSpec([param("str", StringType)], StringType, (a) => stringVal(hash(algorithm, output, Buffer.from(a[0]!.asString(), "utf8"))));
}

function fileHash(baseDir: string, algorithm: Digest, output: Output): FunctionSpec {
  return {
    params: [param("path", StringType, { allowMarked: true, allowUnknown: true })],
    returnType: () => StringType,
    impl: (args) => {
      const marks = args[0]!.marks;
      const p = args[0]!.unmark();
      if (!p.isKnown()) return unknownVal(StringType).withMarks(marks);
      return stringVal(hash(algorithm, output, readFileBytes(baseDir, p.asString(), marks, "call")));
    },
  };
}

const bcrypt: FunctionSpec = {
  params: [param("str", StringType)],
  varParam: param("cost", NumberType),
  impure: true,
  returnType: () => StringType,
  impl: (args) => {
    let cost = 10;
    if (args.length > 1) {
      const d = args[1]!.asNumber();
      if (!d.isInteger()) callError("value must be a whole number, between -9223372036854775808 and 9223372036854775807");
      cost = d.toNumber();
    }
    if (args.length > 2) callError("bcrypt() takes no more than two arguments");
    // Go's bcrypt silently raises a cost below the minimum to the default.
    if (cost < 4) cost = 10;
    if (cost > 31) callError(`error occured generating password crypto/bcrypt: cost ${cost} is outside allowed range (4,31)`);
    const input = args[0]!.asString();
    if (Buffer.byteLength(input, "utf8") > 72) callError("error occured generating password bcrypt: password length exceeds 72 bytes");
    // Go writes the $2a$ prefix; bcryptjs writes $2b$ for the same algorithm.
    return stringVal(bcryptLibrary().hashSync(input, cost).replace(/^\$2b\$/, "$2a$"));
  },
};

const uuid: FunctionSpec = { params: [], impure: true, returnType: () => StringType, impl: () => stringVal(randomUUID()) };

const namespaces: Record<string, string> = {
  dns: "6ba7b810-9dad-11d1-80b4-00c04fd430c8",
  url: "6ba7b811-9dad-11d1-80b4-00c04fd430c8",
  oid: "6ba7b812-9dad-11d1-80b4-00c04fd430c8",
  x500: "6ba7b814-9dad-11d1-80b4-00c04fd430c8",
};

/** google/uuid's Parse: 36-char form, urn:uuid: prefix, {braced}, or 32 hex digits. */
function parseUUID(s: string): Buffer {
  let t = s;
  switch (t.length) {
    case 36:
      break;
    case 45:
      if (!t.toLowerCase().startsWith("urn:uuid:")) throw new Error(`invalid urn prefix: ${JSON.stringify(t.slice(0, 9))}`);
      t = t.slice(9);
      break;
    case 38:
      t = t.slice(1, -1);
      break;
    case 32:
      if (!/^[0-9a-fA-F]{32}$/.test(t)) throw new Error("invalid UUID format");
      return Buffer.from(t, "hex");
    default:
      throw new Error(`invalid UUID length: ${s.length}`);
  }
  if (!/^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/.test(t)) throw new Error("invalid UUID format");
  return Buffer.from(t.replace(/-/g, ""), "hex");
}

function formatUUID(b: Buffer): string {
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

const uuidv5 = staticSpec([param("namespace", StringType), param("name", StringType)], StringType, (a) => {
  const nsText = a[0]!.asString();
  let ns: Buffer;
  try {
    ns = parseUUID(namespaces[nsText] ?? nsText);
  } catch (e) {
    return callError(`uuidv5() doesn't support namespace ${nsText} (${(e as Error).message})`);
  }
  const digest = createHash("sha1").update(ns).update(Buffer.from(a[1]!.asString(), "utf8")).digest().subarray(0, 16);
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  return stringVal(formatUUID(Buffer.from(digest)));
});

export function cryptoFunctions(baseDir: string): ReadonlyMap<string, FunctionSpec> {
  return new Map<string, FunctionSpec>([
    ["md5", stringHash("md5", "hex")],
    ["sha1", stringHash("sha1", "hex")],
    ["sha256", stringHash("sha256", "hex")],
    ["sha512", stringHash("sha512", "hex")],
    ["base64sha256", stringHash("sha256", "base64")],
    ["base64sha512", stringHash("sha512", "base64")],
    ["filemd5", fileHash(baseDir, "md5", "hex")],
    ["filesha1", fileHash(baseDir, "sha1", "hex")],
    ["filesha256", fileHash(baseDir, "sha256", "hex")],
    ["filesha512", fileHash(baseDir, "sha512", "hex")],
    ["filebase64sha256", fileHash(baseDir, "sha256", "base64")],
    ["filebase64sha512", fileHash(baseDir, "sha512", "base64")],
    ["bcrypt", bcrypt],
    ["uuid", uuid],
    ["uuidv5", uuidv5],
    ["rsadecrypt", rsadecrypt],
  ]);
}

