import { PlainJsonDeserializer, PlainJsonSerializer } from './json-codec';

const msg = (text: string, reply = '') => ({ subject: 'fleet.v1.device.cam-1.status', reply, string: () => text });

describe('plain JSON codec', () => {
  const deserializer = new PlainJsonDeserializer();
  const serializer = new PlainJsonSerializer();

  it('maps an event to the subscription pattern without an id', () => {
    expect(deserializer.deserialize(msg('{"a":1}'), { channel: 'fleet.v1.device.*.status' })).toEqual({
      pattern: 'fleet.v1.device.*.status',
      data: { a: 1 },
    });
  });

  it('gives a request (reply subject present) an id so Nest replies', () => {
    expect(deserializer.deserialize(msg('{}', '_INBOX.x'), { channel: 'c' })).toEqual({ pattern: 'c', data: {}, id: '_INBOX.x' });
  });

  it('passes non-JSON through as text for the handler to reject', () => {
    expect(deserializer.deserialize(msg('not json'), { channel: 'c' }).data).toBe('not json');
  });

  it('sends only the reply body, or { error } for a failure', () => {
    expect(serializer.serialize({ id: 'x', response: { accepted: true }, isDisposed: true })).toEqual({ data: '{"accepted":true}' });
    expect(serializer.serialize({ id: 'x', err: new Error('boom'), status: 'error' })).toEqual({ data: '{"error":"boom"}' });
    expect(serializer.serialize({ id: 'x', err: 'There is no matching message handler defined in the remote service.' }).data).toContain('no matching');
  });
});
