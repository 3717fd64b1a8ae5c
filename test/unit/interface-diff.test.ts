import { expect } from 'chai';
import protobuf from 'protobufjs';
import { compareRequest, compareResponse } from '../../src/checks/groups/interface-diff.js';

/** Parses a small proto (with the well-known types protobufjs bundles) and returns its message. */
function message(source: string, name: string): protobuf.Type {
  const root = protobuf.Root.fromJSON(protobuf.common.get('google/protobuf/struct.proto') ?? {});
  protobuf.parse(`syntax = "proto3"; package test; ${source}`, root, { keepCase: true });
  root.resolveAll();
  return root.lookupType(`test.${name}`);
}

const OFFICIAL = `
  message Sort { string key = 1; bool desc = 2; }
  message Request {
    enum Kind { NONE = 0; INFO = 1; ERROR = 2; }
    google.protobuf.Struct options = 1;
    google.protobuf.Struct secret_data = 2;
    Kind kind = 3;
    Sort sort = 4;
    int32 limit = 5;
  }`;
const official = message(OFFICIAL, 'Request');
const SENT = ['options', 'secret_data', 'kind', 'sort', 'limit'];

function served(change: (source: string) => string): protobuf.Type {
  return message(change(OFFICIAL), 'Request');
}

describe('interface differences', () => {
  it('finds none between a message and itself', () => {
    expect(compareRequest(official, served((source) => source), SENT)).to.deep.equal([]);
    expect(compareResponse(official, served((source) => source))).to.deep.equal([]);
  });

  it('a renumbered field breaks only 1.x cores, naming message, field, expected and actual', () => {
    const [finding, ...rest] = compareRequest(official, served((source) => source.replace('secret_data = 2', 'secret_data = 7')), SENT);
    expect(rest).to.deep.equal([]);
    expect(finding).to.include({ message: 'test.Request', field: 'secret_data', expected: 'secret_data = 2', actual: 'secret_data = 7' });
    expect(finding?.breaks).to.deep.equal(['1.x']);
    expect(finding?.coreEffect).to.match(/2\.x core .* not affected/);
  });

  it('a sent key the plugin lacks, or a type ParseDict cannot fill, breaks the 2.x core', () => {
    const missing = compareRequest(official, served((source) => source.replace('google.protobuf.Struct secret_data = 2;', '')), SENT);
    expect(missing).to.have.length(1);
    expect(missing[0]).to.include({ field: 'secret_data', actual: '(no such field)' });
    expect(missing[0]?.breaks).to.deep.equal(['2.x', '1.x']);
    const retyped = compareRequest(official, served((source) => source.replace('google.protobuf.Struct options = 1', 'string options = 1')), SENT);
    expect(retyped[0]).to.include({ expected: 'options: google.protobuf.Struct', actual: 'options: string' });
    expect(retyped[0]?.breaks).to.deep.equal(['2.x', '1.x']);
  });

  it('types whose JSON the 2.x core handles alike break only 1.x cores', () => {
    const asString = compareRequest(official, served((source) => source.replace('Kind kind = 3', 'string kind = 3')), SENT);
    expect(asString[0]).to.include({ expected: 'kind: enum test.Request.Kind', actual: 'kind: string' });
    expect(asString[0]?.breaks).to.deep.equal(['1.x']);
    const asValue = compareRequest(official, served((source) => source.replace('google.protobuf.Struct options = 1', 'google.protobuf.Value options = 1')), SENT);
    expect(asValue[0]?.breaks).to.deep.equal(['1.x']);
    const wider = compareRequest(official, served((source) => source.replace('int32 limit', 'int64 limit')), SENT);
    expect(wider[0]?.breaks).to.deep.equal(['1.x']);
    // MessageToDict writes 64-bit integers as strings: the core would read another JSON type.
    expect(compareResponse(official, served((source) => source.replace('int32 limit', 'int64 limit')))[0]?.breaks).to.deep.equal(['2.x', '1.x']);
  });

  it('compares nested messages by structure and enum values by name', () => {
    const nested = compareRequest(official, served((source) => source.replace('string key = 1', 'string key = 9')), ['sort']);
    expect(nested[0]).to.include({ message: 'test.Sort', field: 'key', expected: 'key = 1', actual: 'key = 9' });
    const lostValue = served((source) => source.replace(' ERROR = 2;', ''));
    expect(compareRequest(official, lostValue, ['kind'])[0]).to.include({ expected: 'kind value ERROR = 2' });
    expect(compareRequest(official, lostValue, ['kind'])[0]?.breaks).to.deep.equal(['2.x', '1.x']);
    // A response enum the plugin cannot fully use only limits what it can answer.
    expect(compareResponse(official, lostValue)[0]?.breaks).to.deep.equal([]);
  });

  it('a response field the plugin lacks breaks no core (absent and unset look alike), but is named', () => {
    const findings = compareResponse(official, served((source) => source.replace('int32 limit = 5;', '')));
    expect(findings).to.have.length(1);
    expect(findings[0]).to.include({ field: 'limit', expected: 'limit = 5 (int32)', actual: '(no such field)' });
    expect(findings[0]?.breaks).to.deep.equal([]);
  });

  it('checks only the keys the core sends in requests; extra plugin fields are harmless', () => {
    expect(compareRequest(official, served((source) => source.replace('int32 limit = 5;', 'string limit = 5; string extra = 30;')), ['options'])).to.deep.equal([]);
  });
});
