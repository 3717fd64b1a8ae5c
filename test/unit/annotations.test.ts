/** GitHub Actions workflow commands: one per failure or warning, escaped as the runner reads them. */
import { expect } from 'chai';
import { annotationLines, annotationsWanted, escapeData, escapeProperty } from '../../src/report/annotations.js';
import type { CheckResult } from '../../src/model/results.js';

function result(overrides: Partial<CheckResult>): CheckResult {
  return { id: 'notification.Protocol/init/responds', group: 'init', description: 'init answers', required: true, status: 'passed', message: '', details: [], warnings: [], durationMs: 1, ...overrides };
}

describe('GitHub Actions annotations', () => {
  it('escapes a message: % first, then CR and LF; nothing else', () => {
    expect(escapeData('100%\r\nnext\nline, a: b')).to.equal('100%25%0D%0Anext%0Aline, a: b');
    expect(escapeData('%0A literal')).to.equal('%250A literal');
  });

  it('escapes a property value: also : and ,', () => {
    expect(escapeProperty('a:b,c%d\ne')).to.equal('a%3Ab%2Cc%25d%0Ae');
  });

  it('prints one ::error per failed or errored check, with what the core would do', () => {
    const failed = result({
      status: 'failed',
      message: 'metadata: 2 problems, 100% bad',
      details: [
        { message: 'one', coreEffect: 'channel create fails' },
        { message: 'two', coreEffect: 'channel create fails' },
      ],
    });
    expect(annotationLines(failed)).to.deep.equal(['::error title=notification.Protocol/init/responds::metadata: 2 problems, 100%25 bad%0Acore: channel create fails']);
    expect(annotationLines(result({ status: 'error', message: 'deadline exceeded' }))).to.deep.equal(['::error title=notification.Protocol/init/responds::deadline exceeded']);
  });

  it('says the warnings --strict failed a check for in its one ::error, not again as ::warning lines', () => {
    const strictFailed = result({
      status: 'failed',
      message: '--strict: 2 warnings fail this check: no data.schema (and more below)',
      warnings: ['no data.schema', 'no title'],
      overruled: { status: 'passed', by: '--strict' },
    });
    expect(annotationLines(strictFailed)).to.deep.equal(['::error title=notification.Protocol/init/responds::--strict: 2 warnings fail this check: no data.schema (and more below)%0Ano title']);
  });

  it('escapes the check ID as a property', () => {
    expect(annotationLines(result({ id: 'a:b,c', status: 'failed', message: 'x' }))).to.deep.equal(['::error title=a%3Ab%2Cc::x']);
  });

  it('prints one ::warning per warning, and none for a clean pass, a skip or a not-run', () => {
    expect(annotationLines(result({ warnings: ['no data.schema', 'second\nline'] }))).to.deep.equal([
      '::warning title=notification.Protocol/init/responds::no data.schema',
      '::warning title=notification.Protocol/init/responds::second%0Aline',
    ]);
    expect(annotationLines(result({}))).to.deep.equal([]);
    expect(annotationLines(result({ status: 'skipped', message: 'not requested' }))).to.deep.equal([]);
    expect(annotationLines(result({ status: 'not-run', message: 'init failed' }))).to.deep.equal([]);
  });

  it('makes an expected failure (--known-failures) a warning: it does not fail the run', () => {
    const lines = annotationLines(result({ status: 'failed', message: 'verify failed', knownFailure: { pattern: '*/verify/*', reason: 'needs a live token' } }));
    expect(lines).to.deep.equal(['::warning title=notification.Protocol/init/responds::expected to fail (known-failures "*/verify/*": needs a live token): verify failed']);
  });

  it('is on only when GITHUB_ACTIONS is exactly true, as the runner sets it', () => {
    expect(annotationsWanted({ GITHUB_ACTIONS: 'true' })).to.equal(true);
    expect(annotationsWanted({ GITHUB_ACTIONS: '' })).to.equal(false);
    expect(annotationsWanted({})).to.equal(false);
  });
});
