/**
 * The Python app's stderr, forwarded under --verbose, as whole lines. A pipe hands over
 * chunks cut anywhere, so a secret the app logs can arrive in two writes, and the CLI's
 * redactor (which sees one write at a time) would miss both halves. A secret holds no
 * line break, so a write of whole lines carries every secret whole. A line longer than
 * MAX_PENDING is let through in parts, keeping its last KEEP characters back.
 */
const MAX_PENDING = 64 * 1024;
const KEEP = 16 * 1024;

export function wholeLines(write: (text: string) => void): { push(chunk: string): void; flush(): void } {
  let pending = '';
  return {
    push(chunk) {
      pending += chunk;
      const end = pending.lastIndexOf('\n') + 1;
      const cut = end > 0 ? end : pending.length > MAX_PENDING ? pending.length - KEEP : 0;
      if (cut === 0) return;
      write(pending.slice(0, cut));
      pending = pending.slice(cut);
    },
    flush() {
      if (pending) write(pending);
      pending = '';
    },
  };
}
