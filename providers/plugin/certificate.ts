// The throw-away certificates of go-plugin's automatic mutual TLS. Each side makes a self-signed ECDSA
// P-256 certificate for "localhost" valid as a CA, a server and a client: the client passes its own in
// PLUGIN_CLIENT_CERT, the server prints its own (base64 DER) in the handshake line, and each trusts exactly
// the other's. Node can verify certificates but not make them, so the DER is written here; the structure
// is RFC 5280's, the smallest one Go's crypto/x509 and OpenSSL both accept.

import { createPrivateKey, generateKeyPairSync, randomBytes, sign, type KeyObject } from "node:crypto";

export interface PluginCertificate {
  /** The certificate, DER. */
  readonly der: Buffer;
  readonly certPem: string;
  readonly keyPem: string;
  readonly key: KeyObject;
}

export function makePluginCertificate(now: Date = new Date()): PluginCertificate {
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  const spki = publicKey.export({ type: "spki", format: "der" });
  const serial = randomBytes(16);
  serial[0] = serial[0]! & 0x7f; // positive
  const name = seq(set(seq(oid("2.5.4.10"), utf8("Cairn"))), set(seq(oid("2.5.4.3"), utf8("localhost"))));
  // Valid from a little before now (clocks of the two processes agree, but not to the second).
  const notBefore = new Date(now.getTime() - 60_000);
  const notAfter = new Date(now.getTime() + 30 * 24 * 3600_000);
  const ecdsaWithSha256 = seq(oid("1.2.840.10045.4.3.2"));
  const extensions = explicit(
    3,
    seq(
      seq(oid("2.5.29.19"), bool(true), octets(seq(bool(true)))), // basicConstraints: CA
      seq(oid("2.5.29.15"), bool(true), octets(tlv(0x03, Buffer.from([0x02, 0xa4])))), // keyUsage: digitalSignature, keyEncipherment, keyCertSign
      seq(oid("2.5.29.37"), octets(seq(oid("1.3.6.1.5.5.7.3.1"), oid("1.3.6.1.5.5.7.3.2")))), // extKeyUsage: serverAuth, clientAuth
      seq(oid("2.5.29.17"), octets(seq(tlv(0x82, Buffer.from("localhost")), tlv(0x87, Buffer.from([127, 0, 0, 1]))))), // subjectAltName
    ),
  );
  const tbs = seq(explicit(0, integer(Buffer.from([2]))), integer(serial), ecdsaWithSha256, name, seq(utcTime(notBefore), utcTime(notAfter)), name, spki, extensions);
  const signature = sign("sha256", tbs, privateKey);
  const der = seq(tbs, ecdsaWithSha256, tlv(0x03, Buffer.concat([Buffer.from([0]), signature])));
  return { der, certPem: derToPem(der), keyPem: privateKey.export({ type: "pkcs8", format: "pem" }).toString(), key: createPrivateKey(privateKey.export({ type: "pkcs8", format: "pem" })) };
}

export function derToPem(der: Buffer): string {
  const b64 = der.toString("base64").replace(/.{1,64}/g, "$&\n");
  return `-----BEGIN CERTIFICATE-----\n${b64}-----END CERTIFICATE-----\n`;
}

function tlv(tag: number, body: Buffer): Buffer {
  const n = body.length;
  const len = n < 0x80 ? Buffer.from([n]) : n < 0x100 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 0xff]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
}
const seq = (...items: Buffer[]): Buffer => tlv(0x30, Buffer.concat(items));
const set = (...items: Buffer[]): Buffer => tlv(0x31, Buffer.concat(items));
const octets = (b: Buffer): Buffer => tlv(0x04, b);
const utf8 = (s: string): Buffer => tlv(0x0c, Buffer.from(s, "utf8"));
const bool = (b: boolean): Buffer => tlv(0x01, Buffer.from([b ? 0xff : 0]));
const explicit = (n: number, b: Buffer): Buffer => tlv(0xa0 + n, b);

function integer(b: Buffer): Buffer {
  let i = 0;
  while (i < b.length - 1 && b[i] === 0 && (b[i + 1]! & 0x80) === 0) i++;
  const body = b.subarray(i);
  return tlv(0x02, (body[0]! & 0x80) !== 0 ? Buffer.concat([Buffer.from([0]), body]) : body);
}

function oid(dotted: string): Buffer {
  const parts = dotted.split(".").map(Number);
  const bytes = [40 * parts[0]! + parts[1]!];
  for (const p of parts.slice(2)) {
    const chunk = [p & 0x7f];
    for (let v = p >>> 7; v > 0; v >>>= 7) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

function utcTime(d: Date): Buffer {
  const two = (n: number): string => String(n).padStart(2, "0");
  const s = `${two(d.getUTCFullYear() % 100)}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`;
  return tlv(0x17, Buffer.from(s, "ascii"));
}
