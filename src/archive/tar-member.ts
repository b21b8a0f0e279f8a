/**
 * The pieces of a tar file as pg_dump's tar format writes them
 * (src/port/tar.c, tarCreateHeader): 512-byte ustar headers for regular
 * files, mode 0600, uid 04000, gid 02000, owner names "postgres", members
 * padded to 512 bytes, and two zero blocks at the end.
 */

export const TAR_BLOCK_SIZE = 512;

/**
 * A numeric field: octal with leading zeros and a trailing space, or, when
 * the value does not fit, GNU base-256 (0x80, then the value big-endian), as
 * print_tar_number writes it and read_tar_number reads it.
 */
function putNumber(h: Uint8Array, offset: number, length: number, value: number): void {
  if (value < 2 ** ((length - 1) * 3)) {
    const octal = value.toString(8).padStart(length - 1, '0');
    for (let i = 0; i < length - 1; i++) h[offset + i] = octal.charCodeAt(i);
    h[offset + length - 1] = 0x20;
    return;
  }
  h[offset] = 0x80;
  let v = BigInt(value);
  for (let i = length - 1; i > 0; i--) {
    h[offset + i] = Number(v & 0xffn);
    v >>= 8n;
  }
}

function putString(h: Uint8Array, offset: number, length: number, text: string): void {
  const bytes = Buffer.from(text, 'utf8');
  if (bytes.length >= length)
    throw new Error(`internal: tar field "${text}" longer than ${length - 1} bytes`);
  h.set(bytes, offset);
}

/** The header of a regular-file member of `size` bytes, modified at `mtime`. */
export function tarHeader(name: string, size: number, mtime: Date): Uint8Array {
  const h = new Uint8Array(TAR_BLOCK_SIZE);
  putString(h, 0, 100, name); // name
  putNumber(h, 100, 8, 0o600); // mode
  putNumber(h, 108, 8, 0o4000); // uid
  putNumber(h, 116, 8, 0o2000); // gid
  putNumber(h, 124, 12, size); // size
  putNumber(h, 136, 12, Math.max(0, Math.floor(mtime.getTime() / 1000))); // mtime
  h[156] = 0x30; // typeflag '0': regular file
  putString(h, 257, 6, 'ustar'); // magic "ustar\0"
  h[263] = 0x30; // version "00", no NUL
  h[264] = 0x30;
  putString(h, 265, 32, 'postgres'); // uname
  putString(h, 297, 32, 'postgres'); // gname
  putNumber(h, 329, 8, 0); // devmajor
  putNumber(h, 337, 8, 0); // devminor
  // chksum: the byte sum with the checksum field read as eight spaces.
  let sum = 8 * 0x20;
  for (let i = 0; i < TAR_BLOCK_SIZE; i++) if (i < 148 || i >= 156) sum += h[i] ?? 0;
  putNumber(h, 148, 8, sum);
  return h;
}

/** Zero bytes that fill a member of `size` bytes up to the next block. */
export function tarPadding(size: number): Uint8Array {
  const rest = size % TAR_BLOCK_SIZE;
  return new Uint8Array(rest === 0 ? 0 : TAR_BLOCK_SIZE - rest);
}

/** The end-of-archive marker: two zero blocks. */
export const TAR_TRAILER: Uint8Array = new Uint8Array(2 * TAR_BLOCK_SIZE);
