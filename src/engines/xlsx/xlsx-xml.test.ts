/**
 * Text in workbook XML: markup is escaped, characters XML cannot carry are
 * dropped (plain text) or escaped as `_xHHHH_` (spreadsheet strings), and a
 * literal `_xHHHH_` survives. Reading back through a real reader is in
 * xlsx-writer.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cut, spreadsheetText, xmlText } from './xlsx-xml.js';

/** Any character XML 1.0 cannot hold, raw. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/;

/** What Excel does with a `<t>` text after the XML parser: `_xHHHH_` back to the unit. */
function decodeSpreadsheet(xml: string): string {
  const text = xml.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

describe('xmlText', () => {
  it('escapes markup, quotes and line ends, and drops what XML cannot hold', () => {
    expect(xmlText('plain Wąpielsk')).toBe('plain Wąpielsk');
    expect(xmlText('A & "B" <c> \'d\'')).toBe("A &amp; &quot;B&quot; &lt;c&gt; 'd'");
    expect(xmlText('a\tb\nc\rd')).toBe('a&#9;b&#10;c&#13;d');
    expect(xmlText('a\u0000b\u0007c\u001fd\ufffee\uffff')).toBe('abcde');
  });

  it('never leaves a raw <, & or a character XML cannot hold', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (text) => {
        const xml = xmlText(text);
        return !xml.includes('<') && !/&(?!amp;|lt;|gt;|quot;|#9;|#10;|#13;)/.test(xml) && !NOT_XML.test(xml) && !xml.includes('"');
      }),
    );
  });
});

describe('spreadsheetText', () => {
  it('escapes markup and control characters, keeps tab and LF, and escapes a literal _xHHHH_', () => {
    expect(spreadsheetText('Brzozie')).toBe('Brzozie');
    expect(spreadsheetText('<img src=x onerror=alert(1)>')).toBe('&lt;img src=x onerror=alert(1)&gt;');
    expect(spreadsheetText('a]]>b</t></si>')).toBe('a]]&gt;b&lt;/t&gt;&lt;/si&gt;');
    expect(spreadsheetText("'\ra\u0000b\u001bc\tl\nm")).toBe("'_x000D_a_x0000_b_x001B_c\tl\nm");
    expect(spreadsheetText('_x0041_ and _x00e9_ and _x12_')).toBe('_x005F_x0041_ and _x005F_x00e9_ and _x12_');
    expect(spreadsheetText('=HYPERLINK("http://x","y")')).toBe('=HYPERLINK("http://x","y")');
    // found by the read-back property test: without its own closing underscore, `_x1F0F` would
    // borrow the one of the escaped CR after it and come back as U+1F0F
    expect(spreadsheetText('_x1F0F\r')).toBe('_x005F_x1F0F_x000D_');
  });

  it('gives valid XML text that decodes to the same characters', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom('_x0041_', '_x005F_', '_x00', '_x1F0F', '&amp;', '\r\n', '\r', ']]>', '_')), { maxLength: 12 }),
        (pieces) => {
          const text = pieces.join('');
          const xml = spreadsheetText(text);
          return !xml.includes('<') && !xml.includes('>') && !xml.includes('\r') && !NOT_XML.test(xml) && decodeSpreadsheet(xml) === text;
        },
      ),
    );
  });
});

describe('cut', () => {
  it('keeps at most the given UTF-16 units without splitting a character', () => {
    expect(cut('abc', 5)).toBe('abc');
    expect(cut('abcdef', 3)).toBe('abc');
    expect(cut('ab😀', 3)).toBe('ab');
    expect(cut('ab😀', 4)).toBe('ab😀');
  });
});
