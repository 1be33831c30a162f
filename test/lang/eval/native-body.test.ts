// Schema decoding of native-syntax bodies (syntax/native-body.ts) with HCL's diagnostics and ranges,
// including the bad input "a block where an attribute belongs and the reverse".

import assert from "node:assert/strict";
import { test } from "node:test";
import type { BodySchema } from "../../../lang/body.js";
import type { Diagnostic } from "../../../lang/diagnostics.js";
import { nativeBody } from "../../../lang/syntax/native-body.js";
import { parseConfig } from "../../../lang/syntax/parser.js";

function body(src: string) {
  const { file, diags } = parseConfig(src, "main.tf");
  assert.deepEqual(diags, []);
  return nativeBody(file.body);
}
const brief = (d: Diagnostic) => ({
  summary: d.summary,
  detail: d.detail,
  subject: d.subject && `${d.subject.start.line}:${d.subject.start.column}-${d.subject.end.line}:${d.subject.end.column}@${d.subject.start.byte}`,
});

const schema: BodySchema = {
  attributes: [{ name: "name", required: true }, { name: "cpu" }, { name: "labels" }],
  blocks: [{ type: "volume" }, { type: "port", labelNames: ["name", "protocol"] }],
};

const cases: readonly { name: string; src: string; want: ReturnType<typeof brief>[] }[] = [
  { name: "everything expected", src: `name = "a"\ncpu = 2\nvolume {}\nport "http" "tcp" {}\n`, want: [] },
  {
    name: "an unknown argument with a close name",
    src: `name = "a"\ncpus = 2\n`,
    want: [{ summary: "Unsupported argument", detail: `An argument named "cpus" is not expected here. Did you mean "cpu"?`, subject: "2:1-2:5@11" }],
  },
  {
    name: "an attribute where a block belongs",
    src: `name = "a"\nvolume = {}\n`,
    want: [
      {
        summary: "Unsupported argument",
        detail: `An argument named "volume" is not expected here. Did you mean to define a block of type "volume"?`,
        subject: "2:1-2:7@11",
      },
    ],
  },
  {
    name: "a block where an attribute belongs",
    src: `name = "a"\nlabels {\n}\n`,
    want: [
      {
        summary: "Unsupported block type",
        detail: `Blocks of type "labels" are not expected here. Did you mean to define argument "labels"? If so, use the equals sign to assign it a value.`,
        subject: "2:1-2:7@11",
      },
    ],
  },
  {
    name: "an unknown block type with a close name",
    src: `name = "a"\nvolumes {}\n`,
    want: [{ summary: "Unsupported block type", detail: `Blocks of type "volumes" are not expected here. Did you mean "volume"?`, subject: "2:1-2:8@11" }],
  },
  {
    name: "a missing required argument (at the start of the body)",
    src: `cpu = 1\n`,
    want: [{ summary: "Missing required argument", detail: `The argument "name" is required, but no definition was found.`, subject: "1:1-1:1@0" }],
  },
  {
    name: "an extraneous label",
    src: `name = "a"\nvolume "x" {}\n`,
    want: [{ summary: "Extraneous label for volume", detail: "No labels are expected for volume blocks.", subject: "2:8-2:11@18" }],
  },
  {
    name: "one label too many",
    src: `name = "a"\nport "a" "b" "c" {}\n`,
    want: [{ summary: "Extraneous label for port", detail: "Only 2 labels (name, protocol) are expected for port blocks.", subject: "2:14-2:17@24" }],
  },
  {
    name: "a missing label",
    src: `name = "a"\nport "a" {}\n`,
    want: [{ summary: "Missing protocol for port", detail: "All port blocks must have 2 labels (name, protocol).", subject: "2:10-2:11@20" }],
  },
];

for (const c of cases) {
  test(`content: ${c.name}`, () => {
    const { diags } = body(c.src).content(schema);
    assert.deepEqual(diags.map(brief), c.want);
  });
}

test("a nested block's missing argument points at its opening brace", () => {
  const { content } = body(`name = "a"\nvolume {\n}\n`).content(schema);
  const { diags } = content.blocks[0]!.body.content({ attributes: [{ name: "size", required: true }] });
  assert.deepEqual(diags.map(brief), [
    { summary: "Missing required argument", detail: `The argument "size" is required, but no definition was found.`, subject: "2:8-2:8@18" },
  ]);
});

test("partialContent leaves the rest for a later content() call", () => {
  const b = body(`name = "a"\nextra = 1\nvolume {}\n`);
  const first = b.partialContent({ attributes: [{ name: "name" }] });
  assert.deepEqual(first.diags, []);
  assert.deepEqual([...first.content.attributes.keys()], ["name"]);
  const rest = first.remain.content({ attributes: [{ name: "extra" }], blocks: [{ type: "volume" }] });
  assert.deepEqual(rest.diags, []);
  assert.deepEqual([...rest.content.attributes.keys()], ["extra"]);
  assert.equal(rest.content.blocks.length, 1);
  // name was taken by the first call, so it is now reported if a schema asks for it as required
  const again = first.remain.content({ attributes: [{ name: "name", required: true }, { name: "extra" }], blocks: [{ type: "volume" }] });
  assert.deepEqual(again.diags.map((d) => d.summary), ["Missing required argument"]);
});

test("justAttributes reports a block where only attributes are allowed", () => {
  const { attributes, diags } = body(`a = 1\nb = 2\nnested {\n}\n`).justAttributes();
  assert.deepEqual([...attributes.keys()], ["a", "b"]);
  assert.deepEqual(diags.map(brief), [{ summary: `Unexpected "nested" block`, detail: "Blocks are not allowed here.", subject: "3:1-3:7@12" }]);
});

test("blocks keep their header ranges", () => {
  const { content } = body(`name = "a"\nport "http" "tcp" {}\n`).content(schema);
  const p = content.blocks[0]!;
  assert.deepEqual(p.labels, ["http", "tcp"]);
  assert.equal(p.defRange.start.byte, 11);
  assert.equal(p.defRange.end.byte, 28);
});
