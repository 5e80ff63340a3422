/** Text encodings servflow reads, and the names a manifest may give them. */

export type Encoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1250' | 'iso-8859-2';

const ENCODING_NAMES: Record<string, Encoding> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  'windows-1250': 'windows-1250',
  cp1250: 'windows-1250',
  'cp-1250': 'windows-1250',
  'iso-8859-2': 'iso-8859-2',
  latin2: 'iso-8859-2',
};

/** Canonical encoding for a manifest's `encoding`, or undefined when unknown. */
export function encodingName(name: string): Encoding | undefined {
  const key = name.trim().toLowerCase();
  return Object.hasOwn(ENCODING_NAMES, key) ? ENCODING_NAMES[key] : undefined;
}

export const ENCODING_CHOICES = 'utf-8, windows-1250, iso-8859-2, utf-16le, utf-16be';
