import { codedSegments } from '../../../shared/analysis/coded-segments';
import { stanceMap } from '../../../shared/analysis/stance-map';
import type { HandlerContext, Handlers } from './types';

type AnalysisHandlers = Pick<Handlers, 'getStanceMap' | 'getCodedSegments'>;

const DEFAULT_SEGMENTS = 500;

/** The corpus's numbers, computed in the backend from the same code as the command line's `stats`. */
export function analysisHandlers({ library }: HandlerContext): AnalysisHandlers {
  return {
    async getStanceMap(filter) {
      return stanceMap(library.data, filter);
    },

    async getCodedSegments({ holderId, targetId, stance, limit = DEFAULT_SEGMENTS, ...filter }) {
      const segments = codedSegments(library.data, { holderId, targetId, stance }, filter);
      return { total: segments.length, segments: segments.slice(0, limit) };
    },
  };
}
