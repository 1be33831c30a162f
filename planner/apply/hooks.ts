// What the apply walk tells its view as it goes (OpenTofu's terraform.Hook, reduced to what Cairn's views
// print): an operation starting, finishing or failing on one resource instance.

export type ApplyAction = "create" | "update" | "delete" | "read";

export interface ApplyHooks {
  preApply(addr: string, action: ApplyAction, idForDisplay?: string): void;
  postApply(addr: string, action: ApplyAction, idForDisplay: string | undefined, failed: boolean): void;
}

export const noHooks: ApplyHooks = { preApply() {}, postApply() {} };
