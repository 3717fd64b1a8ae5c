/** The robustness group's inputs and how it judges answers, without a server. */
import { expect } from 'chai';
import * as grpc from '@grpc/grpc-js';
import { notificationProtocol } from '../../suites/notification.Protocol/entry.js';
import type { CallOutcome } from '../../src/grpc/client.js';
import { loadProtoRoot, methodCodec, type Decoded } from '../../src/grpc/protos.js';
import type { Json, JsonObject } from '../../src/grpc/struct.js';
import { judgeOddAnswer, LARGE_OPTIONS_BYTES, NESTING_DEPTH, ODD_INPUTS, robustnessChecks, type OddInput } from '../../src/checks/groups/robustness.js';

const init = notificationProtocol.init;
const codec = methodCodec(loadProtoRoot(notificationProtocol.protoFiles), 'spaceone.api.notification.plugin.Protocol', 'init');
const normal: JsonObject = { options: { channel: '#alerts', retries: 3 } };
const input = (name: string): OddInput => {
  const found = ODD_INPUTS.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no odd input ${name}`);
  return found;
};
const options = (name: string): JsonObject => input(name).request(normal)['options'] as JsonObject;

function depth(value: Json): number {
  if (value === null || typeof value !== 'object') return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + Math.max(0, ...children.map(depth));
}

const failure = (code: grpc.status, details: string): CallOutcome<Decoded> => ({ ok: false, failure: { code, codeName: grpc.status[code], details }, elapsedMs: 1 });

describe('robustness inputs', () => {
  it('every type gets the group: one check per odd input, repeated init and verify, parallel init', () => {
    const names = robustnessChecks(notificationProtocol).map((check) => `${check.group}/${check.name}`);
    expect(names).to.deep.equal([
      'robustness/missing-parameters', 'robustness/wrong-kinds', 'robustness/unknown-keys', 'robustness/large-options',
      'robustness/deep-options', 'robustness/non-ascii', 'robustness/repeated-init', 'robustness/repeated-verify', 'robustness/parallel-init',
    ]);
  });

  it('sends no key at all for missing parameters, so no options field is on the wire', () => {
    expect(input('missing-parameters').request(normal)).to.deep.equal({});
    expect(codec.encodeRequest(input('missing-parameters').request(normal))).to.have.length(0);
  });

  it('turns every option value into a list, and sends a list even without options', () => {
    expect(options('wrong-kinds')).to.deep.equal({ channel: ['#alerts'], retries: [3] });
    const fromEmpty = input('wrong-kinds').request({ options: {} })['options'] as JsonObject;
    expect(Object.values(fromEmpty).every(Array.isArray)).to.equal(true);
  });

  it('keeps the given options beside unknown keys, large, deep and non-ASCII ones', () => {
    for (const name of ['unknown-keys', 'large-options', 'deep-options', 'non-ascii']) expect(options(name)).to.include({ channel: '#alerts', retries: 3 });
  });

  it('sends 1 MiB of options, within the 4 MiB a grpcio server accepts by default', () => {
    const bytes = codec.encodeRequest(input('large-options').request(normal)).length;
    expect(bytes).to.be.within(LARGE_OPTIONS_BYTES, 4 * 1024 * 1024);
  });

  it(`nests options ${NESTING_DEPTH} levels deep, and they survive the wire both ways`, () => {
    const sent = input('deep-options').request(normal);
    expect(depth((sent['options'] as JsonObject)['conformance_deep'] as Json)).to.equal(NESTING_DEPTH);
    expect(codec.decodeRequest(codec.encodeRequest(sent)).message).to.deep.equal(sent);
  });

  it('sends non-ASCII keys and text, astral-plane characters included, intact over the wire', () => {
    const sent = input('non-ascii').request(normal);
    const text = JSON.stringify(sent);
    expect(text).to.match(/[^\x00-\x7f]/);
    expect(text).to.match(/[\u{10000}-\u{10ffff}]/u);
    expect(codec.decodeRequest(codec.encodeRequest(sent)).message).to.deep.equal(sent);
  });
});

describe('judging answers to odd input as the core takes them', () => {
  const odd = input('missing-parameters');

  it('passes OK and errors in the form ERROR_<CODE>: message', () => {
    expect(judgeOddAnswer(init, { ok: true, value: { message: {}, problems: [] }, elapsedMs: 1 }, odd)).to.deep.equal({});
    expect(judgeOddAnswer(init, failure(grpc.status.INVALID_ARGUMENT, 'ERROR_REQUIRED_PARAMETER: Required parameter. (key = options)'), odd)).to.deep.equal({});
  });

  it('passes an error without the form with a warning saying what the core does with it', () => {
    const judged = judgeOddAnswer(init, failure(grpc.status.INVALID_ARGUMENT, 'options is required'), odd);
    expect(judged).to.have.property('warning').that.matches(/INVALID_ARGUMENT "options is required".*ERROR_INTERNAL_API/);
    expect(judgeOddAnswer(init, failure(grpc.status.UNAUTHENTICATED, 'no'), odd)).to.have.property('warning').that.matches(/not as an authentication failure/);
  });

  it('takes PERMISSION_DENIED in any form, as the core raises ERROR_PERMISSION_DENIED either way', () => {
    expect(judgeOddAnswer(init, failure(grpc.status.PERMISSION_DENIED, 'denied'), odd)).to.deep.equal({});
  });

  it('errors on a timeout or a lost connection, naming the input', () => {
    const timeout = judgeOddAnswer(init, failure(grpc.status.DEADLINE_EXCEEDED, 'Deadline exceeded'), odd);
    expect(timeout).to.have.nested.property('verdict.status', 'error');
    expect(timeout).to.have.nested.property('verdict.message').that.matches(/^given a request with none of the keys.*timed out/);
    expect(judgeOddAnswer(init, failure(grpc.status.UNAVAILABLE, 'Connection dropped'), odd)).to.have.nested.property('verdict.status', 'error');
  });

  it('fails a response the core could not take either', () => {
    const outcome = failure(grpc.status.RESOURCE_EXHAUSTED, 'Received message larger than max (314572800 vs 268435456)');
    if (!outcome.ok) outcome.failure.fault = { kind: 'too-large', explanation: 'too large', coreEffect: 'the call fails' };
    expect(judgeOddAnswer(init, outcome, odd)).to.have.nested.property('verdict.status', 'failed');
  });
});
