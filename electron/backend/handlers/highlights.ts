import type { StanceInput } from '../../../shared/api-contract';
import type { Database, Entity, Highlight, Stance, StoredDocument } from '../../../shared/domain';
import { CURATED_CODER } from '../../../shared/agreement/disagreements';
import { quoteWithContext, splitsSurrogatePair } from '../../../shared/text-context';
import { ApiFailure } from '../api-error';
import { insert, remove, replace, type Change } from '../change-set';
import { newId } from '../make-document';
import { stancePairKey } from './stances';
import { findDocument, findEntity, findHighlight, findTag, sameName } from './lookup';
import type { HandlerContext, Handlers } from './types';
import { definedOnly } from './workspace';

type HighlightHandlers = Pick<
  Handlers,
  | 'createHighlight'
  | 'updateHighlight'
  | 'deleteHighlight'
  | 'adoptHighlight'
  | 'curateHighlight'
  | 'rejectDisagreement'
>;

/**
 * A coder changes only their own highlights (and those made before coders were named): another coder's are their
 * record of the text, which agreement and adjudication compare. To work on one, a coder adopts it (a copy of their own).
 */
function checkOwnHighlight(data: Database, highlight: Highlight): void {
  const coder = data.settings.annotator;
  // The curated layer is the team's adjudicated version: whoever adjudicates edits it.
  if (highlight.annotator !== '' && highlight.annotator !== CURATED_CODER && highlight.annotator !== coder) {
    throw new ApiFailure(
      'conflict',
      `This highlight is ${highlight.annotator}'s; ${coder === '' ? 'you' : coder} can adopt it (a copy of your own) to change it.`,
    );
  }
}

/** The quote and context for [start, end), after checking the range against the text and the quote sent with it. */
function anchor(document: StoredDocument, start: number, end: number, quote: string) {
  const { text } = document;
  if (end > text.length) {
    throw new ApiFailure('invalid-request', `end (${end}) is past the end of the text (${text.length}).`);
  }
  if (splitsSurrogatePair(text, start, end)) {
    throw new ApiFailure('invalid-request', 'The range splits a character (a surrogate pair) in two.');
  }
  const context = quoteWithContext(text, start, end);
  if (context.quote !== quote) {
    throw new ApiFailure('conflict', 'The quote does not match the document text at these offsets.');
  }
  return { start, end, ...context };
}

function checkTags(data: Database, tagIds: readonly string[] = []): void {
  for (const tagId of tagIds) findTag(data, tagId);
}

/**
 * Turns stances as sent (holder and target by id or by name) into stored stances, plus the entries to create for
 * names that match none. Refuses unknown ids and a holder → target pair given twice.
 */
function resolveStances(data: Database, inputs: readonly StanceInput[]): { stances: Stance[]; created: Change[] } {
  const created: Change[] = [];
  const fresh: Entity[] = [];
  const resolve = (id: string | null | undefined, name: string | undefined): string | null => {
    if (name === undefined) {
      if (!id) return null;
      return findEntity(data, id).id;
    }
    // One list: a name given as holder and as target (or twice) is one entity, made once.
    const known = [...data.entities, ...fresh].find((e) => sameName(e.name, name));
    if (known) return known.id;
    const entity: Entity = { id: newId(), name };
    fresh.push(entity);
    created.push(insert('entities', entity));
    return entity.id;
  };
  const stances = inputs.map((input) => ({
    holderId: resolve(input.holderId, input.holderName),
    targetId: resolve(input.targetId, input.targetName)!,
    stance: input.stance,
  }));
  const pairs = stances.map(stancePairKey);
  if (new Set(pairs).size !== pairs.length) {
    throw new ApiFailure('invalid-request', 'A holder can take only one stance toward a target in one highlight.');
  }
  return { stances, created };
}

export function highlightHandlers({ library, now }: HandlerContext): HighlightHandlers {
  /** A copy of a highlight as another coder's (same span, tags, stances and note), as one step to undo. */
  const copyAs = async (original: Highlight, annotator: string, id: string | undefined, label: string) => {
    if (id && library.highlight(id)) {
      throw new ApiFailure('conflict', `A highlight with id ${id} exists already.`);
    }
    const timestamp = now().toISOString();
    const copy: Highlight = { ...original, id: id ?? newId(), annotator, createdAt: timestamp, updatedAt: timestamp };
    await library.commit(label, [insert('highlights', copy)]);
    return copy;
  };

  return {
    async createHighlight({ id, documentId, start, end, quote, tagIds }) {
      const { data } = library;
      if (id && library.highlight(id)) {
        throw new ApiFailure('conflict', `A highlight with id ${id} exists already.`);
      }
      const anchored = anchor(findDocument(data, documentId), start, end, quote);
      checkTags(data, tagIds);
      const timestamp = now().toISOString();
      const highlight: Highlight = {
        id: id ?? newId(),
        documentId,
        ...anchored,
        tagIds,
        stances: [],
        note: '',
        annotator: data.settings.annotator,
        createdAt: timestamp,
        updatedAt: timestamp,
      };
      await library.commit('Create highlight', [insert('highlights', highlight)]);
      return highlight;
    },

    async updateHighlight({ highlightId, bounds, stances: stanceInputs, ...fields }) {
      const { data } = library;
      const before = findHighlight(library, highlightId);
      checkOwnHighlight(data, before);
      checkTags(data, fields.tagIds);
      const resolved = stanceInputs && resolveStances(data, stanceInputs);
      const moved = bounds && anchor(findDocument(data, before.documentId), bounds.start, bounds.end, bounds.quote);
      // Placed by the analyst: no longer an orphan, nor a place found approximately.
      const { anchor: found, ...unanchored } = before;
      const after: Highlight = {
        ...(moved ? unanchored : before),
        ...definedOnly(fields),
        ...(resolved && { stances: resolved.stances }),
        ...moved,
        updatedAt: now().toISOString(),
      };
      const onlyNote = fields.note !== undefined && !bounds && !fields.tagIds && !stanceInputs;
      const label =
        moved && found === 'orphan'
          ? 'Re-attach highlight'
          : updateLabel({ ...fields, stances: stanceInputs }, bounds !== undefined);
      await library.commit(label, [...(resolved?.created ?? []), replace('highlights', before, after)], {
        // A burst of typing in one note is one undo step.
        coalesceKey: onlyNote ? `note:${highlightId}` : undefined,
      });
      return after;
    },

    async deleteHighlight({ highlightId }) {
      const highlight = findHighlight(library, highlightId);
      checkOwnHighlight(library.data, highlight);
      await library.commit('Delete highlight', [remove('highlights', highlight)]);
      return { highlightId };
    },

    async adoptHighlight({ highlightId, id }) {
      const { data } = library;
      const original = findHighlight(library, highlightId);
      const coder = data.settings.annotator;
      if (coder === '')
        throw new ApiFailure('invalid-request', 'Name the coder first: an adopted highlight is theirs.');
      if (original.annotator === coder) throw new ApiFailure('invalid-request', 'This highlight is yours already.');
      return copyAs(original, coder, id, 'Adopt highlight');
    },

    async curateHighlight({ highlightId, id }) {
      const original = findHighlight(library, highlightId);
      if (original.annotator === CURATED_CODER) throw new ApiFailure('invalid-request', 'This is the curated version.');
      return copyAs(original, CURATED_CODER, id, `Accept ${original.annotator || 'unnamed'}'s version`);
    },

    async rejectDisagreement({ documentId, key, rejected }) {
      const { data } = library;
      findDocument(data, documentId);
      const before = data.settings;
      const keys = new Set(before.rejectedDisagreements?.[documentId] ?? []);
      if (rejected) keys.add(key);
      else keys.delete(key);
      const after = {
        ...before,
        rejectedDisagreements: { ...before.rejectedDisagreements, [documentId]: [...keys] },
      };
      await library.commit(rejected ? 'Reject disagreement' : 'Reopen disagreement', [
        { kind: 'settings', before, after },
      ]);
      return after;
    },
  };
}

function updateLabel(fields: { tagIds?: unknown; stances?: unknown; note?: unknown }, moved: boolean): string {
  if (moved) return 'Adjust highlight';
  if (fields.tagIds) return 'Change tags';
  if (fields.stances) return 'Change stances';
  if (fields.note !== undefined) return 'Edit note';
  return 'Edit highlight';
}
