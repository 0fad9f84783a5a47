import { describe, expect, it } from 'vitest';
import type { CannedAnswer } from '../api/admin-types.js';
import { cannedItems, insertAnswer } from './canned-answers.js';

const answer = (id: string, over: Partial<CannedAnswer> = {}): CannedAnswer => ({
  id, scope: 'general', channel_id: null, channel_name: null, title: id, body: `Body of ${id}`, shortcut: null, ...over,
});

const answers = [
  answer('Opening hours', { body: 'We are open 08:00–17:00.', shortcut: 'hours' }),
  answer('Greeting', { scope: 'channel', channel_id: 'ch1', channel_name: 'Sales', body: 'Halo, terima kasih sudah menghubungi kami.', shortcut: 'hi' }),
  answer('Other channel', { scope: 'channel', channel_id: 'ch2', channel_name: 'Support' }),
  answer('Hi there', { body: 'Hello!' }),
];

describe('canned answers', () => {
  it("blends the general answers with this channel's, sorted by title", () => {
    expect(cannedItems(answers, '', 'ch1').map((a) => [a.title, a.scope])).toEqual([
      ['Greeting', 'channel'], ['Hi there', 'general'], ['Opening hours', 'general'],
    ]);
  });

  it('searches title, body and shortcut; an exact shortcut comes first', () => {
    expect(cannedItems(answers, '/hi', 'ch1').map((a) => a.title)).toEqual(['Greeting', 'Hi there']);
    expect(cannedItems(answers, 'open 08', 'ch1').map((a) => a.title)).toEqual(['Opening hours']);
    expect(cannedItems(answers, 'zzz', 'ch1')).toEqual([]);
  });

  it('inserts at the caret, replacing a selection, with a space after a word', () => {
    expect(insertAnswer('', { start: 0, end: 0 }, 'Hello!')).toEqual({ text: 'Hello!', caret: 6 });
    expect(insertAnswer('Dear Budi,', { start: 10, end: 10 }, 'thanks')).toEqual({ text: 'Dear Budi, thanks', caret: 17 });
    expect(insertAnswer('Dear XX!', { start: 5, end: 7 }, 'Budi')).toEqual({ text: 'Dear Budi!', caret: 9 });
    expect(insertAnswer('abc', { start: 99, end: 99 }, 'd')).toEqual({ text: 'abc d', caret: 5 });
  });
});
