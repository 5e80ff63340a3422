/**
 * xl/sharedStrings.xml (ECMA-376 Part 1, §18.4): every distinct text once,
 * cells refer to it by index. A national workbook repeats the same
 * municipality and service names tens of thousands of times, so the table
 * keeps the sheets small, and each text is escaped only once.
 */
import { Utf8Writer } from '../utf8-writer.js';
import { cut, spreadsheetText } from './xlsx-xml.js';

/** The most characters (UTF-16 units) Excel holds in a cell; longer text is cut rather than making Excel repair the file. */
export const MAX_CELL_TEXT = 32767;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';

export class SharedStrings {
  private readonly indices = new Map<string, number>();
  /** Cells referring to the table (the part's `count`). */
  private references = 0;

  /** The index of `text` (cut to MAX_CELL_TEXT), added when new. */
  index(text: string): number {
    this.references += 1;
    let index = this.indices.get(text);
    if (index === undefined) {
      const kept = text.length > MAX_CELL_TEXT ? cut(text, MAX_CELL_TEXT) : text;
      index = kept === text ? undefined : this.indices.get(kept);
      if (index === undefined) {
        index = this.indices.size;
        this.indices.set(kept, index);
      }
    }
    return index;
  }

  /** The part, texts in order of their index. Every `<t>` preserves its spaces: a name's spaces are data too. */
  toBytes(): Uint8Array {
    const xml = new Utf8Writer(64 * this.indices.size + 256);
    xml.add(`${XML_HEAD}<sst xmlns="${MAIN}" count="${this.references}" uniqueCount="${this.indices.size}">`);
    for (const text of this.indices.keys()) {
      xml.add('<si><t xml:space="preserve">');
      xml.add(spreadsheetText(text));
      xml.add('</t></si>');
    }
    xml.add('</sst>');
    return xml.toBytes();
  }
}
