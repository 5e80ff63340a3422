/** The overview: a row per service and the selected service's figures and findings. */
import { Box } from 'ink';
import type { OverviewModel } from './overview-model.js';
import { LineText } from './LineText.js';
import { Lines } from './Lines.js';

export interface OverviewProps {
  readonly model: OverviewModel;
  readonly color: boolean;
}

export function Overview({ model, color }: OverviewProps) {
  return (
    <Box flexDirection="column">
      <LineText line={model.header} color={color} />
      <Lines lines={model.services} color={color} />
      <Lines lines={model.panel} color={color} />
    </Box>
  );
}
