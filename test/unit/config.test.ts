import { expect } from 'chai';
import { buildRunConfig, parseJsonInput, parseTarget } from '../../src/config.js';
import { UsageError } from '../../src/usage.js';
import { Redactor, MASK } from '../../src/run/redact.js';

describe('run configuration', () => {
  it('parses host:port, [v6]:port and grpc:// endpoints', () => {
    expect(parseTarget('127.0.0.1:50051')).to.deep.equal({ host: '127.0.0.1', port: 50051 });
    expect(parseTarget('[::1]:50051')).to.deep.equal({ host: '::1', port: 50051 });
    expect(parseTarget('grpc://localhost:1')).to.deep.equal({ host: 'localhost', port: 1 });
  });

  it('rejects bad targets, ports and JSON with one clear line', () => {
    expect(() => parseTarget('localhost')).to.throw(UsageError, /not host:port/);
    expect(() => parseTarget('127.0.0.1:70000')).to.throw(UsageError, /out of range/);
    expect(() => parseJsonInput('--options', '{bad')).to.throw(UsageError, /--options: value is not valid JSON/);
    expect(() => parseJsonInput('--options', '[1]')).to.throw(UsageError, /must be a JSON object, got an array/);
    expect(() => parseJsonInput('--options', '@/nonexistent/file.json')).to.throw(UsageError, /cannot read file .*no such file/);
    expect(() => buildRunConfig({ target: '127.0.0.1:1', type: 'nope.Type' })).to.throw(UsageError, /unknown service type "nope.Type"/);
    expect(() => buildRunConfig({ target: '127.0.0.1:1', type: 'notification.Protocol', timeout: '1.5' })).to.throw(UsageError, /--timeout/);
    expect(() => buildRunConfig({ target: '127.0.0.1:1', type: 'notification.Protocol', dispatch: '{}' })).to.throw(UsageError, /--dispatch lacks required key\(s\): message/);
  });
});

describe('secret masking', () => {
  it('masks every secret value, secret-keyed option values and their JSON-escaped forms', () => {
    const redactor = Redactor.fromInputs([{ token: 'xoxb-1"2', nested: { n: 123456 } }], [{ api_key: 'opt-key-1', region: 'us-east-1' }]);
    expect(redactor.text('a xoxb-1"2 b {"t":"xoxb-1\\"2"} 123456 opt-key-1 us-east-1')).to.equal(`a ${MASK} b {"t":"${MASK}"} ${MASK} ${MASK} us-east-1`);
    expect(redactor.deep({ list: ['opt-key-1'], ['xoxb-1"2']: 1 })).to.deep.equal({ list: [MASK], [MASK]: 1 });
  });
});
