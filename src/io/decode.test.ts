import { describe, expect, it } from 'vitest';
import { decodeBytes, encodingName } from './decode.js';

/**
 * Windows-1250 bytes written by hand from the code page table (not produced
 * by the decoder under test): ASCII is itself, the Polish letters are
 * ą B9, ć E6, ę EA, ł B3, ń F1, ó F3, ś 9C, ź 9F, ż BF,
 * Ą A5, Ć C6, Ę CA, Ł A3, Ń D1, Ó D3, Ś 8C, Ź 8F, Ż AF.
 */
const CP1250: Record<string, number> = {
  ą: 0xb9,
  ć: 0xe6,
  ę: 0xea,
  ł: 0xb3,
  ń: 0xf1,
  ó: 0xf3,
  ś: 0x9c,
  ź: 0x9f,
  ż: 0xbf,
  Ą: 0xa5,
  Ć: 0xc6,
  Ę: 0xca,
  Ł: 0xa3,
  Ń: 0xd1,
  Ó: 0xd3,
  Ś: 0x8c,
  Ź: 0x8f,
  Ż: 0xaf,
};
function cp1250(text: string): Uint8Array {
  return Uint8Array.from([...text], (char) => {
    const code = char.charCodeAt(0);
    if (code < 0x80) return code;
    const byte = CP1250[char];
    if (byte === undefined) throw new Error(`no cp1250 byte for ${char} in this table`);
    return byte;
  });
}

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

function decoded(bytes: Uint8Array): { text: string; encoding: string } {
  const result = decodeBytes(bytes);
  if (!result.ok) throw new Error(`expected text, got: ${result.reason}`);
  return { text: result.text, encoding: result.encoding };
}
function refused(bytes: Uint8Array): string {
  const result = decodeBytes(bytes);
  if (result.ok) throw new Error(`expected a refusal, got text ${JSON.stringify(result.text)}`);
  return result.reason;
}

describe('decodeBytes: bad input', () => {
  it('refuses an empty file', () => {
    expect(refused(new Uint8Array(0))).toBe('the file is empty');
  });

  it('refuses a file with a NUL byte as binary, naming the offset', () => {
    expect(refused(Uint8Array.from([0x69, 0x64, 0x0a, 0x00, 0x01]))).toBe('binary file (NUL byte at offset 3), expected CSV text');
  });

  it('refuses text full of control characters as binary', () => {
    // 10 of 20 bytes are control characters: far above 1 in 20
    const bytes = Uint8Array.from({ length: 20 }, (_, index) => (index % 2 === 0 ? 0x41 : 0x07));
    expect(refused(bytes)).toBe('binary file (control characters), expected CSV text');
  });

  it('refuses a zip signature with the xlsx message', () => {
    expect(refused(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00]))).toBe('this is a zip or .xlsx file, not CSV text; save the sheet as CSV (UTF-8 or Windows-1250)');
  });

  it('refuses an old .xls file', () => {
    expect(refused(Uint8Array.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('this is an .xls spreadsheet, not CSV text; save the sheet as CSV');
  });

  it('refuses bytes that are not valid in a forced encoding', () => {
    // C3 28: a lead byte followed by a byte that cannot continue it
    const result = decodeBytes(Uint8Array.from([0x61, 0xc3, 0x28]), 'utf-8');
    expect(result).toEqual({ ok: false, reason: 'the file is not valid utf-8 text' });
  });
});

describe('decodeBytes: encodings accepted', () => {
  it('reads UTF-8 without a BOM', () => {
    expect(decoded(utf8('id,name\n0402073,Jabłonowo Pomorskie\n'))).toEqual({ text: 'id,name\n0402073,Jabłonowo Pomorskie\n', encoding: 'utf-8' });
  });

  it('reads UTF-8 with a BOM and drops the BOM', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...utf8('id,name\n1,Łódź\n')]);
    expect(decoded(bytes)).toEqual({ text: 'id,name\n1,Łódź\n', encoding: 'utf-8' });
  });

  it('detects Windows-1250 and keeps the Polish letters intact', () => {
    const bytes = cp1250('kod;nazwa\n0201011;Bolesławiec\n1061011;Łódź\n0202011;Dzierżoniów\n');
    // the hand-made bytes really are cp1250: ł = B3, Ł = A3, ó = F3, ź = 9F, ż = BF
    expect([...bytes.subarray(18, 24)]).toEqual([0x42, 0x6f, 0x6c, 0x65, 0x73, 0xb3]);
    expect(decoded(bytes)).toEqual({ text: 'kod;nazwa\n0201011;Bolesławiec\n1061011;Łódź\n0202011;Dzierżoniów\n', encoding: 'windows-1250' });
  });

  it('decodes every Polish letter from Windows-1250', () => {
    const letters = 'ąćęłńóśźżĄĆĘŁŃÓŚŹŻ';
    expect(decoded(cp1250(`x\n${letters}\n`))).toEqual({ text: `x\n${letters}\n`, encoding: 'windows-1250' });
  });

  it('uses a forced encoding even for text that is also valid UTF-8', () => {
    // UTF-8 ł is C5 82; in Windows-1250 C5 is Ĺ and 82 is ‚ (the mojibake a wrong manifest asks for)
    const result = decodeBytes(utf8('ł'), 'windows-1250');
    expect(result).toEqual({ ok: true, text: 'Ĺ‚', encoding: 'windows-1250' });
  });

  it('reads UTF-16LE with a BOM (the NUL bytes of UTF-16 are not binary)', () => {
    const text = 'id,name\n1,Łódź\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let index = 0; index < text.length; index++) {
      bytes[2 + 2 * index] = text.charCodeAt(index) & 0xff;
      bytes[3 + 2 * index] = text.charCodeAt(index) >> 8;
    }
    expect(decoded(bytes)).toEqual({ text, encoding: 'utf-16le' });
  });

  it('reads UTF-16BE with a BOM', () => {
    const bytes = Uint8Array.from([0xfe, 0xff, 0x00, 0x69, 0x00, 0x64, 0x01, 0x41]);
    expect(decoded(bytes)).toEqual({ text: 'idŁ', encoding: 'utf-16be' });
  });
});

describe('encodingName', () => {
  it.each([
    ['UTF-8', 'utf-8'],
    ['utf8', 'utf-8'],
    [' cp1250 ', 'windows-1250'],
    ['Windows-1250', 'windows-1250'],
  ])('%j → %s', (name, expected) => {
    expect(encodingName(name)).toBe(expected);
  });

  it('knows ISO-8859-2 as latin2, and nothing made up', () => {
    expect(encodingName('latin2')).toBe('iso-8859-2');
    expect(encodingName('iso-8859-2')).toBe('iso-8859-2');
    expect(encodingName('klingon')).toBeUndefined();
  });
});

describe('ISO-8859-2 versus Windows-1250', () => {
  // "Wąpielsk;Świedziebnia" — ą Ś differ between the two code pages:
  // ISO-8859-2 ą = B1, Ś = A6; Windows-1250 ą = B9, Ś = 8C (both tables by hand).
  const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));
  const iso = Uint8Array.from([...ascii('W'), 0xb1, ...ascii('pielsk;'), 0xa6, ...ascii('wiedziebnia')]);
  const windows = Uint8Array.from([...ascii('W'), 0xb9, ...ascii('pielsk;'), 0x8c, ...ascii('wiedziebnia')]);

  it('reads ISO-8859-2 letters that Windows-1250 would garble', () => {
    expect(decoded(iso)).toEqual({ text: 'Wąpielsk;Świedziebnia', encoding: 'iso-8859-2' });
  });

  it('keeps Windows-1250 when its own bytes for those letters appear', () => {
    expect(decoded(windows)).toEqual({ text: 'Wąpielsk;Świedziebnia', encoding: 'windows-1250' });
  });
});
