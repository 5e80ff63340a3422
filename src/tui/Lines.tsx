/** Computed lines, one under another. */
import { Box } from 'ink';
import type { Line } from './line.js';
import { LineText } from './LineText.js';

export interface LinesProps {
  readonly lines: readonly Line[];
  readonly color: boolean;
}

export function Lines({ lines, color }: LinesProps) {
  return (
    <Box flexDirection="column">
      {lines.map((line, k) => (
        <LineText key={k} line={line} color={color} />
      ))}
    </Box>
  );
}
