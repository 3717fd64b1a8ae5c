import { expect } from 'chai';
import { firstDifference, jsonEqual, jsonToStruct, structToJson, valueToJson, type JsonObject, type StructProblem } from '../../src/grpc/struct.js';
import { loadProtoRoot, methodCodec } from '../../src/grpc/protos.js';

describe('Struct codec', () => {
  const sample: JsonObject = {
    nothing: null,
    flag: true,
    count: 5,
    ratio: 2.5,
    text: 'häßlich ☃',
    list: [1, 'x', null, [true, { deep: [] }]],
    nested: { empty: {}, list: [] },
  };

  it('round-trips null, booleans, numbers, strings, nested lists and objects', () => {
    expect(structToJson(jsonToStruct(sample))).to.deep.equal(sample);
  });

  it('round-trips through real protobuf bytes (PluginInfo.metadata)', () => {
    const codec = methodCodec(loadProtoRoot(['spaceone/api/notification/plugin/protocol.proto']), 'spaceone.api.notification.plugin.Protocol', 'init');
    const decoded = codec.decodeResponse(codec.encodeResponse({ metadata: sample }));
    expect(decoded.problems).to.deep.equal([]);
    expect(decoded.message).to.deep.equal({ metadata: sample });
  });

  it('reads a Value with no kind as null, as MessageToDict does', () => {
    expect(valueToJson({})).to.equal(null);
  });

  it('reports NaN and Infinity with their path, since the core cannot convert them', () => {
    const problems: StructProblem[] = [];
    structToJson({ fields: { a: { listValue: { values: [{ numberValue: Number.NaN }] } }, b: { numberValue: Infinity } } }, problems);
    expect(problems.map((problem) => problem.path)).to.deep.equal(['$.a[0]', '$.b']);
  });

  it('compares as the core does: key order irrelevant, list order relevant', () => {
    expect(jsonEqual({ a: 1, b: [1, 2] }, { b: [1, 2], a: 1.0 })).to.equal(true);
    expect(jsonEqual({ a: [1, 2] }, { a: [2, 1] })).to.equal(false);
    expect(jsonEqual({ a: null }, {})).to.equal(false);
  });

  it('names the first differing path', () => {
    expect(firstDifference({ a: { b: [1, 2] } }, { a: { b: [1, 3] } })).to.equal('$.a.b[1]');
    expect(firstDifference({ a: 1 }, { a: 1, c: 2 })).to.equal('$.c');
    expect(firstDifference({ a: 1 }, { a: 1 })).to.equal(undefined);
  });

  it('leaves unset request fields absent, so a plugin sees no options when none were sent', () => {
    const codec = methodCodec(loadProtoRoot(['spaceone/api/notification/plugin/protocol.proto']), 'spaceone.api.notification.plugin.Protocol', 'verify');
    expect(codec.decodeRequest(codec.encodeRequest({})).message).to.deep.equal({});
    expect(codec.decodeRequest(codec.encodeRequest({ options: {} })).message).to.deep.equal({ options: {} });
  });
});
