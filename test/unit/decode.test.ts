/**
 * Responses as bytes, decoded as the core decodes them. The expectations here are what Python
 * protobuf (the core's decoder; 3.21.12, C++ and pure-Python back-ends alike) gives for the same
 * bytes: a value the core reads is read the same way, bytes the core rejects are rejected.
 */
import { expect } from 'chai';
import { loadProtoRoot, methodCodec } from '../../src/grpc/protos.js';

const notification = methodCodec(loadProtoRoot(['spaceone/api/notification/plugin/protocol.proto']), 'spaceone.api.notification.plugin.Protocol', 'init');
const collector = methodCodec(loadProtoRoot(['spaceone/api/inventory/plugin/collector.proto']), 'spaceone.api.inventory.plugin.Collector', 'collect');

function varint(value: number): Buffer {
  const bytes: number[] = [];
  while (value > 127) {
    bytes.push((value & 127) | 128);
    value >>>= 7;
  }
  bytes.push(value);
  return Buffer.from(bytes);
}
/** A length-delimited field. */
const field = (number: number, payload: Buffer): Buffer => Buffer.concat([Buffer.from([(number << 3) | 2]), varint(payload.length), payload]);
const text = (value: string): Buffer => Buffer.from(value, 'utf8');
/** PluginInfo{metadata: Struct{fields: {key: value}}} with the map entry's parts given as bytes. */
const metadataEntry = (key: Buffer | undefined, value: Buffer | undefined): Buffer =>
  field(1, field(1, Buffer.concat([key ? field(1, key) : Buffer.alloc(0), value ? field(2, value) : Buffer.alloc(0)])));

describe('decoding responses as the core does', () => {
  const readable: Array<[title: string, bytes: Buffer, metadata: unknown]> = [
    ['a map entry without a value reads as null', metadataEntry(text('a'), undefined), { a: null }],
    ['a map entry without a key reads as the key ""', metadataEntry(undefined, field(3, text('x'))), { '': 'x' }],
    ['a Value with no kind reads as null', metadataEntry(text('a'), Buffer.alloc(0)), { a: null }],
    ['a number_value sent as a varint (wrong wire type) is skipped: null', metadataEntry(text('a'), Buffer.from([0x10, 0x05])), { a: null }],
    ['a null_value out of range reads as null', metadataEntry(text('a'), Buffer.from([0x08, 0x07])), { a: null }],
    ['a Value with two kinds reads as the last one', metadataEntry(text('a'), Buffer.concat([field(3, text('s')), Buffer.from([0x20, 0x01])])), { a: true }],
  ];
  for (const [title, bytes, metadata] of readable) {
    it(`Struct: ${title}`, () => {
      const decoded = notification.decodeResponse(bytes);
      expect(decoded.message['metadata']).to.deep.equal(metadata);
      expect(decoded.problems).to.deep.equal([]);
    });
  }

  it('Struct: metadata sent as a varint (wrong wire type) is skipped, so the core sees no metadata', () => {
    expect(notification.decodeResponse(Buffer.from([0x08, 0x01])).message).to.deep.equal({});
  });

  const rejected: Array<[title: string, bytes: Buffer]> = [
    ['a struct_value holding a string', metadataEntry(text('a'), field(5, text('hello')))],
    ['metadata holding a plain string', field(1, text('not a struct'))],
    ['a string that is not UTF-8', metadataEntry(text('a'), field(3, Buffer.from([0xff, 0xfe])))],
    ['a truncated message', metadataEntry(text('a'), field(3, text('hello'))).subarray(0, 6)],
  ];
  for (const [title, bytes] of rejected) {
    it(`rejects ${title}, as the core's DecodeError does`, () => {
      expect(() => notification.decodeResponse(bytes)).to.throw();
    });
  }

  it('reports an enum value out of range with its path, since the core reads the bare number', () => {
    const decoded = collector.decodeResponse(Buffer.from([0x08, 42]));
    expect(decoded.message['state']).to.equal(42);
    expect(decoded.problems).to.have.length(1);
    expect(decoded.problems[0]).to.include({ path: '$.state' });
    expect(decoded.problems[0]?.problem).to.match(/enum value 42 is not a value of spaceone\.api\.inventory\.plugin\.ResourceInfo\.State \(NONE, CREATED/);
    expect(decoded.problems[0]?.coreEffect).to.match(/reads the number 42/);
  });

  it('reads an enum value in range by its name, with no problem', () => {
    const decoded = collector.decodeResponse(Buffer.from([0x08, 4]));
    expect(decoded.message['state']).to.equal('SUCCESS');
    expect(decoded.problems).to.deep.equal([]);
  });
});
