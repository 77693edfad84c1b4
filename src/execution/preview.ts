/** A short printable view of a received frame, for `last_response` in reports. */
const MAX_PREVIEW = 200;

export function preview(buf: Buffer, isBinary: boolean): string {
  if (isBinary) {
    const hex = buf
      .subarray(0, 32)
      .toString('hex')
      .replace(/(..)(?!$)/g, '$1 ');
    return `<${buf.length} bytes> ${hex}${buf.length > 32 ? ' …' : ''}`;
  }
  // Only the start is decoded: 4 bytes per character at most, and a code point cut at the end lies past what is shown.
  const text = buf.subarray(0, MAX_PREVIEW * 4).toString('utf8');
  return text.length > MAX_PREVIEW || buf.length > MAX_PREVIEW * 4 ? `${text.slice(0, MAX_PREVIEW)}… (${buf.length} bytes)` : text;
}

/** A received message as one Buffer, without copying one that already is (ws hands us Buffers). */
export function frameBuffer(data: Buffer | ArrayBuffer | Buffer[]): Buffer {
  if (Buffer.isBuffer(data)) return data;
  return Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data);
}
