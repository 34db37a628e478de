import { describe, expect, it } from 'vitest';
import { changesSince, describeLogDamage, logLineText, replayLog } from './document-log';
import { testHighlight } from './test-records';

const highlight = testHighlight;

describe('changesSince', () => {
  it('finds the records added or replaced (by identity) and the ids removed', () => {
    const [a, b, c] = [highlight('a'), highlight('b'), highlight('c')];
    const b2 = { ...b, note: 'changed' };
    const d = highlight('d');
    expect(changesSince([a, b, c], [a, b2, d])).toEqual({ put: [b2, d], remove: ['c'] });
    expect(changesSince([a, b], [b, a])).toEqual({ put: [], remove: [] });
    expect(changesSince([], [])).toEqual({ put: [], remove: [] });
  });
});

describe('logLineText', () => {
  it('is exactly JSON.stringify of the line, with a newline', () => {
    const put = [highlight('a', 'a "quoted"\nnote \u2028 😀'), highlight('b')];
    expect(logLineText(put, ['x', 'y"z'])).toBe(`${JSON.stringify({ put, remove: ['x', 'y"z'] })}\n`);
    expect(logLineText([], [])).toBe('{"put":[],"remove":[]}\n');
  });
});

describe('replayLog', () => {
  const [a, b, c] = [highlight('a'), highlight('b'), highlight('c')];

  it('applies the lines in order over the file’s highlights', () => {
    const a2 = { ...a, note: 'second' };
    const log = [logLineText([c], ['b']), logLineText([a2, b], []), logLineText([], ['c'])].join('');
    expect(replayLog('doc-1', [a, b], log)).toEqual({ highlights: [a2, b], torn: false });
    expect(replayLog('doc-1', [a, b], '')).toEqual({ highlights: [a, b], torn: false });
  });

  it('leaves out a last line a crash cut short, and says so', () => {
    const whole = logLineText([c], []);
    const cut = logLineText([highlight('d')], []).slice(0, 40);
    expect(replayLog('doc-1', [a], whole + cut)).toEqual({ highlights: [a, c], torn: true });
    expect(replayLog('doc-1', [a], cut)).toEqual({ highlights: [a], torn: true });
  });

  it('replays every complete line before damage, and says where the damage is', () => {
    const good = logLineText([c], []);
    expect(replayLog('doc-1', [a], `${good}{"put":[{"id":1}],"remove":[]}\n${logLineText([b], [])}`)).toEqual({
      highlights: [a, c],
      torn: false,
      damage: { keptLines: 1, line: 2, totalLines: 3, problem: 'it does not have the expected shape' },
    });
    expect(replayLog('doc-1', [a], `garbage\n${good}`)).toEqual({
      highlights: [a],
      torn: false,
      damage: { keptLines: 0, line: 1, totalLines: 2, problem: 'it is not valid JSON' },
    });
    expect(replayLog('doc-1', [a], logLineText([highlight('x', '', 'doc-2')], []))).toEqual({
      highlights: [a],
      torn: false,
      damage: { keptLines: 0, line: 1, totalLines: 1, problem: 'it holds highlights of another document' },
    });
  });

  it('describes the damage for the analyst', () => {
    expect(describeLogDamage({ keptLines: 110, line: 111, totalLines: 112, problem: 'it is not valid JSON' })).toBe(
      'Its change log is damaged at line 111 (it is not valid JSON): the 110 saves before it were kept; ' +
        'lines 111–112 could not be applied.',
    );
  });
});
