import { useEffect, useState } from 'react';
import type { ApiArgs, ApiMethod, ApiResults } from '../../../../shared/api-contract';
import { callApi } from '../../api/client';

export interface BackendAnswer<M extends ApiMethod> {
  /** The answer to the latest request (the one before it until that comes; null before the first). */
  answer: ApiResults[M] | null;
  /** Why the latest request failed, or null. */
  problem: string | null;
}

/**
 * What an analysis view shows: the backend's answer to `request`, asked again whenever the request changes (a new
 * object: callers memoise it) and kept only if it answers the latest request, so a slow answer to an older filter
 * never replaces a newer one.
 */
export function useBackendAnswer<M extends ApiMethod>(method: M, request: ApiArgs<M>): BackendAnswer<M> {
  const [state, setState] = useState<BackendAnswer<M>>({ answer: null, problem: null });
  useEffect(() => {
    let current = true;
    callApi(method, request).then(
      (answer) => current && setState({ answer, problem: null }),
      (error: Error) => current && setState((s) => ({ answer: s.answer, problem: error.message })),
    );
    return () => {
      current = false;
    };
  }, [method, request]);
  return state;
}
