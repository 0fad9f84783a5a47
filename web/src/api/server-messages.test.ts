import { describe, expect, it } from 'vitest';
import { parseServerMessage } from './server-messages.js';

describe('server messages', () => {
  it('reads known messages and drops unknown ones and garbage', () => {
    expect(parseServerMessage('{"type":"business_record.required","call_id":"c1","channel_id":"ch","agent_id":"a","paused":true}'))
      .toMatchObject({ type: 'business_record.required', call_id: 'c1', paused: true });
    expect(parseServerMessage('{"type":"something.else"}')).toBeNull();
    expect(parseServerMessage('not json')).toBeNull();
  });

  it('drops a call end that names no call (a provider end of a call never seen start)', () => {
    expect(parseServerMessage('{"type":"call.ended","provider_call_id":"wacid.1"}')).toBeNull();
    expect(parseServerMessage('{"type":"call.ended","id":"c1","call":{"id":"c1","status":"ended"}}')).toMatchObject({ type: 'call.ended', id: 'c1' });
  });
});
