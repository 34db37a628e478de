import { describe, expect, it } from 'vitest';
import { AnnotationFileError, readWebAnnotations } from './read-annotations';

const quote = { type: 'TextQuoteSelector', exact: 'NATO and peacekeeping', prefix: '"', suffix: ' do not' };
const position = { type: 'TextPositionSelector', start: 10, end: 31 };

describe('reading web annotations', () => {
  it('reads Recogito’s annotations: tags and comments as bodies, the creator on the body', () => {
    const recogito = [
      {
        '@context': 'http://www.w3.org/ns/anno.jsonld',
        id: 'https://recogito.pelagios.org/annotation/1',
        type: 'Annotation',
        body: [
          { type: 'TextualBody', purpose: 'tagging', value: 'Claim' },
          { type: 'TextualBody', purpose: 'commenting', value: 'Strong words', creator: { name: 'rainer' } },
        ],
        target: { source: 'https://example.org/a', selector: [quote, position] },
      },
    ];
    const { annotations, skipped } = readWebAnnotations(JSON.stringify(recogito));
    expect(skipped).toEqual([]);
    expect(annotations).toEqual([
      {
        id: 'https://recogito.pelagios.org/annotation/1',
        source: 'https://example.org/a',
        quote: { exact: 'NATO and peacekeeping', prefix: '"', suffix: ' do not' },
        position: { start: 10, end: 31 },
        tags: ['Claim'],
        note: 'Strong words',
        stances: [],
        creator: 'rainer',
        created: null,
        modified: null,
      },
    ]);
  });

  it('reads a collection’s first page, bodyValue, a single selector, and this app’s stances', () => {
    const page = {
      type: 'AnnotationCollection',
      first: {
        type: 'AnnotationPage',
        items: [
          {
            id: 'urn:uuid:1',
            bodyValue: 'plain note',
            creator: 'ann',
            body: [
              {
                type: 'TextualBody',
                purpose: 'classifying',
                value: 'against',
                'stance:holder': null,
                'stance:target': 'NATO',
              },
            ],
            target: { source: 'urn:stance-annotator:document:d1', selector: quote },
          },
        ],
      },
    };
    const [read] = readWebAnnotations(JSON.stringify(page)).annotations;
    expect(read).toMatchObject({
      note: 'plain note',
      creator: 'ann',
      stances: [{ holder: null, target: 'NATO', stance: 'against' }],
      position: null,
    });
  });

  it('skips page notes and replies with the reason, and refuses what holds no annotation', () => {
    const rows = {
      rows: [
        { id: 'r1', text: 'a page note', target: [{ source: 'https://example.org' }] },
        { id: 'r2', text: 'a reply', references: ['r1'], target: [{ source: 'https://example.org' }] },
        { id: 'r3', target: [{ source: 'https://example.org', selector: [{ ...position, start: 5, end: 5 }] }] },
        'not an object',
      ],
    };
    expect(readWebAnnotations(JSON.stringify(rows)).skipped).toEqual([
      '#1: no TextQuoteSelector or TextPositionSelector: a note on the whole page',
      '#2: a reply to another annotation, not a passage',
      '#3: its TextPositionSelector is empty (it does not end after it starts)',
      '#4: not a web annotation (the item: Invalid input: expected object, received string)',
    ]);
    expect(() => readWebAnnotations('[]')).toThrow(AnnotationFileError);
    expect(() => readWebAnnotations('{"a":1}\n{"b":')).toThrow(/Line 2 is not JSON/);
    expect(() => readWebAnnotations('nonsense')).toThrow(/not JSON/);
  });
});
