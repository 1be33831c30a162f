// CIDR functions for IPv4 and IPv6 (go-cidr's arithmetic as Terraform uses it): cidrhost, cidrnetmask,
// cidrsubnet, cidrsubnets. Addresses are BigInts so IPv6 needs no special cases.

import { NumberType, StringType, listOf } from "../values/types.js";
import { stringVal, type Value } from "../values/value.js";
import type { FunctionSpec } from "./function.js";
import { argError, callError, param, staticSpec, stringList } from "./helpers.js";

interface Network {
  readonly ip: bigint;
  readonly bits: 32 | 128;
  readonly prefix: number;
}

class CIDRError extends Error {}

function parseIPv4(s: string): bigint | undefined {
  const parts = s.split(".");
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    // Terraform's ipaddr keeps the pre-Go-1.17 rule: leading zeros allowed, read as decimal.
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseIPv6(s: string): bigint | undefined {
  let text = s;
  let tail: bigint[] = [];
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = parseIPv4(v4[2]!);
    if (n === undefined) return undefined;
    tail = [n >> 16n, n & 0xffffn];
    text = v4[1]!.endsWith("::") ? v4[1]! : v4[1]!.slice(0, -1);
  }
  const halves = text.split("::");
  if (halves.length > 2) return undefined;
  const parse = (h: string): bigint[] | undefined => {
    if (h === "") return [];
    const groups = h.split(":");
    const out: bigint[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(BigInt(parseInt(g, 16)));
    }
    return out;
  };
  const head = parse(halves[0]!);
  const rest = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !rest) return undefined;
  const known = head.length + rest.length + tail.length;
  let groups: bigint[];
  if (halves.length === 2) {
    if (known > 7) return undefined;
    groups = [...head, ...Array<bigint>(8 - known).fill(0n), ...rest, ...tail];
  } else {
    if (known !== 8) return undefined;
    groups = [...head, ...tail];
  }
  return groups.reduce((acc, g) => (acc << 16n) | g, 0n);
}

function parseCIDR(s: string): Network {
  const slash = s.indexOf("/");
  const addr = slash < 0 ? "" : s.slice(0, slash);
  const pfx = slash < 0 ? "" : s.slice(slash + 1);
  const isV6 = addr.includes(":");
  const ip = isV6 ? parseIPv6(addr) : parseIPv4(addr);
  const bits = isV6 ? 128 : 32;
  if (ip === undefined || !/^\d{1,3}$/.test(pfx) || Number(pfx) > bits) {
    throw new CIDRError(`invalid CIDR address: ${s}`);
  }
  const prefix = Number(pfx);
  return { ip: ip & maskOf(bits, prefix), bits, prefix };
}

function maskOf(bits: number, prefix: number): bigint {
  const all = (1n << BigInt(bits)) - 1n;
  return all ^ ((1n << BigInt(bits - prefix)) - 1n);
}

function formatIP(ip: bigint, bits: number): string {
  if (bits === 32) return [24n, 16n, 8n, 0n].map((s) => String((ip >> s) & 0xffn)).join(".");
  const groups: number[] = [];
  for (let i = 7; i >= 0; i--) groups.push(Number((ip >> BigInt(i * 16)) & 0xffffn));
  // RFC 5952 (as Go prints): the longest run of two or more zero groups becomes "::".
  let bestStart = -1;
  let bestLen = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLen) {
      bestStart = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLen).join(":")}`;
}

function formatNet(n: Network): string {
  return `${formatIP(n.ip, n.bits)}/${n.prefix}`;
}

function parseOrFail(s: string, argIndex: number | undefined): Network {
  try {
    return parseCIDR(s);
  } catch (e) {
    const msg = `invalid CIDR expression: ${(e as Error).message}`;
    return argIndex === undefined ? callError(msg) : argError(argIndex, msg);
  }
}

function bigIntegerArg(v: Value): bigint {
  const d = v.asNumber();
  if (!d.isFinite() || !d.isInteger()) callError("value must be a whole number");
  return d.truncToBigInt();
}

const cidrhost = staticSpec([param("prefix", StringType), param("hostnum", NumberType)], StringType, (args) => {
  let host = bigIntegerArg(args[1]!);
  const net = parseOrFail(args[0]!.asString(), undefined);
  const hostBits = net.bits - net.prefix;
  const size = 1n << BigInt(hostBits);
  const requested = host;
  if (host < 0n) host += size;
  if (host < 0n || host >= size) callError(`prefix of ${net.prefix} does not accommodate a host numbered ${requested}`);
  return stringVal(formatIP(net.ip | host, net.bits));
});

const cidrnetmask = staticSpec([param("prefix", StringType)], StringType, (args) => {
  const net = parseOrFail(args[0]!.asString(), undefined);
  if (net.bits !== 32) callError(`IPv6 addresses cannot have a netmask: ${args[0]!.asString()}`);
  return stringVal(formatIP(maskOf(32, net.prefix), 32));
});

const cidrsubnet = staticSpec(
  [param("prefix", StringType), param("newbits", NumberType), param("netnum", NumberType)],
  StringType,
  (args) => {
    const newbitsD = args[1]!.asNumber();
    if (!newbitsD.isInteger()) callError("value must be a whole number, between -9223372036854775808 and 9223372036854775807");
    const newbits = newbitsD.toNumber();
    const num = bigIntegerArg(args[2]!);
    const net = parseOrFail(args[0]!.asString(), undefined);
    const newPrefix = net.prefix + newbits;
    if (newPrefix > net.bits) callError(`insufficient address space to extend prefix of ${net.prefix} by ${newbits}`);
    if (num < 0n || num >= 1n << BigInt(newbits)) {
      callError(`prefix extension of ${newbits} does not accommodate a subnet numbered ${num}`);
    }
    const ip = net.ip | (num << BigInt(net.bits - newPrefix));
    return stringVal(formatNet({ ip, bits: net.bits, prefix: newPrefix }));
  },
);

const cidrsubnets: FunctionSpec = {
  params: [param("prefix", StringType)],
  varParam: param("newbits", NumberType),
  returnType: () => listOf(StringType),
  impl: (args) => {
    const net = parseOrFail(args[0]!.asString(), 0);
    const lengths = args.slice(1);
    if (lengths.length === 0) return stringList([]);
    const top = 1n << BigInt(net.bits);
    const out: string[] = [];
    // `current` starts as the subnet just before the network, so the first "next" is its first subnet.
    const firstLen = net.prefix + lengths[0]!.asNumber().toNumber();
    let current: Network = {
      ip: (net.ip - 1n + top) % top & maskOf(net.bits, Math.min(firstLen, net.bits)),
      bits: net.bits,
      prefix: Math.min(firstLen, net.bits),
    };
    lengths.forEach((lv, i) => {
      const d = lv.asNumber();
      if (!d.isInteger()) argError(i + 1, "value must be a whole number, between -9223372036854775808 and 9223372036854775807");
      let length = d.toNumber();
      if (length < 1) argError(i + 1, "must extend prefix by at least one bit");
      if (length > 32) argError(i + 1, "may not extend prefix by more than 32 bits");
      length += net.prefix;
      if (length > net.bits) {
        argError(i + 1, `would extend prefix to ${length} bits, which is too long for an ${net.bits === 32 ? "IPv4" : "IPv6"} address`);
      }
      const mask = maskOf(net.bits, length);
      const currentLast = current.ip | ((1n << BigInt(net.bits - current.prefix)) - 1n);
      const sameSize = currentLast & mask;
      const lastOfThat = sameSize | ((1n << BigInt(net.bits - length)) - 1n);
      const nextIP = (lastOfThat + 1n) % top;
      const rollover = nextIP === 0n;
      const next: Network = { ip: nextIP & mask, bits: net.bits, prefix: length };
      const contained = (next.ip & maskOf(net.bits, net.prefix)) === net.ip;
      if (rollover || !contained) {
        argError(i + 1, `not enough remaining address space for a subnet with a prefix of ${length} bits after ${formatNet(current)}`);
      }
      current = next;
      out.push(formatNet(current));
    });
    return stringList(out);
  },
};

export const networkFunctions: ReadonlyMap<string, FunctionSpec> = new Map<string, FunctionSpec>([
  ["cidrhost", cidrhost],
  ["cidrnetmask", cidrnetmask],
  ["cidrsubnet", cidrsubnet],
  ["cidrsubnets", cidrsubnets],
]);
