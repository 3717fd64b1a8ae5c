/**
 * What a process printed, kept within a fixed size: the start (how it began) and the end (why it
 * stopped), with the number of bytes left out between them. A chatty plugin cannot fill memory
 * or a report.
 */
export const OUTPUT_HEAD_BYTES = 16 * 1024;
export const OUTPUT_TAIL_BYTES = 48 * 1024;

export class BoundedOutput {
  private head = Buffer.alloc(0);
  private tail = Buffer.alloc(0);
  private omitted = 0;

  constructor(private readonly headBytes = OUTPUT_HEAD_BYTES, private readonly tailBytes = OUTPUT_TAIL_BYTES) {}

  append(chunk: Buffer): void {
    let rest = chunk;
    if (this.head.length < this.headBytes) {
      const take = Math.min(this.headBytes - this.head.length, rest.length);
      this.head = Buffer.concat([this.head, rest.subarray(0, take)]);
      rest = rest.subarray(take);
    }
    if (rest.length === 0) return;
    const combined = Buffer.concat([this.tail, rest]);
    const overflow = Math.max(0, combined.length - this.tailBytes);
    this.omitted += overflow;
    this.tail = combined.subarray(overflow);
  }

  text(): string {
    const gap = this.omitted > 0 ? `\n… ${this.omitted} bytes left out …\n` : '';
    return `${this.head.toString('utf8')}${gap}${this.tail.toString('utf8')}`;
  }
}
