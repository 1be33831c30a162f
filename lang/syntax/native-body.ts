// The schema-driven view of a native-syntax body (hclsyntax Body.Content / PartialContent / JustAttributes)
// with HCL's exact diagnostics and ranges: unsupported arguments and block types (with "Did you mean",
// including "did you mean a block/an argument" when an attribute is written where a block belongs or the
// reverse), missing required arguments, extraneous or missing block labels, and blocks where only
// attributes are allowed.
//
// partialContent hides what it took, so that the remaining body reports only what nobody claimed, as HCL's
// hiddenAttrs/hiddenBlocks do.

import { errorDiag, type Diagnostic } from "../diagnostics.js";
import { goQuote } from "../funcs/helpers.js";
import { rangeBetween, SourceRange, type Range } from "../pos.js";
import { didYouMean, nameSuggestion } from "../suggest.js";
import type {
  BodyContent,
  BodySchema,
  BlockHeaderSchema,
  ContentAttribute,
  ContentBlock,
  SyntaxBody,
} from "../body.js";
import type { Attribute, Block, Body } from "./ast.js";

/** A body nothing has been taken from yet (shared: a body's hidden sets are never changed, only copied). */
const nothingHidden: ReadonlySet<string> = new Set();

export function nativeBody(body: Body): SyntaxBody {
  return new NativeBody(body, nothingHidden, nothingHidden);
}

/** hclsyntax Block.DefRange(): the type name through the last label. */
export function blockDefRange(block: Block): Range {
  const last = block.labelRanges.length > 0 ? block.labelRanges[block.labelRanges.length - 1]! : block.typeRange;
  return rangeBetween(block.typeRange, last);
}

function contentAttribute(attr: Attribute): ContentAttribute {
  return { name: attr.name, expr: attr.expr, range: attr.range, nameRange: attr.nameRange };
}

/**
 * A parsed block as content: its ranges are made when read, once (a resource's decoding reads the header's
 * and the type label's; the other label ranges only a diagnostic needs).
 */
class NativeContentBlock implements ContentBlock {
  readonly type: string;
  readonly labels: readonly string[];
  readonly body: SyntaxBody;
  #labelRanges: readonly Range[] | undefined;
  #typeRange: Range | undefined;
  #defRange: Range | undefined;
  constructor(private readonly block: Block) {
    this.type = block.type;
    this.labels = block.labels;
    this.body = new NativeBody(block.body, nothingHidden, nothingHidden);
  }
  // labelRanges and typeRange are computed on each read of the parsed block: read once here.
  get labelRanges(): readonly Range[] {
    return (this.#labelRanges ??= this.block.labelRanges);
  }
  get typeRange(): Range {
    return (this.#typeRange ??= this.block.typeRange);
  }
  get defRange(): Range {
    if (this.#defRange === undefined) {
      const labelRanges = this.labelRanges;
      this.#defRange = rangeBetween(this.typeRange, labelRanges.length > 0 ? labelRanges[labelRanges.length - 1]! : this.typeRange);
    }
    return this.#defRange;
  }
}

function contentBlock(block: Block): ContentBlock {
  return new NativeContentBlock(block);
}

/** A schema's block types by name: schemas are long-lived (one per provider schema block), bodies many. */
const blockSchemaIndex = new WeakMap<BodySchema, ReadonlyMap<string, BlockHeaderSchema>>();
function blockSchemasByType(schema: BodySchema): ReadonlyMap<string, BlockHeaderSchema> {
  let wanted = blockSchemaIndex.get(schema);
  if (wanted === undefined) {
    const m = new Map<string, BlockHeaderSchema>();
    for (const bs of schema.blocks ?? []) m.set(bs.type, bs);
    blockSchemaIndex.set(schema, (wanted = m));
  }
  return wanted;
}

const noAttributeSchemas: NonNullable<BodySchema["attributes"]> = [];

/** A body's content; where a missing item would be is worked out if somebody asks (a diagnostic). */
class NativeContent implements BodyContent {
  constructor(
    readonly attributes: ReadonlyMap<string, ContentAttribute>,
    readonly blocks: readonly ContentBlock[],
    private readonly body: NativeBody,
    private missing: Range | undefined,
  ) {}
  get missingItemRange(): Range {
    return (this.missing ??= this.body.missingItemRange());
  }
}

/** The content attributes when a schema takes none (most resource bodies hold no meta-argument). */
const noAttributes: ReadonlyMap<string, ContentAttribute> = new Map();

/**
 * body.attributes.get(name) without building the body's map where a look along its few items is enough
 * (the first attribute of that name, as the map keeps).
 */
function attributeNamed(body: Body, name: string): Attribute | undefined {
  const items = body.items;
  if (items.length > 8) return body.attributes.get(name);
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind === "Attribute" && it.name === name) return it;
  }
  return undefined;
}

class NativeBody implements SyntaxBody {
  constructor(
    private readonly body: Body,
    private readonly hiddenAttrs: ReadonlySet<string>,
    private readonly hiddenBlocks: ReadonlySet<string>,
  ) {}

  missingItemRange(): Range {
    // HCL: a zero-length range at the start of the body (a block body starts at its opening brace).
    const r = this.body.srcRange;
    // Kept as a byte offset when the body has one: most bodies never report a missing item, and a position
    // costs the file's line table.
    if (r instanceof SourceRange) return new SourceRange(r.map, r.startByte, r.startByte);
    return { filename: r.filename, start: r.start, end: r.start };
  }

  content(schema: BodySchema): { content: BodyContent; diags: Diagnostic[] } {
    const { content, remain, diags } = this.partialContent(schema);
    const left = remain as NativeBody;
    const items = this.body.items;
    for (let i = 0; i < items.length; i++) {
      const item = items[i]!;
      if (item.kind === "Attribute") {
        if (left.hiddenAttrs.has(item.name) || this.body.attributes.get(item.name) !== item) continue;
        diags.push(unsupportedArgument(item, schema, content));
      } else if (!left.hiddenBlocks.has(item.type)) {
        diags.push(unsupportedBlock(item, schema));
      }
    }
    return { content, diags };
  }

  partialContent(schema: BodySchema): { content: BodyContent; remain: SyntaxBody; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    // Hidden names matter only for what this body holds: the sets are copied (and a new remaining body made)
    // only when the schema takes something, so a resource body with no meta-arguments and no nested blocks
    // (most of them) costs no copies.
    let takenAttrs: Set<string> | undefined;
    let takenBlocks: Set<string> | undefined;
    const hiddenBlocks = this.hiddenBlocks;
    let attributes: Map<string, ContentAttribute> | undefined;
    let missing: Range | undefined;

    const attrSchemas = schema.attributes ?? noAttributeSchemas;
    for (let i = 0; i < attrSchemas.length; i++) {
      const attrS = attrSchemas[i]!;
      const attr = attributeNamed(this.body, attrS.name);
      if (attr === undefined || (takenAttrs ?? this.hiddenAttrs).has(attrS.name)) {
        if (attrS.required) {
          diags.push(
            errorDiag(
              "Missing required argument",
              `The argument ${goQuote(attrS.name)} is required, but no definition was found.`,
              (missing ??= this.missingItemRange()),
            ),
          );
        }
        continue;
      }
      (takenAttrs ??= new Set(this.hiddenAttrs)).add(attrS.name);
      (attributes ??= new Map()).set(attrS.name, contentAttribute(attr));
    }

    const bodyBlocks = this.body.blocks;
    const wanted = bodyBlocks.length === 0 ? undefined : blockSchemasByType(schema);
    const blocks: ContentBlock[] = [];
    // Indexed loops: in code V8 has not optimised yet, for-of makes an object per step.
    if (wanted !== undefined) for (let i = 0; i < bodyBlocks.length; i++) {
      const block = bodyBlocks[i]!;
      if (hiddenBlocks.has(block.type)) continue;
      const bs = wanted.get(block.type);
      if (bs === undefined) continue;
      const labelDiag = checkLabels(block, bs.labelNames ?? []);
      if (labelDiag !== undefined) {
        diags.push(labelDiag);
        continue;
      }
      blocks.push(contentBlock(block));
    }
    if (bodyBlocks.length > 0) for (const bs of schema.blocks ?? []) (takenBlocks ??= new Set(hiddenBlocks)).add(bs.type);

    return {
      content: new NativeContent(attributes ?? noAttributes, blocks, this, missing),
      remain: takenAttrs === undefined && takenBlocks === undefined ? this : new NativeBody(this.body, takenAttrs ?? this.hiddenAttrs, takenBlocks ?? hiddenBlocks),
      diags,
    };
  }

  justAttributes(): { attributes: ReadonlyMap<string, ContentAttribute>; diags: Diagnostic[] } {
    const diags: Diagnostic[] = [];
    const example = this.body.blocks[0];
    if (example !== undefined) {
      diags.push(errorDiag(`Unexpected ${goQuote(example.type)} block`, "Blocks are not allowed here.", example.typeRange));
    }
    const attributes = new Map<string, ContentAttribute>();
    for (const item of this.body.items) {
      if (item.kind !== "Attribute" || this.hiddenAttrs.has(item.name)) continue;
      // The parser reports a duplicate definition and keeps the first one.
      if (this.body.attributes.get(item.name) !== item) continue;
      attributes.set(item.name, contentAttribute(item));
    }
    return { attributes, diags };
  }
}

function unsupportedArgument(attr: Attribute, schema: BodySchema, content: BodyContent): Diagnostic {
  const candidates: string[] = [];
  for (const a of schema.attributes ?? []) if (!content.attributes.has(a.name)) candidates.push(a.name);
  let suggestion = didYouMean(attr.name, candidates);
  if (suggestion === "" && (schema.blocks ?? []).some((b) => b.type === attr.name)) {
    suggestion = ` Did you mean to define a block of type ${goQuote(attr.name)}?`;
  }
  return errorDiag(
    "Unsupported argument",
    `An argument named ${goQuote(attr.name)} is not expected here.${suggestion}`,
    attr.nameRange,
  );
}

function unsupportedBlock(block: Block, schema: BodySchema): Diagnostic {
  const name = nameSuggestion(
    block.type,
    (schema.blocks ?? []).map((b) => b.type),
  );
  let suggestion = name === undefined ? "" : ` Did you mean ${goQuote(name)}?`;
  if (suggestion === "" && (schema.attributes ?? []).some((a) => a.name === block.type)) {
    suggestion = ` Did you mean to define argument ${goQuote(block.type)}? If so, use the equals sign to assign it a value.`;
  }
  return errorDiag(
    "Unsupported block type",
    `Blocks of type ${goQuote(block.type)} are not expected here.${suggestion}`,
    block.typeRange,
  );
}

function checkLabels(block: Block, labelNames: readonly string[]): Diagnostic | undefined {
  if (block.labels.length === labelNames.length) return undefined;
  const name = block.type;
  const context = rangeBetween(block.typeRange, block.openBraceRange);
  if (block.labels.length > labelNames.length) {
    if (labelNames.length === 0) {
      return errorDiag(
        `Extraneous label for ${name}`,
        `No labels are expected for ${name} blocks.`,
        block.labelRanges[0],
        context,
      );
    }
    return errorDiag(
      `Extraneous label for ${name}`,
      `Only ${labelNames.length} labels (${labelNames.join(", ")}) are expected for ${name} blocks.`,
      block.labelRanges[labelNames.length],
      context,
    );
  }
  if (block.labels.length < labelNames.length) {
    return errorDiag(
      `Missing ${labelNames[block.labels.length]} for ${name}`,
      `All ${name} blocks must have ${labelNames.length} labels (${labelNames.join(", ")}).`,
      block.openBraceRange,
      context,
    );
  }
  return undefined;
}
