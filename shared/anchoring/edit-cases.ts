import type { Reanchoring } from './reanchor';

/**
 * The corpus of edits an article goes through between two versions, each with what must become of each highlight
 * (anchoring.test.ts). The highlights are named by their quote in the original; `expect` gives each one's outcome
 * and, where it was found, the text it must cover in the new version.
 */
export interface EditCase {
  name: string;
  edit: (text: string) => string;
  expect: Record<string, { outcome: Reanchoring; covers?: string }>;
}

export const ORIGINAL = [
  'Ministers met in Brussels on Tuesday to discuss the new sanctions package.',
  'The Finnish delegation argued that "energy imports must end by the spring" and pressed for a firm date.',
  'Hungary said it would block any measure that raised heating prices for households this winter.',
  'Россия заявила, что санкции не изменят её курс, а переговоры продолжатся в Женеве.',
  'Observers 🙂 called the meeting tense but productive, and NATO officials stayed out of the talks.',
  'A final communique is expected on Friday after a second round of talks in Luxembourg.',
].join('\n\n');

/** The highlights of the corpus, by quote (each occurs once in the original). */
export const QUOTES = [
  'discuss the new sanctions package',
  'energy imports must end by the spring',
  'argued that "energy imports',
  'it would block any measure that raised heating prices',
  'санкции не изменят её курс',
  'Observers 🙂 called the meeting tense',
  'NATO',
  'a second round of talks in Luxembourg',
] as const;

const paragraphs = (text: string) => text.split('\n\n');
const joined = (parts: string[]) => parts.join('\n\n');

/** Every highlight found as it was, elsewhere (text was inserted before all of them). */
const allMoved = (): EditCase['expect'] =>
  Object.fromEntries(QUOTES.map((q) => [q, { outcome: 'moved' as const, covers: q }]));

/** Every highlight found as it was, where it was (the edit kept the length of the text before each). */
const allSame = (): EditCase['expect'] =>
  Object.fromEntries(QUOTES.map((q) => [q, { outcome: 'same' as const, covers: q }]));

export const EDIT_CASES: EditCase[] = [
  {
    name: 'a sentence inserted before everything',
    edit: (text) => `Updated at 14:05 with comments from Budapest.\n\n${text}`,
    expect: allMoved(),
  },
  {
    name: 'a word changed inside a quote',
    edit: (text) => text.replace('raised heating prices', 'raised housing prices'),
    expect: {
      ...allSame(),
      'it would block any measure that raised heating prices': {
        outcome: 'changed',
        covers: 'it would block any measure that raised housing prices',
      },
    },
  },
  {
    name: 'a paragraph moved to the end',
    edit: (text) => {
      const parts = paragraphs(text);
      const [moved] = parts.splice(1, 1);
      return joined([...parts, moved!]);
    },
    expect: {
      'discuss the new sanctions package': { outcome: 'same', covers: 'discuss the new sanctions package' },
      'energy imports must end by the spring': { outcome: 'moved', covers: 'energy imports must end by the spring' },
      'argued that "energy imports': { outcome: 'moved', covers: 'argued that "energy imports' },
      'it would block any measure that raised heating prices': {
        outcome: 'moved',
        covers: 'it would block any measure that raised heating prices',
      },
      'санкции не изменят её курс': { outcome: 'moved', covers: 'санкции не изменят её курс' },
      'Observers 🙂 called the meeting tense': { outcome: 'moved', covers: 'Observers 🙂 called the meeting tense' },
      NATO: { outcome: 'moved', covers: 'NATO' },
      'a second round of talks in Luxembourg': { outcome: 'moved', covers: 'a second round of talks in Luxembourg' },
    },
  },
  {
    name: 'the quoted sentence deleted',
    edit: (text) => text.replace(' and pressed for a firm date', '').replace(/The Finnish[^\n]*\n\n/, ''),
    expect: {
      ...movedAfter('The Finnish'),
      'energy imports must end by the spring': { outcome: 'orphan' },
      'argued that "energy imports': { outcome: 'orphan' },
    },
  },
  {
    name: 'a short quote deleted while the word stays elsewhere',
    edit: (text) =>
      text
        .replace(', and NATO officials stayed out of the talks', '')
        .replace('Ministers met', 'Ministers of NATO members met'),
    expect: {
      ...allMoved(),
      'discuss the new sanctions package': { outcome: 'moved', covers: 'discuss the new sanctions package' },
      NATO: { outcome: 'orphan' },
    },
  },
  {
    name: 'a quoted phrase rewritten (more than a fifth of it)',
    edit: (text) => text.replace('a second round of talks in Luxembourg', 'further talks in Luxembourg'),
    expect: { ...allSame(), 'a second round of talks in Luxembourg': { outcome: 'orphan' } },
  },
  {
    name: 'whitespace changed inside a quote (a line break, doubled spaces)',
    edit: (text) => text.replace('end by the spring', 'end\nby  the spring'),
    expect: {
      ...movedAfter('by the spring'),
      'energy imports must end by the spring': {
        outcome: 'changed',
        covers: 'energy imports must end\nby  the spring',
      },
    },
  },
  {
    name: 'quote marks changed (straight to curly) around and inside quotes',
    edit: (text) => text.replace('"energy imports must end by the spring"', '“energy imports must end by the spring”'),
    expect: {
      ...allSame(),
      'argued that "energy imports': { outcome: 'changed', covers: 'argued that “energy imports' },
    },
  },
  {
    name: 'Cyrillic: a word changed inside the quote, and text before it',
    edit: (text) => text.replace('Россия заявила', 'Москва вновь заявила').replace('её курс', 'этот курс'),
    expect: {
      ...movedAfter('Россия'),
      'санкции не изменят её курс': { outcome: 'changed', covers: 'санкции не изменят этот курс' },
    },
  },
  {
    name: 'emoji inserted before, and inside a quote',
    edit: (text) =>
      text.replace('Ministers met', '🇪🇺 Ministers met').replace('called the meeting', 'called 👀 the meeting'),
    expect: {
      ...allMoved(),
      'Observers 🙂 called the meeting tense': {
        outcome: 'changed',
        covers: 'Observers 🙂 called 👀 the meeting tense',
      },
    },
  },
];

/** Every highlight unmoved that starts before `edited` (where the edit is), every other one moved. */
function movedAfter(edited: string): EditCase['expect'] {
  const at = ORIGINAL.indexOf(edited);
  if (at < 0) throw new Error(`The edit case names text the original lacks: ${edited}`);
  return Object.fromEntries(
    QUOTES.map((q) => [q, { outcome: ORIGINAL.indexOf(q) < at ? ('same' as const) : ('moved' as const), covers: q }]),
  );
}
