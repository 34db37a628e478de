import { Jobs } from '../jobs';
import { Library } from '../library';
import type { Store } from '../store';
import { agreementHandlers } from './agreement';
import { analysisHandlers } from './analysis';
import { searchHandlers } from './search';
import { codebookHandlers } from './codebook';
import { documentHandlers } from './documents';
import { entityHandlers } from './entities';
import { exchangeHandlers } from './exchange';
import { highlightHandlers } from './highlights';
import type { Handlers } from './types';
import { variableHandlers } from './variables';
import { workspaceHandlers } from './workspace';

export type { Handlers } from './types';

export function createHandlers(store: Store, now: () => Date = () => new Date(), jobs = new Jobs()): Handlers {
  const context = { library: new Library(store, () => now().getTime()), now, jobs };
  return {
    ...workspaceHandlers(context),
    ...highlightHandlers(context),
    ...codebookHandlers(context),
    ...entityHandlers(context),
    ...exchangeHandlers(context),
    ...documentHandlers(context),
    ...variableHandlers(context),
    ...agreementHandlers(context),
    ...searchHandlers(context),
    ...analysisHandlers(context),
  };
}
