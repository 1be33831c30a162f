// The schemas of Terraform's own blocks: what the decoders take from each body before the rest is left to a
// provider (resources, data sources, provider and backend blocks) or to a child module (module inputs).

import type { BodySchema } from "../lang/body.js";

export const fileSchema: BodySchema = {
  blocks: [
    { type: "terraform" },
    { type: "provider", labelNames: ["name"] },
    { type: "variable", labelNames: ["name"] },
    { type: "locals" },
    { type: "output", labelNames: ["name"] },
    { type: "module", labelNames: ["name"] },
    { type: "resource", labelNames: ["type", "name"] },
    { type: "data", labelNames: ["type", "name"] },
    { type: "moved" },
    { type: "import" },
    { type: "removed" },
    { type: "check", labelNames: ["name"] },
  ],
};

export const terraformBlockSchema: BodySchema = {
  attributes: [{ name: "required_version" }, { name: "experiments" }],
  blocks: [{ type: "required_providers" }, { type: "backend", labelNames: ["type"] }, { type: "provider_meta", labelNames: ["provider"] }, { type: "encryption" }],
};

export const providerBlockSchema: BodySchema = {
  attributes: [{ name: "alias" }, { name: "version" }],
};

export const variableBlockSchema: BodySchema = {
  attributes: [
    { name: "description" },
    { name: "default" },
    { name: "type" },
    { name: "sensitive" },
    { name: "nullable" },
  ],
  blocks: [{ type: "validation" }],
};

export const checkRuleSchema: BodySchema = {
  attributes: [{ name: "condition", required: true }, { name: "error_message", required: true }],
};

export const outputBlockSchema: BodySchema = {
  attributes: [
    { name: "description" },
    { name: "value", required: true },
    { name: "sensitive" },
    { name: "depends_on" },
  ],
  blocks: [{ type: "precondition" }, { type: "postcondition" }],
};

const resourceMeta = [{ name: "count" }, { name: "for_each" }, { name: "provider" }, { name: "depends_on" }];

export const resourceBlockSchema: BodySchema = {
  attributes: resourceMeta,
  blocks: [{ type: "lifecycle" }, { type: "_" }],
};

export const lifecycleBlockSchema: BodySchema = {
  attributes: [
    { name: "create_before_destroy" },
    { name: "prevent_destroy" },
    { name: "ignore_changes" },
    { name: "replace_triggered_by" },
  ],
  blocks: [{ type: "precondition" }, { type: "postcondition" }],
};

export const moduleBlockSchema: BodySchema = {
  attributes: [
    { name: "source", required: true },
    { name: "version" },
    { name: "count" },
    { name: "for_each" },
    { name: "depends_on" },
    { name: "providers" },
  ],
  // Reserved for future use inside module blocks, so that they never become input variable names.
  blocks: [{ type: "_" }, { type: "lifecycle" }, { type: "locals" }, { type: "provider", labelNames: ["type"] }],
};

export const movedBlockSchema: BodySchema = {
  attributes: [{ name: "from", required: true }, { name: "to", required: true }],
};

export const importBlockSchema: BodySchema = {
  attributes: [{ name: "to", required: true }, { name: "id", required: true }, { name: "provider" }, { name: "for_each" }],
};

export const removedBlockSchema: BodySchema = {
  attributes: [{ name: "from", required: true }],
  blocks: [{ type: "lifecycle" }],
};

export const removedLifecycleSchema: BodySchema = {
  attributes: [{ name: "destroy" }],
};

export const checkBlockSchema: BodySchema = {
  blocks: [{ type: "data", labelNames: ["type", "name"] }, { type: "assert" }],
};
