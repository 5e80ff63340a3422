/**
 * Bytes of a data file → text. Detects UTF-8 (with or without BOM), UTF-16
 * with BOM, Windows-1250 (what Polish spreadsheets save) and ISO-8859-2
 * (older Unix exports), and refuses binary files and spreadsheets saved in
 * their own format.
 */
import type { Encoding } from '../model/encoding.js';

export { encodingName } from '../model/encoding.js';

export type Decoded = { readonly ok: true; readonly text: string; readonly encoding: Encoding } | { readonly ok: false; readonly reason: string };

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => bytes[index] === byte);
}

/** Decode a file's bytes; `forced` is the manifest's encoding, if any. */
export function decodeBytes(bytes: Uint8Array, forced?: Encoding): Decoded {
  if (bytes.length === 0) return { ok: false, reason: 'the file is empty' };
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    return { ok: false, reason: 'this is a zip or .xlsx file, not CSV text; save the sheet as CSV (UTF-8 or Windows-1250)' };
  }
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    return { ok: false, reason: 'this is an .xls spreadsheet, not CSV text; save the sheet as CSV' };
  }
  if (startsWith(bytes, [0xff, 0xfe])) return decodeWith(bytes.subarray(2), 'utf-16le');
  if (startsWith(bytes, [0xfe, 0xff])) return decodeWith(bytes.subarray(2), 'utf-16be');
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return decodeWith(bytes.subarray(3), 'utf-8');
  const binary = binaryReason(bytes);
  if (binary) return { ok: false, reason: binary };
  if (forced) return decodeWith(bytes, forced);
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return decodeWith(bytes, looksLikeIso88592(bytes) ? 'iso-8859-2' : 'windows-1250');
  }
}

/**
 * Windows-1250 and ISO-8859-2 differ in six Polish letters: ą ś ź Ą Ś Ź are
 * B9 9C 9F A5 8C 8F in the first and B1 B6 BC A1 A6 AC in the second. Bytes
 * from the second set without any from the first mean ISO-8859-2 (in
 * Windows-1250 they would be ± ¶ ĽˇŚ¬, which real names do not contain).
 */
export function looksLikeIso88592(bytes: Uint8Array): boolean {
  let iso = 0;
  for (const byte of bytes) {
    if (byte === 0xb9 || byte === 0x9c || byte === 0x9f || byte === 0xa5 || byte === 0x8c || byte === 0x8f) return false;
    if (byte === 0xb1 || byte === 0xb6 || byte === 0xbc || byte === 0xa1 || byte === 0xa6 || byte === 0xac) iso++;
  }
  return iso > 0;
}

function decodeWith(bytes: Uint8Array, encoding: Encoding): Decoded {
  try {
    return { ok: true, text: new TextDecoder(encoding, { fatal: true }).decode(bytes), encoding };
  } catch {
    return { ok: false, reason: `the file is not valid ${encoding} text` };
  }
}

/** A NUL byte anywhere, or many control characters in the first 64 KiB, mean a binary file. */
function binaryReason(bytes: Uint8Array): string | undefined {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `binary file (NUL byte at offset ${nul}), expected CSV text`;
  const sample = bytes.subarray(0, 65536);
  let control = 0;
  for (let index = 0; index < sample.length; index++) {
    const byte = sample[index];
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control++;
  }
  if (control > sample.length / 20) return 'binary file (control characters), expected CSV text';
  return undefined;
}
