// The trees `cairn modules` and `cairn providers` draw, as Terraform's treeprint draws them: "├── " and
// "└── " before each child, "│   " or "    " below it.

export interface TreeItem {
  readonly label: string;
  readonly children: readonly TreeItem[];
}

export function drawTree(rootLabel: string, items: readonly TreeItem[]): string {
  const lines = [rootLabel];
  const walk = (xs: readonly TreeItem[], indent: string) => {
    xs.forEach((x, k) => {
      const last = k === xs.length - 1;
      lines.push(`${indent}${last ? "└── " : "├── "}${x.label}`);
      walk(x.children, indent + (last ? "    " : "│   "));
    });
  };
  walk(items, "");
  return lines.join("\n") + "\n";
}
