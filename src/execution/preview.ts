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
  const text = buf.toString('utf8');
  return text.length > MAX_PREVIEW ? `${text.slice(0, MAX_PREVIEW)}… (${text.length} chars)` : text;
}
