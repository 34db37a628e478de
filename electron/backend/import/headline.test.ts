import { describe, expect, it } from 'vitest';
import { splitHeadline } from './headline';

describe('splitHeadline', () => {
  it('takes a short first line without a full stop as the headline, followed by a blank line or the body', () => {
    expect(splitHeadline('Russia rejects NATO peacekeepers\n\nRussia has rejected…')).toEqual({
      title: 'Russia rejects NATO peacekeepers',
      body: 'Russia has rejected…',
    });
    expect(splitHeadline('\n  Is peace near?  \nThe talks began.')).toEqual({
      title: 'Is peace near?',
      body: 'The talks began.',
    });
  });

  it('drops Markdown heading marks, in either form', () => {
    expect(splitHeadline('# Talks stall ##\n\nBody.')).toEqual({ title: 'Talks stall', body: 'Body.' });
    expect(splitHeadline('Talks stall\n===========\nBody.')).toEqual({ title: 'Talks stall', body: 'Body.' });
  });

  it('leaves a first line that is a sentence, a paragraph, or all there is', () => {
    expect(splitHeadline('Russia has rejected the plan.\nMore follows.')).toBeNull();
    expect(splitHeadline(`${'word '.repeat(40)}\n\nBody.`)).toBeNull();
    expect(splitHeadline('Only a headline')).toBeNull();
    expect(splitHeadline('Only a headline\n\n   \n')).toBeNull();
    expect(splitHeadline('  \n ')).toBeNull();
  });
});
