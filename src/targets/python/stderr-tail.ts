/**
 * The last lines of the bridge's stderr, for error messages ("the app exited: ...").
 * The app writes what it likes there: a progress bar drawn with `\r` and no newline
 * is one line of any length (tqdm without a terminal: 64 MB while a model loads).
 * Each chunk is read once (the old tail re-split the whole partial line on every chunk:
 * quadratic, 20 s and 0.9 GB for 64 MB), and a line keeps only its last
 * MAX_LINE_CHARS characters, saying how many it dropped.
 */

export const KEEP_LINES = 40;
export const MAX_LINE_CHARS = 2000;

export class StderrTail {
  private lines: string[] = [];
  private partial = '';
  /** Characters dropped from the start of the current line. */
  private dropped = 0;

  push(chunk: string): void {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      this.append(chunk.slice(start, nl));
      this.lines.push(this.current());
      if (this.lines.length > KEEP_LINES) this.lines.shift();
      this.partial = '';
      this.dropped = 0;
      start = nl + 1;
    }
    this.append(chunk.slice(start));
  }

  text(): string {
    return [...this.lines, this.current()].filter((l) => l.trim() !== '').join('\n');
  }

  /** Trims only once the line is twice the bound, so each character is copied a bounded number of times. */
  private append(piece: string): void {
    this.partial += piece;
    if (this.partial.length > 2 * MAX_LINE_CHARS) {
      const cut = this.partial.length - MAX_LINE_CHARS;
      this.dropped += cut;
      this.partial = this.partial.slice(cut);
    }
  }

  private current(): string {
    if (this.partial.length > MAX_LINE_CHARS) {
      const cut = this.partial.length - MAX_LINE_CHARS;
      return `… (${(this.dropped + cut).toLocaleString('en-US')} characters cut) ${this.partial.slice(cut)}`;
    }
    return this.dropped ? `… (${this.dropped.toLocaleString('en-US')} characters cut) ${this.partial}` : this.partial;
  }
}
