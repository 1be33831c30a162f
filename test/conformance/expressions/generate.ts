// The expressions corpus: deterministic (a fixed-seed generator), covering every function and operator.
// Three layers: curated edge cases (the classes issue 15 found), every function applied to values of every
// type drawn from shared pools, and every operator over pairs of pool values. `npm run conformance` asks
// `terraform console` about each expression; the answers are cached in answers.json.

/** A small deterministic PRNG (mulberry32), so the corpus is the same on every machine. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const numbers = ["0", "1", "-1", "2.5", "-2.5", "0.1", "1/3", "1e20", "-0", "10", "3", "7", "255", "1e-5", "123456789012345678901234567890", "0.1 * 3", "pow(2, 64)"];
const strings = [`""`, `"hello"`, `"Hello World"`, `"a,b,c"`, `" x "`, `"ÄÖÜ straße"`, `"İSTANBUL"`, `"ΣΑΣ"`, `"12"`, `"3.5"`, `"true"`, `"abc123"`, `"💡 idea"`, `"line1\\nline2\\n"`, `"$$\${x}"`, `"10.0.0.0/8"`, `"/a/b/c.txt"`];
const lists = [`[]`, `[1, 2, 3]`, `["a", "b", "a"]`, `[1, "a"]`, `[[1, 2], [3]]`, `[null]`, `["", "x"]`, `[true, false]`, `tolist(["x", "y"])`, `[{a = 1}, {a = 2}]`];
const maps = [`{}`, `{a = 1, b = 2}`, `{a = "x", b = "y"}`, `{a = [1], b = [2, 3]}`, `tomap({a = 1})`, `{a = {b = 1}}`, `{"k-1" = true}`];
const sets = [`toset(["b", "a"])`, `toset([1, 2, 3])`, `toset([])`];
const others = ["true", "false", "null", `sensitive("s")`, `sensitive(1)`];
const pool = [...numbers, ...strings, ...lists, ...maps, ...sets, ...others];

/** Hand-written cases: the classes found by measuring against Terraform, and each function's own edges. */
const curated: string[] = [
  // numbers
  "1/3 + 1/3 + 1/3 == 1", "0.1 * 0.1", "0.1 + 0.2", "1.1 * 3", "2/3", "-0", "0 * -1", "1e100", "1e400", "1e-400", "1/0", "-1/0",
  "5 % 3.5", "-7 % 3", "7 % -3", "7 % 0", "17179869184.000000001", "[1e21, 1e-20]", "length(\"abc\") / 3", "length(\"a\") / length(\"abc\")",
  "floor(1e30 / 7)", "pow(2, 0.5) * 1", "pow(2, -1074)", "pow(2, 100)", "pow(3, -7)", "pow(10, 20)", "pow(0, 0)", "log(1000, 10)", "log(8, 2)",
  "log(0, 10)", "log(-1, 10)", "signum(-0)", "abs(-0)", "ceil(-0.5)", "floor(-0.5)", "max(-0, 0)", "min(0.1, 1/10)", "sum([0.1, 0.2])",
  "range(0, 1, 0.1)", "range(5)", "range(-3)", "range(1, 4)", "range(10, 0, -3)", "range(0)", "range(1, 1)", "range(0, 1, 0)",
  "parseint(\"ff\", 16)", "parseint(\"-0\", 10)", "parseint(\"zz\", 36)", "parseint(\"ZZ\", 62)", "parseint(\"12\", 1)", "parseint(\"1.5\", 10)",
  "parseint(\"ffffffffffffffffffffffffffff\", 16)", "tonumber(\"0x10\")", "tonumber(\"1e3\")", "tonumber(\"1p3\")", "tonumber(\".5\")",
  "tonumber(\"5.\")", "tonumber(\" 5\")", "tonumber(\"Inf\")", "tostring(1/3)", "tostring(-0)", "jsonencode(1/3)", "jsonencode(0.1 * 0.1)",
  "jsonencode(pow(2, 0.5))", "jsonencode(-0)", "jsonencode(1e20)", "format(\"%g\", 1/3)", "format(\"%f\", 1/3)", "format(\"%e\", 1/3)",
  "format(\"%.3g\", 2/3)", "format(\"%d\", 1e30)", "format(\"%v\", -0)", "format(\"%5.1f|%-8g|%+e\", 3.14159, 0.1, 12345.678)",
  "format(\"%x %X %o %b\", 255, 255, 8, 5)", "format(\"%08.3f\", -3.14159)", "format(\"%d\", 1.5)", "format(\"%.0f\", 2.5)", "format(\"%.0f\", 3.5)",
  "format(\"%G\", 1e-10)", "format(\"%10.4v\", 1/3)", "format(\"%#x\", 255)", "format(\"% d\", 5)", "format(\"%t\", true)", "format(\"%q\", \"a\\\"b\")",
  "format(\"%s %%\", \"x\")", "format(\"%[2]s %[1]s\", \"a\", \"b\")", "format(\"%s\")", "format(\"%z\", 1)", "format(\"%s\", [1])", "format(\"%#v\", {a = 1})",
  "100000000000000000000000000000000001 - 1", "9007199254740993 + 0", "-9223372036854775808", "1e20 == 100000000000000000000",
  // strings and regexes
  "replace(\"hello\", \"\", \"-\")", "replace(\"hello\", \"/l*/\", \"-\")", "replace(\"hello\", \"/(l+)/\", \"<$1>\")", "replace(\"a.b.c\", \".\", \"-\")",
  "replace(\"hello\", \"/(?P<x>l)/\", \"$${x}\")", "regexall(\"\", \"abc\")", "regexall(\"a*\", \"baaac\")", "regex(\"(\\\\d+)-(\\\\d+)\", \"12-34\")",
  "regex(\"(?P<a>\\\\w)(?P<b>\\\\w)\", \"xy\")", "regex(\"z\", \"abc\")", "regex(\"[\", \"abc\")", "regexall(\"(a)(b)?\", \"ab a\")",
  "split(\"\", \"abc\")", "split(\",\", \"\")", "split(\",\", \"a,,b\")", "join(\"-\", [])", "join(\",\", [\"a\", null])",
  "lower(\"ÀÉÎ ΣΑΣ İ\")", "upper(\"straße ǆ\")", "title(\"hello wORLD ǆx\")", "lower(\"ΑΣ\")", "upper(\"ﬁ\")", "strrev(\"👍🏽a\")",
  "substr(\"hello world\", 1, 4)", "substr(\"hello\", -3, -1)", "substr(\"héllo\", 1, 2)", "substr(\"abc\", 5, 1)", "substr(\"abc\", 0, -1)",
  "trim(\"?!hello?!\", \"!?\")", "trimspace(\"\\n\\t x \\u00a0\")", "chomp(\"x\\r\\n\\n\")", "indent(2, \"a\\nb\\n\")", "indent(2, \"\")",
  "startswith(\"hello\", \"\")", "endswith(\"hello\", \"lo\")", "strcontains(\"hello\", \"ell\")", "trimprefix(\"hello\", \"he\")", "trimsuffix(\"hello\", \"lo\")",
  "formatlist(\"%s=%d\", [\"a\", \"b\"], [1, 2])", "formatlist(\"%s\", [])", "formatlist(\"%s-%s\", [\"a\"], [\"b\", \"c\"])", "formatlist(\"%s\", \"x\")",
  // collections
  "coalescelist([], [1])", "coalescelist([\"a\"], [1])", "coalescelist([], [])", "coalescelist(tolist([]), [\"x\"])", "coalesce(\"\", \"b\")",
  "coalesce(1, \"a\")", "coalesce(null, 2)", "coalesce(\"\", \"\")", "coalesce()", "compact([\"a\", \"\", null, \"b\"])", "concat([1], [\"a\"])",
  "concat()", "contains([1, 2], \"1\")", "distinct([1, 1, \"1\"])", "element([1, 2, 3], 5)", "element([], 0)", "element([1, 2], -1)",
  "flatten([[1, [2]], 3, []])", "flatten([toset([1]), [2]])", "index([\"a\", \"b\"], \"b\")", "index([\"a\"], \"z\")", "keys({b = 1, a = 2})",
  "keys({a = sensitive(1)})", "values({a = sensitive(1), b = 2})", "keys(sensitive({a = 1}))", "length(sensitive(\"abc\"))",
  "lookup({a = 1}, \"b\", \"x\")", "lookup({a = 1}, \"b\")", "lookup({a = \"x\"}, \"a\", 1)", "matchkeys([\"a\", \"b\"], [1, 2], [2])",
  "merge({a = 1}, {b = \"x\"})", "merge({a = 1}, null, {a = 2})", "merge(tomap({a = 1}), tomap({b = \"x\"}))", "merge([1])", "one([])", "one([1, 2])",
  "one(toset([\"x\"]))", "one(null)", "reverse(toset([1, 2]))", "slice([1, 2, 3], 1, 2)", "slice([1, 2], 2, 1)", "sum([])", "sum([1, \"2\"])",
  "sum([1/0, -1/0])", "transpose({a = [\"1\", \"2\"], b = [\"2\"]})", "zipmap([\"a\", \"b\"], [1, 2])", "zipmap([\"a\"], [1, 2])",
  "chunklist([1, 2, 3], 2)", "chunklist([1, 2], 0)", "chunklist([1], -1)", "alltrue([])", "anytrue([])", "alltrue([true, \"true\"])",
  "setproduct([\"a\", \"b\"], [1, 2])", "setproduct(toset([\"a\"]), [1])", "setproduct()", "setunion([\"a\"], [\"b\", \"a\"])",
  "setintersection([1, 2], [2, 3])", "setsubtract([\"a\", \"b\"], [\"a\"])", "toset([\"b\", \"a\", \"b\"])", "toset([1, \"a\"])",
  "tolist(toset([3, 1, 2]))", "tomap({a = 1, b = \"x\"})", "tomap({a = 1, b = [1]})", "tolist([1, \"a\", true])", "tobool(\"false\")",
  "tobool(1)", "tostring(true)", "tostring([1])", "tostring(null)", "type(tolist([]))", "type({a = [1, \"b\"]})",
  "type([{a = 1, b = [\"x\"]}, {a = 2, b = []}])", "type(tomap({a = {b = toset([1])}}))", "type(null)", "type(sensitive(1))",
  "{for k, v in {a = 1, b = 2} : v => k}", "[for x in [3, 1, 2] : x * 2 if x > 1]", "{for x in [\"a\", \"b\", \"a\"] : x => x...}",
  "{for x in [\"a\", \"a\"] : x => x}", "[for k, v in [\"x\", \"y\"] : \"${k}${v}\"]", "[for x in toset([\"b\", \"a\"]) : x]",
  "[1, 2, 3][1]", "[1, 2][2]", "{a = 1}.a", "{a = 1}.b", "{a = 1}[\"a\"]", "[{a = 1}, {a = 2}][*].a", "null[*]", "\"x\"[*]",
  "[[1, 2], [3]][*][0]", "{a = {b = [1, 2]}}.a.b[1]", "tolist([1])[0]", "toset([1])[0]",
  // logic, conditionals, unknown-free short circuits
  "true && false", "true || null", "false && null", "!null", "1 == \"1\"", "[1] == [1]", "{a = 1} == {a = 1}", "tolist([]) == []",
  "null == null", "true ? 1 : \"a\"", "false ? [1] : []", "null ? 1 : 2", "true ? {a = 1} : {b = 2}", "1 < \"2\"", "\"a\" + 1",
  "-\"3\"", "!\"true\"", "1 + null", "[1] + [2]",
  // templates
  "\"${1 + 1}\"", "\"%{if true}yes%{else}no%{endif}\"", "\"%{for x in [1, 2]}${x},%{endfor}\"", "\"a ~\"", "\"${null}\"",
  "\"${[1]}\"", "\"${true}\"", "\"${1/3}\"", "templatestring(\"Hi $${name}\", {name = \"x\"})",
  "templatefile(\"greeting.tftpl\", {name = \"a\", items = [1, 2]})", "templatefile(\"greeting.tftpl\", {})", "templatefile(\"nosuch.tftpl\", {})",
  // encodings
  "yamlencode({a = 1, b = [true, null], c = \"multi\\nline\\n\"})", "yamlencode({})", "yamlencode([])", "yamlencode(\"x\")", "yamlencode(null)",
  "yamlencode({a = {}})", "yamlencode(\"0123\")", "yamlencode(\"true\")", "yamlencode(\"a: b\")", "yamlencode(1/3)", "yamlencode(\"line\\n\")",
  "yamldecode(\"a: 1\\nb: [x, 2]\")", "yamldecode(\"\")", "yamldecode(\"---\\na: 1\\n...\\n\")", "yamldecode(\"0o17\")", "yamldecode(\"017\")",
  "yamldecode(\"1_000\")", "yamldecode(\"2001-12-14\")", "yamldecode(\"a: &x 1\\nb: *x\")", "yamldecode(\"a: |\\n  x\\n  y\\n\")",
  "yamldecode(\"a: >\\n  x\\n  y\\n\")", "yamldecode(\"{}\")", "yamldecode(\"~\")", "yamldecode(\".inf\")", "yamldecode(\"0x1F\")",
  "yamldecode(\"yes\")", "yamldecode(\"[1, a, true, null]\")", "yamldecode(\"a: 1\\na: 2\")", "yamldecode(\"- a\\n- b: c\")", "yamldecode(\"a: [\")",
  "jsondecode(\"{\\\"a\\\": [1, \\\"x\\\", null]}\")", "jsondecode(\"1e400\")", "jsondecode(\"0.1\")", "jsondecode(\"\")", "jsondecode(\"[1,]\")",
  "jsonencode({b = 1, a = [true, null, \"<&>\"]})", "jsonencode(toset([\"b\", \"a\"]))", "jsonencode(tomap({a = 1}))", "jsonencode(\"\\u2028\")",
  "csvdecode(\"a,b\\n1,2\\n3,4\")", "csvdecode(\"a,b\\n1\")", "csvdecode(\"\")", "base64encode(\"héllo\")", "base64decode(\"aGk=\")",
  "base64decode(\"!!\")", "base64decode(\"/w==\")", "base64gzip(\"hello\")", "base64gzip(\"\")", "textencodebase64(\"hi\", \"UTF-16LE\")",
  "textencodebase64(\"hi\", \"UTF-16\")", "textencodebase64(\"é\", \"ISO-8859-1\")", "textencodebase64(\"€\", \"windows-1252\")",
  "textencodebase64(\"x\", \"nope\")", "textencodebase64(\"日本\", \"Shift_JIS\")", "textdecodebase64(\"aABpAA==\", \"UTF-16LE\")",
  "textdecodebase64(\"6Q==\", \"ISO-8859-1\")", "urlencode(\"a b&c/d?é\")", "urlencode(\"~-._\")",
  // files (relative to the fixture directory)
  "file(\"hello.txt\")", "file(\"nosuch.txt\")", "filebase64(\"hello.txt\")", "fileexists(\"hello.txt\")", "fileexists(\"sub\")",
  "fileset(\".\", \"**/*.txt\")", "fileset(\".\", \"sub/[ab].*\")", "fileset(\".\", \"sub/[!a].*\")", "fileset(\".\", \"*.{json,txt}\")",
  "fileset(\"sub\", \"?.txt\")", "fileset(\".\", \"[\")", "filemd5(\"hello.txt\")", "filesha1(\"hello.txt\")", "filesha256(\"hello.txt\")",
  "filesha512(\"hello.txt\")", "filebase64sha256(\"hello.txt\")", "filebase64sha512(\"hello.txt\")", "basename(\"/a/b/c.txt\")",
  "dirname(\"/a/b/c.txt\")", "abspath(\"/a/../b/./c\")", "abspath(\"/\")", "dirname(\"c.txt\")", "basename(\"\")", "pathexpand(\"/x\")", "jsondecode(file(\"data.json\"))",
  // hashes and crypto
  "md5(\"\")", "sha1(\"abc\")", "sha256(\"abc\")", "sha512(\"abc\")", "base64sha256(\"abc\")", "base64sha512(\"abc\")",
  "uuidv5(\"dns\", \"example.com\")", "uuidv5(\"url\", \"https://x\")", "uuidv5(\"6ba7b810-9dad-11d1-80b4-00c04fd430c8\", \"x\")",
  "uuidv5(\"bad\", \"x\")", "length(uuid())", "length(bcrypt(\"x\"))", "can(bcrypt(\"x\", 3))", "bcrypt(\"x\", 32)",
  "rsadecrypt(\"x\", \"y\")", "ephemeralasnull(\"x\")", "ephemeralasnull(null)",
  // time
  "formatdate(\"DD MMM YYYY hh:mm ZZZ\", \"2018-01-02T23:12:01Z\")", "formatdate(\"EEEE, h:mmaa\", \"2018-01-02T23:12:01-08:00\")",
  "formatdate(\"YYYY\", \"x\")", "formatdate(\"'quoted' YY\", \"2018-01-02T23:12:01Z\")", "timeadd(\"2017-11-22T00:00:00Z\", \"10m\")",
  "timeadd(\"2017-11-22T00:00:00Z\", \"-1h30m\")", "timeadd(\"2017-11-22T00:00:00Z\", \"1d\")", "timecmp(\"2017-11-22T00:00:00Z\", \"2017-11-22T01:00:00+01:00\")",
  "timecmp(\"2017-11-22T00:00:00Z\", \"2017-11-21T00:00:00Z\")", "timecmp(\"x\", \"2017-11-21T00:00:00Z\")", "length(timestamp()) > 0",
  "plantimestamp()", "formatdate(\"YYYY\", timestamp()) != \"\"",
  // network
  "cidrhost(\"10.0.0.0/8\", 2)", "cidrhost(\"10.0.0.0/30\", 5)", "cidrhost(\"10.0.0.0/24\", -1)", "cidrhost(\"fd00::/64\", 1)",
  "cidrnetmask(\"172.16.0.0/12\")", "cidrnetmask(\"fd00::/64\")", "cidrsubnet(\"10.0.0.0/16\", 8, 2)", "cidrsubnet(\"10.0.0.0/16\", 8, 256)",
  "cidrsubnet(\"10.0.0.0/16\", -1, 0)", "cidrsubnet(\"10.0.0.0/16\", 8, -1)", "cidrsubnet(\"::ffff:10.0.0.0/104\", 8, 1)",
  "cidrsubnet(\"fd00::/56\", 8, 3)", "cidrsubnet(\"010.0.0.0/16\", 8, 2)", "cidrsubnets(\"10.0.0.0/16\", 4, 4, 8, 4)", "cidrsubnets(\"10.0.0.0/16\")",
  "cidrsubnets(\"10.0.0.0/30\", 4)", "cidrhost(\"::ffff:1.2.3.0/120\", 5)", "cidrnetmask(\"10.0.0.0/33\")",
  // sensitivity
  "sensitive(\"x\")", "nonsensitive(sensitive(\"x\"))", "nonsensitive(\"x\")", "issensitive(sensitive(1))", "issensitive(1)",
  "[sensitive(1), 2]", "{a = sensitive(1)}", "sensitive({a = 1}).a", "length([sensitive(1)])", "tolist([sensitive(\"a\")])",
  "toset([sensitive(\"a\")])", "jsonencode({a = sensitive(1)})", "keys(tomap({a = sensitive(\"x\")}))", "sensitive(1) + 1",
  // namespaced and provider functions
  "core::max(1, 2)", "core::upper(\"x\")", "core::nosuch(1)", "provider::kubernetes::manifest_decode(\"x\")", "provider::terraform::tfvarsencode({})",
  "nosuch(1)", "max()", "max(\"a\")", "upper()", "upper(\"a\", \"b\")", "can(nosuch)", "try(nosuch, 1)", "try(1 / \"a\", \"fallback\")",
  "can(upper(1))", "try([1][5], \"x\")",
];

const functions: Record<string, number> = {
  abs: 1, ceil: 1, floor: 1, signum: 1, log: 2, pow: 2, max: 2, min: 2, parseint: 2,
  chomp: 1, endswith: 2, startswith: 2, strcontains: 2, format: 2, formatlist: 2, indent: 2, join: 2, lower: 1, upper: 1,
  regex: 2, regexall: 2, replace: 3, split: 2, sort: 1, strrev: 1, substr: 3, title: 1, trim: 2, trimprefix: 2, trimsuffix: 2,
  trimspace: 1, alltrue: 1, anytrue: 1, chunklist: 2, coalesce: 2, coalescelist: 2, compact: 1, concat: 2, contains: 2,
  distinct: 1, element: 2, flatten: 1, index: 2, keys: 1, length: 1, lookup: 3, matchkeys: 3, merge: 2, one: 1, range: 2,
  reverse: 1, slice: 3, sum: 1, transpose: 1, values: 1, zipmap: 2, setunion: 2, setintersection: 2, setsubtract: 2,
  setproduct: 2, base64decode: 1, base64encode: 1, base64gzip: 1, textencodebase64: 2, textdecodebase64: 2, urlencode: 1,
  csvdecode: 1, jsonencode: 1, jsondecode: 1, yamlencode: 1, yamldecode: 1, basename: 1, dirname: 1,
  pathexpand: 1, fileexists: 1, formatdate: 2, timeadd: 2, timecmp: 2, md5: 1, sha1: 1, sha256: 1, sha512: 1,
  base64sha256: 1, base64sha512: 1, uuidv5: 2, cidrhost: 2, cidrnetmask: 1, cidrsubnet: 3, cidrsubnets: 2, tostring: 1,
  tonumber: 1, tobool: 1, tolist: 1, toset: 1, tomap: 1, sensitive: 1, nonsensitive: 1, issensitive: 1, type: 1,
  templatestring: 2, can: 1, try: 2,
};

const binaryOps = ["+", "-", "*", "/", "%", "==", "!=", "<", "<=", ">", ">=", "&&", "||"];
const unaryOps = ["-", "!"];

/** The corpus, deterministic: curated cases, then functions over the pools, then operators. */
export function generateCorpus(): string[] {
  const rand = prng(15);
  const pick = (xs: readonly string[]): string => xs[Math.floor(rand() * xs.length)]!;
  const out: string[] = [...curated];
  // every pool value on its own, and its type
  for (const v of pool) out.push(v, `type(${v})`);
  for (const [name, arity] of Object.entries(functions).sort(([a], [b]) => a.localeCompare(b))) {
    // one-argument functions over a sample of the pool; others over samples biased towards typed arguments
    if (arity === 1) {
      for (let i = 0; i < 18; i++) out.push(`${name}(${pick(pool)})`);
      out.push(`type(${name}(${pick(pool)}))`);
      continue;
    }
    for (let i = 0; i < 14; i++) {
      const args: string[] = [];
      for (let a = 0; a < arity; a++) {
        const bias = rand();
        args.push(bias < 0.35 ? pick(strings) : bias < 0.6 ? pick(numbers) : bias < 0.8 ? pick(lists) : pick(pool));
      }
      out.push(i % 7 === 6 ? `type(${name}(${args.join(", ")}))` : `${name}(${args.join(", ")})`);
    }
  }
  for (const op of binaryOps) {
    for (let i = 0; i < 24; i++) {
      const bias = rand();
      const a = bias < 0.5 ? pick(numbers) : pick(pool);
      const b = bias < 0.5 ? pick(numbers) : pick(pool);
      out.push(`${a} ${op} ${b}`);
    }
  }
  for (const op of unaryOps) for (const v of pool) out.push(`${op}${v.includes(" ") ? `(${v})` : v}`);
  for (let i = 0; i < 40; i++) out.push(`${pick(others.slice(0, 3))} ? ${pick(pool)} : ${pick(pool)}`);
  return [...new Set(out)];
}
