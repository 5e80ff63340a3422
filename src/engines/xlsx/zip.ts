/**
 * A deterministic zip archive (PKWARE APPNOTE 6.3, the subset a workbook
 * needs): entries in the given order, every one dated FIXED_DATE, deflated
 * by node:zlib, no extra fields, no data descriptors, no zip64 (the entries
 * of a report are far below 4 GiB). The same entries always give the same
 * bytes, whatever the clock or time zone.
 */
import { crc32, deflateRawSync } from 'node:zlib';

export interface ZipEntry {
  /** Path inside the archive, `/`-separated. */
  readonly name: string;
  readonly data: Uint8Array;
}

/** 2000-01-01 00:00:00 in MS-DOS form (as JSZip reads it: UTC). */
const DOS_TIME = 0;
const DOS_DATE = ((2000 - 1980) << 9) | (1 << 5) | 1;
const DEFLATE = 8;
const STORE = 0;
/** Version 2.0 (deflate), MS-DOS attributes. */
const VERSION = 20;
/** Bit 11: the name is UTF-8. */
const UTF8_NAME = 0x0800;

/**
 * `level` 1, zlib's fastest: on a national workbook it deflates in a third
 * of the time of the default level 6 (44 against 122 ms) for a file a fifth
 * larger (1.33 against 1.12 MB).
 */
export function zipArchive(entries: readonly ZipEntry[], level = 1): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const deflated = deflateRawSync(entry.data, { level });
    // Tiny entries can grow when deflated: store those.
    const [method, body] = deflated.length < entry.data.length ? [DEFLATE, deflated] : [STORE, entry.data];
    const crc = crc32(entry.data);
    const flags = name.length === entry.name.length ? 0 : UTF8_NAME;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(VERSION, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28);
    const header = Buffer.alloc(46);
    header.writeUInt32LE(0x02014b50, 0);
    header.writeUInt16LE(VERSION, 4);
    local.copy(header, 6, 4, 30);
    // Comment length, disk, internal and external attributes: 0.
    header.writeUInt32LE(offset, 42);
    parts.push(local, name, body);
    central.push(header, name);
    offset += local.length + name.length + body.length;
  }
  const size = central.reduce((total, part) => total + part.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, ...central, end]);
}
