/**
 * Text inside the XML parts of a workbook. Municipality names and notes are
 * data: each must reach the reader as it was, and none may close an element,
 * open markup or be read as anything but text.
 *
 * XML 1.0 cannot carry most C0 control characters, not even as character
 * references, and a parser turns a raw CR into LF. Spreadsheet strings (the
 * shared strings) have their own escape for any UTF-16 unit, `_xHHHH_`
 * (ECMA-376 Part 1, the simple type ST_Xstring), which Excel writes and
 * reads and exceljs decodes; so a literal `_xHHHH_` in a name is escaped
 * too, by writing its underscore as `_x005F_`. Other text (the workbook
 * title, sheet names, number formats) has no such escape: characters that
 * XML cannot carry are dropped there, and tab, LF and CR become character
 * references so that attribute normalisation keeps them.
 *
 * A lone surrogate needs nothing here: UTF-8 encoding (Buffer) writes it as
 * U+FFFD.
 */

/** Characters XML 1.0 cannot carry (C0 controls but tab, LF and CR; U+FFFE, U+FFFF). */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

/** What xmlText changes. */
// eslint-disable-next-line no-control-regex
const XML_SPECIAL = /[&<>"\t\n\r]/g;
// eslint-disable-next-line no-control-regex
const XML_NEEDS_WORK = /[&<>"\u0000-\u001f\ufffe\uffff]/;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' };

/**
 * Text for an attribute value or a plain element: `&`, `<`, `>` and `"` as
 * entities, tab, LF and CR as character references, other characters XML
 * cannot carry dropped.
 *
 * @example xmlText('A & "B"') // => 'A &amp; &quot;B&quot;'
 */
export function xmlText(text: string): string {
  if (!XML_NEEDS_WORK.test(text)) return text;
  return text.replace(NOT_XML, '').replace(XML_SPECIAL, (character) => ENTITIES[character]);
}

/**
 * What spreadsheetText changes: markup, controls (CR included; tab and LF
 * stay) and the underscore of a literal `_xHHHH`. The underscore is escaped
 * even without a closing `_` after the four digits: an escaped control
 * character right after them would supply one (`_x1F0F` then CR is
 * `_x1F0F_x000D_`, which a reader takes for U+1F0F).
 */
// eslint-disable-next-line no-control-regex
const SPREADSHEET_SPECIAL = /[&<>\u0000-\u0008\u000b-\u001f\ufffe\uffff]|_(?=x[0-9A-Fa-f]{4})/g;

/**
 * The content of a spreadsheet string's `<t>` element: every character
 * comes back as it was (`_xHHHH_` for those XML cannot carry).
 *
 * @example spreadsheetText('a\rb <c>') // => 'a_x000D_b &lt;c&gt;'
 */
export function spreadsheetText(text: string): string {
  SPREADSHEET_SPECIAL.lastIndex = 0;
  if (!SPREADSHEET_SPECIAL.test(text)) return text;
  return text.replace(SPREADSHEET_SPECIAL, spreadsheetEscape);
}

function spreadsheetEscape(character: string): string {
  switch (character) {
    case '&':
      return '&amp;';
    case '<':
      return '&lt;';
    case '>':
      return '&gt;';
    default:
      return `_x${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`;
  }
}

/** At most `length` UTF-16 units of `text`, never splitting a character. */
export function cut(text: string, length: number): string {
  if (text.length <= length) return text;
  let result = '';
  for (const character of text) {
    if (result.length + character.length > length) break;
    result += character;
  }
  return result;
}
