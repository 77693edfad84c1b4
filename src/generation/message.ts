/**
 * The message model shared by generation, execution and reporting.
 */
import type fc from 'fast-check';

export type MessageKind = 'text' | 'json' | 'bytes';

export type Message = { type: 'text'; data: string } | { type: 'json'; data: fc.JsonValue } | { type: 'bytes'; data: Uint8Array };

/** The frame a message goes out as: text frames for text and JSON, binary for bytes. */
export function toFrame(m: Message): { data: string | Buffer; binary: boolean } {
  switch (m.type) {
    case 'text':
      return { data: m.data, binary: false };
    case 'json':
      return { data: JSON.stringify(m.data), binary: false };
    case 'bytes':
      return { data: Buffer.from(m.data.buffer, m.data.byteOffset, m.data.byteLength), binary: true };
  }
}

/** JSON-report form: bytes as base64, everything else as is. */
export function toReportData(m: Message): unknown {
  return m.type === 'bytes' ? Buffer.from(m.data).toString('base64') : m.data;
}
