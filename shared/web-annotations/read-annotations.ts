import { z } from 'zod';
import { stanceValueSchema, type StanceValue } from '../domain';

/**
 * W3C Web Annotations read as this app, Hypothesis and Recogito write them, into one plain shape. Accepted: an
 * AnnotationCollection (its `items`, or its first page's), a JSON list, Hypothesis's search answer (`rows`), one
 * annotation, or one annotation per line (JSON Lines). Anything that is not an annotation of a passage (a page note
 * without a selector, a reply) is listed as skipped, with why.
 */

export interface IncomingAnnotation {
  /** Its id where it has one (`id`, `@id`); an annotation without one is known by its content. */
  id: string | null;
  /** The resource it annotates: a URL, or this app's `urn:stance-annotator:document:ID`. */
  source: string | null;
  quote: { exact: string; prefix: string; suffix: string } | null;
  /** A TextPositionSelector's offsets, in whatever unit the writer counted (code points per the standard). */
  position: { start: number; end: number } | null;
  tags: string[];
  note: string;
  stances: { holder: string | null; target: string; stance: StanceValue }[];
  creator: string;
  created: string | null;
  modified: string | null;
}

export interface ReadAnnotations {
  annotations: IncomingAnnotation[];
  /** Why each annotation left out was left out, by its position in the file (1-based). */
  skipped: string[];
}

export class AnnotationFileError extends Error {}

const textual = z.string().max(1_000_000);
const selectorSchema = z.looseObject({ type: z.string() });
const quoteSelector = z.looseObject({
  type: z.literal('TextQuoteSelector'),
  exact: textual.min(1),
  prefix: textual.optional(),
  suffix: textual.optional(),
});
const positionSelector = z.looseObject({
  type: z.literal('TextPositionSelector'),
  start: z.number().int().nonnegative(),
  end: z.number().int().positive(),
});
const targetSchema = z.union([
  z.string(),
  z.looseObject({
    source: z.string().optional(),
    selector: z.union([selectorSchema, z.array(selectorSchema)]).optional(),
  }),
]);
const bodySchema = z.union([
  z.string(),
  z.looseObject({
    type: z.string().optional(),
    purpose: z.string().optional(),
    value: z.string().optional(),
    'stance:holder': z.string().nullable().optional(),
    'stance:target': z.string().nullable().optional(),
  }),
]);
const creatorSchema = z.union([
  z.string(),
  z.looseObject({ name: z.string().optional(), nickname: z.string().optional(), id: z.string().optional() }),
]);
const annotationSchema = z.looseObject({
  id: z.string().optional(),
  '@id': z.string().optional(),
  type: z.union([z.string(), z.array(z.string())]).optional(),
  target: z.union([targetSchema, z.array(targetSchema)]).optional(),
  body: z.union([bodySchema, z.array(bodySchema)]).optional(),
  bodyValue: z.string().optional(),
  creator: creatorSchema.optional(),
  created: z.string().optional(),
  modified: z.string().optional(),
  // Hypothesis's own fields.
  uri: z.string().optional(),
  text: z.string().optional(),
  tags: z.array(z.string()).optional(),
  user: z.string().optional(),
  updated: z.string().optional(),
  references: z.array(z.string()).optional(),
});
type RawAnnotation = z.infer<typeof annotationSchema>;

/** Reads a file's text; throws {@link AnnotationFileError} when it holds no annotation list of any accepted form. */
export function readWebAnnotations(text: string): ReadAnnotations {
  const items = annotationItems(text.replace(/^\ufeff/, ''));
  const annotations: IncomingAnnotation[] = [];
  const skipped: string[] = [];
  items.forEach((item, index) => {
    const parsed = annotationSchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      skipped.push(`#${index + 1}: not a web annotation (${issue.path.join('.') || 'the item'}: ${issue.message})`);
      return;
    }
    const read = readAnnotation(parsed.data);
    if (typeof read === 'string') skipped.push(`#${index + 1}: ${read}`);
    else annotations.push(read);
  });
  if (annotations.length === 0 && skipped.length === 0) throw new AnnotationFileError('The file holds no annotations.');
  return { annotations, skipped };
}

/** The annotations of the file as parsed JSON values, whichever of the accepted forms it takes. */
function annotationItems(text: string): unknown[] {
  let whole: unknown;
  try {
    whole = JSON.parse(text);
  } catch (error) {
    const lines = text.split('\n').filter((line) => line.trim() !== '');
    if (lines.length < 2) throw new AnnotationFileError(`The file is not JSON: ${(error as Error).message}`);
    return lines.map((line, i) => {
      try {
        return JSON.parse(line) as unknown;
      } catch (lineError) {
        throw new AnnotationFileError(`Line ${i + 1} is not JSON: ${(lineError as Error).message}`);
      }
    });
  }
  if (Array.isArray(whole)) return whole;
  if (typeof whole !== 'object' || whole === null) throw new AnnotationFileError('The file holds no annotations.');
  const record = whole as Record<string, unknown>;
  if (Array.isArray(record.items)) return record.items;
  const first = record.first as Record<string, unknown> | undefined;
  if (first && Array.isArray(first.items)) return first.items;
  if (Array.isArray(record.rows)) return record.rows;
  if ('target' in record) return [record];
  throw new AnnotationFileError(
    'The file is JSON but not a Stance Annotator backup, nor web annotations (an AnnotationCollection, a list, ' +
      'Hypothesis rows, or one annotation per line).',
  );
}

function readAnnotation(raw: RawAnnotation): IncomingAnnotation | string {
  if (raw.references && raw.references.length > 0) return 'a reply to another annotation, not a passage';
  const targets = raw.target === undefined ? [] : Array.isArray(raw.target) ? raw.target : [raw.target];
  const target = targets.find((t) => typeof t !== 'string' && t.selector !== undefined) ?? targets[0];
  const selectors =
    target && typeof target !== 'string' && target.selector
      ? Array.isArray(target.selector)
        ? target.selector
        : [target.selector]
      : [];
  const quote = selectors.map((s) => quoteSelector.safeParse(s)).find((r) => r.success)?.data;
  const position = selectors.map((s) => positionSelector.safeParse(s)).find((r) => r.success)?.data;
  if (!quote && !position) return 'no TextQuoteSelector or TextPositionSelector: a note on the whole page';
  if (position && position.end <= position.start)
    return 'its TextPositionSelector is empty (it does not end after it starts)';
  const source = (typeof target === 'string' ? target : target?.source) ?? raw.uri ?? null;

  const tags = [...(raw.tags ?? [])];
  const notes = [raw.text, raw.bodyValue].filter((n): n is string => Boolean(n));
  const stances: IncomingAnnotation['stances'] = [];
  let creator = creatorName(raw.creator) ?? hypothesisUser(raw.user) ?? '';
  for (const body of raw.body === undefined ? [] : Array.isArray(raw.body) ? raw.body : [raw.body]) {
    if (typeof body === 'string') continue; // a link to a body elsewhere: nothing to read here
    const value = body.value?.trim();
    if (!value) continue;
    if (body.purpose === 'tagging') tags.push(value);
    else if (body.purpose === 'classifying' && body['stance:target']) {
      const stance = stanceValueSchema.safeParse(value);
      if (stance.success)
        stances.push({ holder: body['stance:holder'] ?? null, target: body['stance:target'], stance: stance.data });
      else tags.push(value);
    } else if (body.purpose === 'classifying') tags.push(value);
    else notes.push(value);
    // Recogito names the creator on each body, not on the annotation.
    if (!creator) creator = creatorName((body as { creator?: unknown }).creator) ?? '';
  }
  return {
    id: raw.id ?? raw['@id'] ?? null,
    source,
    quote: quote ? { exact: quote.exact, prefix: quote.prefix ?? '', suffix: quote.suffix ?? '' } : null,
    position: position ? { start: position.start, end: position.end } : null,
    tags: [...new Set(tags.map((t) => t.trim()).filter(Boolean))],
    note: notes.join('\n\n'),
    stances,
    creator,
    created: raw.created ?? null,
    modified: raw.modified ?? raw.updated ?? null,
  };
}

function creatorName(creator: unknown): string | null {
  const parsed = creatorSchema.safeParse(creator);
  if (!parsed.success) return null;
  if (typeof parsed.data === 'string') return /^https?:/.test(parsed.data) ? null : parsed.data;
  return parsed.data.name ?? parsed.data.nickname ?? null;
}

/** Hypothesis names its users `acct:name@hypothes.is`: the name. */
function hypothesisUser(user: string | undefined): string | null {
  if (!user) return null;
  const match = /^acct:([^@]+)@/.exec(user);
  return match ? match[1]! : user;
}
