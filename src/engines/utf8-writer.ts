/**
 * Building large report files (flows.csv, summary.json) from many small
 * pieces, straight into UTF-8 bytes. A national summary is a third of a
 * million lines: concatenating strings would leave millions of rope pieces
 * for the garbage collector and a slow final flattening, and the text would
 * still have to be encoded to be written. Short ASCII pieces (ids, numbers,
 * punctuation) are copied byte by byte; anything else goes through
 * `Buffer.write`. Bytes go into blocks of up to 1 MiB, joined once at the end.
 *
 * Numbers of the usual size are written digit by digit (addPlainNumber,
 * addJsonNumber) with the same text as plainNumber and jsonNumber: `x·10^d`
 * below 2^43 is within 0.001 of the exact product, so unless that is within
 * 0.001 of a half the nearest whole number is the one `toFixed(d)` picks;
 * the rest go through number-format.ts.
 */
const POWERS = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
const EXACT_BELOW = 2 ** 43;

import { CSV_DECIMALS, JSON_DECIMALS, jsonNumber, plainNumber } from './number-format.js';

/** Pieces at most this long are copied by hand (a call into the encoder costs more). */
const SHORT = 24;
const BLOCK = 1 << 20;

export class Utf8Writer {
  private readonly full: Buffer[] = [];
  private block: Buffer;
  private length = 0;

  /**
   * `expected`: about how many bytes will be written. A large file written
   * into one block of that size needs no joining copy at the end, and one
   * large allocation instead of many spares the garbage collector (it counts
   * memory outside the heap). Otherwise blocks start small and double up to
   * BLOCK.
   */
  constructor(expected = 4096) {
    this.block = Buffer.allocUnsafe(Math.max(64, Math.ceil(expected)));
  }

  add(text: string): void {
    // Room for the worst case: three bytes per UTF-16 unit.
    if (this.length + 3 * text.length > this.block.length) this.next(3 * text.length);
    const block = this.block;
    if (text.length <= SHORT) {
      let at = this.length;
      for (let k = 0; k < text.length; k++) {
        const code = text.charCodeAt(k);
        if (code >= 128) {
          at += block.write(text.slice(k), at, 'utf8');
          break;
        }
        block[at++] = code;
      }
      this.length = at;
    } else {
      this.length += block.write(text, this.length, 'utf8');
    }
  }

  /** `plainNumber(value, decimals)`. */
  addPlainNumber(value: number | null | undefined, decimals = CSV_DECIMALS): void {
    if (value === null || value === undefined || !this.addDecimal(value, decimals, false)) this.add(plainNumber(value, decimals));
  }

  /** `jsonNumber(value)`. */
  addJsonNumber(value: number | null | undefined): void {
    if (value === null || value === undefined || !this.addDecimal(value, JSON_DECIMALS, true)) this.add(jsonNumber(value));
  }

  /**
   * `value` rounded to `decimals` places, without trailing zeros; false (and
   * nothing written) when it is too large, too close to a tie, or (`json`)
   * below 1e-6 without rounding to 0, where JSON would use an exponent.
   */
  private addDecimal(value: number, decimals: number, json: boolean): boolean {
    const negative = value < 0;
    const size = negative ? -value : value;
    const scale = POWERS[decimals];
    const scaled = size * scale;
    // Also false for NaN and the infinities.
    if (!(scaled < EXACT_BELOW)) return false;
    const floor = Math.floor(scaled);
    const fraction = scaled - floor;
    if (fraction > 0.499 && fraction < 0.501) return false;
    const units = fraction < 0.5 ? floor : floor + 1;
    if (json && units !== 0 && size < 1e-6) return false;
    if (this.length + 48 > this.block.length) this.next(48);
    const block = this.block;
    if (units === 0) {
      block[this.length++] = 48;
      return true;
    }
    if (negative) block[this.length++] = 45; // -
    const whole = Math.floor(units / scale);
    let rest = units - whole * scale;
    this.addDigits(whole, 1);
    if (rest > 0) {
      let places = decimals;
      while (rest % 10 === 0) {
        rest /= 10;
        places--;
      }
      block[this.length++] = 46; // .
      this.addDigits(rest, places);
    }
    return true;
  }

  /** A whole number 0 ≤ n < 2^53, left-padded with zeros to `width` digits. */
  private addDigits(n: number, width: number): void {
    let digits = 1;
    for (let power = 10; power <= n; power *= 10) digits++;
    if (digits < width) digits = width;
    const block = this.block;
    let at = this.length + digits;
    this.length = at;
    for (let k = 0; k < digits; k++) {
      const next = Math.floor(n / 10);
      block[--at] = 48 + (n - next * 10);
      n = next;
    }
  }

  /** Everything written, as one buffer (a view of the block when it all fitted in one). */
  toBytes(): Uint8Array {
    if (this.full.length === 0) return this.block.subarray(0, this.length);
    const bytes = Buffer.concat([...this.full, this.block.subarray(0, this.length)]);
    this.full.length = 0;
    this.block = bytes;
    this.length = bytes.length;
    return bytes;
  }

  toString(): string {
    const bytes = this.toBytes();
    return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).toString('utf8');
  }

  /** Close the current block and start one with room for at least `needed` bytes. */
  private next(needed: number): void {
    this.full.push(this.block.subarray(0, this.length));
    this.block = Buffer.allocUnsafe(Math.max(Math.min(BLOCK, 2 * this.block.length), needed));
    this.length = 0;
  }
}
