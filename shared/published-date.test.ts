import { describe, expect, it } from 'vitest';
import { isPublishedDate, parsePublishedDate, publishedDay } from './published-date';

describe('isPublishedDate', () => {
  it('accepts ISO 8601 days and days with a time, with or without a zone', () => {
    for (const value of [
      '2025-05-14',
      '2024-02-29',
      '2025-05-14T09:30',
      '2025-05-14T09:30:15',
      '2025-05-14T09:30:15.123Z',
      '2025-05-14T09:30+02:00',
    ]) {
      expect(isPublishedDate(value), value).toBe(true);
    }
  });

  it('refuses free text, days that do not exist and impossible times', () => {
    for (const value of [
      '14 May 2025',
      '2025-5-14',
      '2025-02-29',
      '2025-13-01',
      '2025-04-31',
      '2025-05-14T24:00',
      '2025-05-14T10:60',
      '2025-05-14T10:00+15:00',
      '2025-05-14 10:00',
      '',
    ]) {
      expect(isPublishedDate(value), value).toBe(false);
    }
  });
});

describe('parsePublishedDate', () => {
  it.each([
    ['2025-05-14', '2025-05-14'],
    ['  2025-05-14 ', '2025-05-14'],
    ['2025/05/14', '2025-05-14'],
    ['2025.5.4', '2025-05-04'],
    ['14 May 2025', '2025-05-14'],
    ['14 may 2025', '2025-05-14'],
    ['4th Sept. 2025', '2025-09-04'],
    ['Wednesday, 14 May 2025', '2025-05-14'],
    ['May 14, 2025', '2025-05-14'],
    ['September 1 2025', '2025-09-01'],
    ['14.05.2025', '2025-05-14'],
    ['14/05/2025', '2025-05-14'],
    ['05/14/2025', '2025-05-14'],
    ['2025-05-14T09:30:00Z', '2025-05-14T09:30:00Z'],
    ['2025-05-14 09:30', '2025-05-14T09:30'],
    ['2025-05-14T09:30:00+0200', '2025-05-14T09:30:00+02:00'],
    ['2025-05-14T09:30:00 UTC', '2025-05-14T09:30:00Z'],
    ['Wed, 14 May 2025 10:00:00 GMT', '2025-05-14T10:00:00Z'],
    ['14 May 2025 10:00 +0200', '2025-05-14T08:00:00Z'],
  ])('reads %j as %j', (input, expected) => {
    expect(parsePublishedDate(input)).toBe(expected);
  });

  it.each([
    'yesterday',
    'Spring 2025',
    'May 2025',
    '05/06/2025',
    '31 Feb 2025',
    '14 Mayday 2025',
    '2025-13-14',
    '',
    '   ',
  ])('does not guess %j', (input) => {
    expect(parsePublishedDate(input)).toBeNull();
  });

  it('gives only values that are stored publication dates', () => {
    for (const input of ['14 May 2025', '2025-05-14 09:30', 'Wed, 14 May 2025 10:00:00 GMT', '14/05/2025']) {
      expect(isPublishedDate(parsePublishedDate(input)!)).toBe(true);
    }
  });
});

describe('publishedDay', () => {
  it('is the day of a date with or without a time', () => {
    expect(publishedDay('2025-05-14T09:30Z')).toBe('2025-05-14');
    expect(publishedDay('2025-05-14')).toBe('2025-05-14');
  });
});
