import type { z } from 'zod';
import type { ApiMethod, ApiResults, apiArgumentSchemas } from '../../../shared/api-contract';
import type { Jobs } from '../jobs';
import type { Library } from '../library';

export type ParsedArgs<M extends ApiMethod> = z.output<(typeof apiArgumentSchemas)[M]>;

/** The implementation of every API method; each receives arguments already parsed by the contract's schema. */
export type Handlers = { [M in ApiMethod]: (args: ParsedArgs<M>) => Promise<ApiResults[M]> };

/** What every group of handlers is built from. */
export interface HandlerContext {
  library: Library;
  now: () => Date;
  /** Long work the page follows and can stop (jobs.ts). */
  jobs: Jobs;
}
