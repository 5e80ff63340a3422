/** The municipalities of a service: header, the rows in view, and where the view is. */
import { Box } from 'ink';
import type { TableModel } from './municipality-table.js';
import { LineText } from './LineText.js';
import { Lines } from './Lines.js';

export interface MunicipalityTableProps {
  readonly model: TableModel;
  readonly color: boolean;
}

export function MunicipalityTable({ model, color }: MunicipalityTableProps) {
  return (
    <Box flexDirection="column" flexGrow={1}>
      <LineText line={model.header} color={color} />
      <Box flexDirection="column" flexGrow={1}>
        <Lines lines={model.rows} color={color} />
      </Box>
      <LineText line={model.status} color={color} />
    </Box>
  );
}
