/** The whole screen: header, the body of the current view, footer at the bottom. */
import { Box } from 'ink';
import { ScrolledLines } from './ScrolledLines.js';
import { LineText } from './LineText.js';
import { Lines } from './Lines.js';
import { MunicipalityTable } from './MunicipalityTable.js';
import { Overview } from './Overview.js';
import type { Body, ScreenModel } from './view-model.js';

export interface ScreenProps {
  readonly model: ScreenModel;
  readonly color: boolean;
}

function BodyView({ body, color }: { readonly body: Body; readonly color: boolean }) {
  switch (body.kind) {
    case 'overview':
      return <Overview model={body.model} color={color} />;
    case 'municipalities':
      return <MunicipalityTable model={body.model} color={color} />;
    case 'detail':
    case 'investments':
      return <ScrolledLines lines={body.lines} status={body.status} color={color} />;
    case 'text':
      return <Lines lines={body.lines} color={color} />;
  }
}

export function Screen({ model, color }: ScreenProps) {
  return (
    <Box flexDirection="column" height={model.height}>
      <Lines lines={model.header} color={color} />
      <Box flexDirection="column" flexGrow={1} overflow="hidden">
        <BodyView body={model.body} color={color} />
      </Box>
      <LineText line={model.footer} color={color} />
    </Box>
  );
}
