/** Progress lines, driven by a fake clock: no timers, no timing in the assertions. */
import { expect } from 'chai';
import { Progress, type ProgressStream } from '../../src/report/progress.js';

function recorder(isTTY: boolean): ProgressStream & { text: string } {
  const stream = { isTTY, text: '', write: (chunk: string) => (stream.text += chunk) };
  return stream;
}

describe('progress', () => {
  it('in a log, writes a line at each tenth done, not on every count', () => {
    let now = 0;
    const stream = recorder(false);
    const progress = new Progress({ label: 'load', unit: 'requests', total: 100, stream, now: () => now });
    for (let done = 1; done <= 100; done++) {
      progress.advance();
      now += 10;
      progress.render();
    }
    progress.finish();
    const lines = stream.text.trimEnd().split('\n');
    expect(lines).to.have.length(10 + 1);
    expect(lines[0]).to.equal('load: 10/100 requests (10%), 100/s, 0.1 s');
    expect(lines[lines.length - 1]).to.equal('load: done 100/100 requests (100%), 100/s, 1.0 s');
    expect(stream.text).not.to.include('\r');
  });

  it('in a log, still writes a line every 5 s when no tenth is crossed', () => {
    let now = 0;
    const stream = recorder(false);
    const progress = new Progress({ label: 'fleet', unit: 'plugins', total: 1000, stream, now: () => now });
    progress.advance(3);
    now = 4_999;
    progress.render();
    expect(stream.text).to.equal('');
    now = 5_000;
    progress.render();
    expect(stream.text).to.equal('fleet: 3/1000 plugins (0%), 0.6/s, 5.0 s\n');
  });

  it('on a terminal, rewrites one live line and ends it with the final one', () => {
    let now = 0;
    const stream = recorder(true);
    const progress = new Progress({ label: 'load', unit: 'requests', total: 4, stream, now: () => now });
    progress.advance();
    now = 500;
    progress.render();
    progress.advance();
    now = 1_000;
    progress.render();
    progress.finish();
    expect(stream.text).to.equal(
      '\rload: 1/4 requests (25%), 2.0/s, 0.5 s\u001b[K' +
        '\rload: 2/4 requests (50%), 2.0/s, 1.0 s\u001b[K' +
        '\rload: done 2/4 requests (50%), 2.0/s, 1.0 s\u001b[K\n',
    );
    progress.render();
    expect(stream.text.endsWith('\n'), 'nothing is drawn after finish').to.equal(true);
  });

  it("keeps a caller's own lines: above the live line on a terminal, plain in a log", () => {
    let now = 0;
    const terminal = recorder(true);
    const live = new Progress({ label: 'fleet', unit: 'plugins', total: 2, stream: terminal, now: () => now });
    now = 1_000;
    live.advance();
    live.log('  PASS    first');
    expect(terminal.text).to.equal('\r\u001b[K  PASS    first\n\rfleet: 1/2 plugins (50%), 1.0/s, 1.0 s\u001b[K');
    const log = recorder(false);
    const quiet = new Progress({ label: 'fleet', unit: 'plugins', total: 2, stream: log, now: () => now });
    quiet.log('  PASS    first');
    expect(log.text).to.equal('  PASS    first\n');
  });

  it('measures a time-bound run by its clock', () => {
    let now = 0;
    const stream = recorder(false);
    const progress = new Progress({ label: 'load', unit: 'requests', durationMs: 10_000, stream, now: () => now });
    progress.advance(250);
    now = 2_500;
    progress.render();
    expect(stream.text).to.equal('load: 250 requests (25%), 100/s, 2.5/10 s\n');
    // A budget in tenths of a second is shown as given, not rounded to whole seconds.
    const short = recorder(false);
    const brief = new Progress({ label: 'load', unit: 'requests', durationMs: 1_500, stream: short, now: () => now });
    brief.finish();
    expect(short.text).to.equal('load: done 0 requests (0%), 0.0/s, 0.0/1.5 s\n');
  });
});
