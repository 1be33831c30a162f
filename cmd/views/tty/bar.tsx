// A horizontal bar of `width` cells coloured by utilisation (or by a fixed colour), with its percentage.

import { Text } from "ink";
import { barCells, percent, utilisationColor, type UtilColor } from "./utilisation.js";

export const FULL = "█";
export const EMPTY = "░";

export interface BarProps {
  readonly fraction: number;
  readonly width: number;
  readonly color?: UtilColor;
  readonly showPercent?: boolean;
}

export function Bar({ fraction, width, color, showPercent = true }: BarProps) {
  const { filled, empty } = barCells(fraction, width);
  return (
    <Text>
      <Text color={color ?? utilisationColor(fraction)}>{FULL.repeat(filled)}</Text>
      <Text dimColor>{EMPTY.repeat(empty)}</Text>
      {showPercent ? ` ${percent(fraction)}` : ""}
    </Text>
  );
}
