// A provider configuration: configured in the plan and the apply walks once its references are known; the
// validate walk calls no provider.

import { configureProvider } from "../../eval/configure-provider.js";
import { applyEach, planEach, type NodeKind, type NodeOfKind } from "../node-kind.js";

type ProviderNode = NodeOfKind<"provider">;

export const providerKind: NodeKind<ProviderNode> = {
  validate: () => [],
  plan: (whole, node) => planEach(whole, node, (ctx) => configureProvider(ctx, node)),
  apply: (whole, node) => applyEach(whole, node, (ctx) => configureProvider(ctx, node)),
};
