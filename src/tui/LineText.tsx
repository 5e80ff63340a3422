/** One computed line: segments in their tones, or plain text without colours. */
import { Text } from 'ink';
import type { Line, Tone } from './line.js';
import { terminalText } from '../model/text.js';

export interface LineTextProps {
  readonly line: Line;
  readonly color: boolean;
}

const TONES: Record<Tone, { color?: string; bold?: boolean; dimColor?: boolean }> = {
  plain: {},
  bold: { bold: true },
  dim: { dimColor: true },
  bad: { color: 'red' },
  good: { color: 'green' },
  warn: { color: 'yellow' },
  accent: { color: 'cyan' },
};

/** Every segment passes the one terminal escaping (data strings were escaped before layout; this is the last guard). */
export function LineText({ line, color }: LineTextProps) {
  const text = terminalText(line.segments.map((part) => part.text).join(''));
  if (!color || text === '') return <Text wrap="truncate-end">{text === '' ? ' ' : text}</Text>;
  return (
    <Text wrap="truncate-end" inverse={line.selected === true}>
      {line.segments.map((part, k) => (
        <Text key={k} {...TONES[part.tone ?? 'plain']}>
          {terminalText(part.text)}
        </Text>
      ))}
    </Text>
  );
}
