/**
 * A scrolling view (a municipality's detail, a service's investments): the
 * lines in view and, when it scrolls, a status line saying where the view is.
 */
import { Box } from 'ink';
import type { Line } from './line.js';
import { LineText } from './LineText.js';
import { Lines } from './Lines.js';

export interface ScrolledLinesProps {
  readonly lines: readonly Line[];
  readonly status?: Line;
  readonly color: boolean;
}

export function ScrolledLines({ lines, status, color }: ScrolledLinesProps) {
  return (
    <Box flexDirection="column" flexGrow={1}>
      <Box flexDirection="column" flexGrow={1}>
        <Lines lines={lines} color={color} />
      </Box>
      {status ? <LineText line={status} color={color} /> : null}
    </Box>
  );
}
