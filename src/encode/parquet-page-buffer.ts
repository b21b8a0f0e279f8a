/**
 * The plain-encoded values of a Parquet page in one growing buffer: INT32 and
 * INT64 little-endian from a double (an INT64 as its two 32-bit halves, no
 * BigInt), BYTE_ARRAY as a 4-byte length then the UTF-8 bytes: short ASCII
 * copied character by character, anything else by Buffer's encoder.
 */
const TWO_32 = 4_294_967_296;
/** From this length on Buffer's encoder beats the loop (a character past U+007F takes more bytes than units). */
const NATIVE_LENGTH = 32;

export class PageBuffer {
  private buffer: Buffer;
  private view: DataView;
  private at = 0;
  /** No string written had a character past U+007F. */
  ascii = true;

  constructor(capacity: number) {
    this.buffer = Buffer.allocUnsafe(Math.max(64, capacity));
    this.view = new DataView(this.buffer.buffer, this.buffer.byteOffset, this.buffer.byteLength);
  }

  /** Empty again (its memory kept for the next page). */
  reset(): void {
    this.at = 0;
    this.ascii = true;
  }

  private ensure(bytes: number): void {
    if (this.at + bytes <= this.buffer.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.at + bytes));
    this.buffer.copy(grown, 0, 0, this.at);
    this.buffer = grown;
    this.view = new DataView(grown.buffer, grown.byteOffset, grown.byteLength);
  }

  int32(value: number): void {
    this.ensure(4);
    this.view.setInt32(this.at, value, true);
    this.at += 4;
  }

  /** A safe integer as INT64: low word modulo 2^32, high word its floor division (two's complement for negatives). */
  int64(value: number): void {
    this.ensure(8);
    this.view.setUint32(this.at, value >>> 0, true);
    this.view.setInt32(this.at + 4, Math.floor(value / TWO_32), true);
    this.at += 8;
  }

  byteArray(text: string): void {
    const length = text.length;
    this.ensure(4 + length * 3);
    const buffer = this.buffer;
    const start = this.at + 4;
    if (length >= NATIVE_LENGTH) {
      // Long text (descriptions) by Buffer's encoder: ASCII exactly when its bytes are its UTF-16 units.
      const bytes = buffer.write(text, start, 'utf8');
      if (bytes !== length) this.ascii = false;
      this.view.setUint32(this.at, bytes, true);
      this.at = start + bytes;
      return;
    }
    let i = 0;
    for (; i < length; i++) {
      const unit = text.charCodeAt(i);
      if (unit >= 0x80) break;
      buffer[start + i] = unit;
    }
    if (i < length) this.ascii = false;
    const bytes = i === length ? length : i + buffer.write(text.slice(i), start + i, 'utf8');
    this.view.setUint32(this.at, bytes, true);
    this.at = start + bytes;
  }

  /** The bytes written (a view of the buffer: used before the next write). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.at);
  }
}
