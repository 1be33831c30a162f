// The documentation cases of every function, run through callFunction so the machinery is exercised too.

import { test } from "node:test";
import assert from "node:assert/strict";
import { cases } from "./cases.js";
import { call, show, table } from "./helpers.js";

const expectedNames = `abs ceil floor log max min parseint pow signum chomp endswith format formatlist indent join lower
regex regexall replace split startswith strcontains strrev substr templatestring title trim trimprefix trimsuffix
trimspace upper alltrue anytrue chunklist coalesce coalescelist compact concat contains distinct element flatten index
keys length lookup matchkeys merge one range reverse setintersection setproduct setsubtract setunion slice sort sum
transpose values zipmap base64decode base64encode base64gzip csvdecode jsondecode jsonencode textdecodebase64
textencodebase64 urlencode yamldecode yamlencode abspath basename dirname pathexpand file fileexists fileset filebase64
templatefile formatdate plantimestamp timeadd timecmp timestamp base64sha256 base64sha512 bcrypt filebase64sha256
filebase64sha512 filemd5 filesha1 filesha256 filesha512 md5 sha1 sha256 sha512 uuid uuidv5 cidrhost cidrnetmask
cidrsubnet cidrsubnets sensitive nonsensitive issensitive tobool tolist tomap tonumber toset tostring`.split(/\s+/);

test("the table has every Terraform function, also under core::", () => {
  for (const name of expectedNames) {
    assert.ok(table.has(name), `missing ${name}`);
    assert.ok(table.has(`core::${name}`), `missing core::${name}`);
  }
});

test("every function has at least three documented cases, one of them an error", () => {
  for (const name of expectedNames) {
    const mine = cases.filter((c) => c.fn === name);
    // Functions with no arguments or random results have fewer documented examples; machinery.test.ts
    // covers their other behaviour (pure-only mode, plan time absent, formats).
    const impureOnly = ["uuid", "timestamp", "bcrypt", "plantimestamp"].includes(name);
    if (!impureOnly) assert.ok(mine.length >= 3, `${name} has only ${mine.length} cases`);
    assert.ok(mine.some((c) => c.err !== undefined), `${name} has no error case`);
  }
});

for (const c of cases) {
  const label = `${c.fn}(${c.args.map((a) => JSON.stringify(a, (_k, x: unknown) => (x instanceof Object && "raw" in x ? "<value>" : x))).join(", ")})`;
  test(label, () => {
    const r = call(c.fn, c.args);
    if (c.err === undefined) {
      assert.ok(r.ok, `unexpected error: ${r.ok ? "" : r.message}`);
      assert.equal(show(r.value), c.want);
      return;
    }
    assert.ok(!r.ok, `expected an error, got ${r.ok ? show(r.value) : ""}`);
    if (c.errPrefix) assert.ok(r.message.startsWith(c.err), `message ${JSON.stringify(r.message)}`);
    else if (c.errIncludes) assert.ok(r.message.includes(c.err), `message ${JSON.stringify(r.message)}`);
    else assert.equal(r.message, c.err);
    if (!c.errIncludes || c.arg !== undefined) assert.equal(r.argIndex, c.arg, "argument index");
  });
}
