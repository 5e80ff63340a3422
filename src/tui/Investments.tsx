/** A service's investments and cost sharing: the lines in view and, when it scrolls, where the view is. */
import { Box } from 'ink';
import type { Line } from './line.js';
import { LineText } from './LineText.js';
import { Lines } from './Lines.js';

export interface InvestmentsProps {
  readonly lines: readonly Line[];
  readonly status?: Line;
  readonly color: boolean;
}

export function Investments({ lines, status, color }: InvestmentsProps) {
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Box flexDirection="column" flexGrow={1}>
        <Lines lines={lines} color={color} />
      </Box>
      {status ? <LineText line={status} color={color} /> : null}
    </Box>
  );
}
