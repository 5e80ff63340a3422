/**
 * xl/styles.xml (ECMA-376 Part 1, §18.8): only what our sheets use, a
 * number format per cell and a bold font for headers. One font family
 * (Calibri 11, Excel's default), no fills or borders beyond the two fills
 * and the one border every style sheet must have. Cell format 0 is the
 * default (General, not bold), so cells without a style need no `s`.
 */
import { xmlText } from './xlsx-xml.js';

export interface CellStyle {
  /** An Excel number format code such as `#,##0`; none is General. */
  readonly numberFormat?: string;
  readonly bold: boolean;
}

export interface StyleSheet {
  /** The part's XML. */
  readonly xml: string;
  /** The cell format index (`s` of a cell) of one of the styles given to styleSheet. */
  id(style: CellStyle): number;
}

/**
 * Formats Excel knows by number (§18.8.30): written by number and not
 * defined again, as Excel itself does; others are numbered from 164.
 */
const BUILT_IN_FORMATS: ReadonlyMap<string, number> = new Map([
  ['General', 0],
  ['0', 1],
  ['0.00', 2],
  ['#,##0', 3],
  ['#,##0.00', 4],
  ['0%', 9],
  ['0.00%', 10],
  ['0.00E+00', 11],
  ['@', 49],
]);
const FIRST_CUSTOM_FORMAT = 164;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const FONT = '<sz val="11"/><name val="Calibri"/><family val="2"/>';

/**
 * The style sheet for `styles`, numbered in order of first appearance
 * (so the same styles always give the same XML).
 */
export function styleSheet(styles: readonly CellStyle[]): StyleSheet {
  const customFormats = new Map<string, number>();
  const formatId = (code: string | undefined): number => {
    if (code === undefined) return 0;
    const builtIn = BUILT_IN_FORMATS.get(code);
    if (builtIn !== undefined) return builtIn;
    let id = customFormats.get(code);
    if (id === undefined) {
      id = FIRST_CUSTOM_FORMAT + customFormats.size;
      customFormats.set(code, id);
    }
    return id;
  };
  const key = (style: CellStyle): string => `${formatId(style.numberFormat)}/${style.bold ? 1 : 0}`;
  const formats: string[] = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  const ids = new Map<string, number>([['0/0', 0]]);
  for (const style of styles) {
    const styleKey = key(style);
    if (ids.has(styleKey)) continue;
    ids.set(styleKey, formats.length);
    formats.push(cellFormat(formatId(style.numberFormat), style.bold));
  }
  const numberFormats = [...customFormats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${xmlText(code)}"/>`);
  const xml =
    `${XML_HEAD}<styleSheet xmlns="${MAIN}">` +
    (numberFormats.length > 0 ? `<numFmts count="${numberFormats.length}">${numberFormats.join('')}</numFmts>` : '') +
    `<fonts count="2"><font>${FONT}</font><font><b/>${FONT}</font></fonts>` +
    '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${formats.length}">${formats.join('')}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    '</styleSheet>';
  return {
    xml,
    id(style: CellStyle): number {
      const id = ids.get(key(style));
      if (id === undefined) throw new Error(`styleSheet: style ${JSON.stringify(style)} was not given`);
      return id;
    },
  };
}

function cellFormat(numberFormatId: number, bold: boolean): string {
  const applied = `${numberFormatId === 0 ? '' : ' applyNumberFormat="1"'}${bold ? ' applyFont="1"' : ''}`;
  return `<xf numFmtId="${numberFormatId}" fontId="${bold ? 1 : 0}" fillId="0" borderId="0" xfId="0"${applied}/>`;
}
