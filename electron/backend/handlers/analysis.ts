import { codedSegmentsPage } from '../../../shared/analysis/coded-segments';
import { stanceMap } from '../../../shared/analysis/stance-map';
import { tagMatrix } from '../../../shared/analysis/tag-matrix';
import { timeline } from '../../../shared/analysis/timeline';
import { ApiFailure } from '../api-error';
import { findEntity, findTag, findVariable } from './lookup';
import type { HandlerContext, Handlers } from './types';

type AnalysisHandlers = Pick<Handlers, 'getStanceMap' | 'getCodedSegments' | 'getTagMatrix' | 'getTimeline'>;

const DEFAULT_SEGMENTS = 500;

/** The corpus's numbers, computed in the backend from the same code as the command line's `stats`. */
export function analysisHandlers({ library }: HandlerContext): AnalysisHandlers {
  return {
    async getStanceMap(filter) {
      return stanceMap(library.forAnalysis, filter);
    },

    async getCodedSegments({
      holderId,
      targetId,
      stance,
      tagId,
      documentIds,
      words,
      sort,
      limit = DEFAULT_SEGMENTS,
      ...filter
    }) {
      if (tagId !== undefined) findTag(library.data, tagId);
      const selection = { holderId, targetId, stance, tagId, documentIds, words, sort };
      return codedSegmentsPage(library.forAnalysis, selection, filter, limit);
    },

    async getTagMatrix({ by, variableId, ...filter }) {
      if (by === 'variable') {
        if (variableId === undefined) throw new ApiFailure('invalid-request', 'Grouping by a variable needs its id.');
        findVariable(library.data, variableId);
        return tagMatrix(library.forAnalysis, { by, variableId }, filter);
      }
      return tagMatrix(library.forAnalysis, { by }, filter);
    },

    async getTimeline({ interval, targetId, holderId, ...filter }) {
      // An entity that is not there is an error, not an empty chart.
      if (targetId !== undefined) findEntity(library.data, targetId);
      if (holderId) findEntity(library.data, holderId);
      return timeline(
        library.forAnalysis,
        { interval, ...(targetId !== undefined ? { targetId } : {}), ...(holderId !== undefined ? { holderId } : {}) },
        filter,
      );
    },
  };
}
