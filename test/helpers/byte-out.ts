/**
 * A growing byte buffer, as the COPY writer's chunk buffer is one: what a
 * byte writer puts in it, read back as text.
 */
import type { ByteOut } from '../../src/checks/digits.js';

export function byteOut(encoding: BufferEncoding = 'utf8'): ByteOut & { text(): string; reset(): void } {
  const out = {
    buf: new Uint8Array(8),
    pos: 0,
    ensure(n: number) {
      if (out.pos + n <= out.buf.length) return;
      const next = new Uint8Array((out.pos + n) * 2);
      next.set(out.buf.subarray(0, out.pos));
      out.buf = next;
    },
    text: () => Buffer.from(out.buf.subarray(0, out.pos)).toString(encoding),
    reset() {
      out.pos = 0;
    },
  };
  return out;
}
