import { lazy, type ComponentType } from 'react';

/**
 * The dialogs an analyst opens now and then, each loaded the first time it opens rather than with the page: their
 * code (41 KB of the 359 KB script) was parsed at every start and held in its memory whether used or not. A chunk
 * comes from the app's own files (the app protocol, or the loopback server) in a few milliseconds.
 */
function onDemand<Props extends object>(load: () => Promise<ComponentType<Props>>) {
  return lazy(() => load().then((component) => ({ default: component })));
}

export const AgreementDialog = onDemand(() => import('./features/team/AgreementDialog').then((m) => m.AgreementDialog));
export const CodebookDialog = onDemand(() =>
  import('./features/codebook/CodebookDialog').then((m) => m.CodebookDialog),
);
export const CodedSegmentsDialog = onDemand(() =>
  import('./features/analysis/CodedSegmentsDialog').then((m) => m.CodedSegmentsDialog),
);
export const EntitiesDialog = onDemand(() => import('./features/stances/EntitiesDialog').then((m) => m.EntitiesDialog));
export const ExportDialog = onDemand(() => import('./features/export/ExportDialog').then((m) => m.ExportDialog));
export const SearchDialog = onDemand(() => import('./features/analysis/SearchDialog').then((m) => m.SearchDialog));
export const StanceMapDialog = onDemand(() =>
  import('./features/analysis/StanceMapDialog').then((m) => m.StanceMapDialog),
);
export const TagMatrixDialog = onDemand(() =>
  import('./features/analysis/TagMatrixDialog').then((m) => m.TagMatrixDialog),
);
export const TimelineDialog = onDemand(() =>
  import('./features/analysis/TimelineDialog').then((m) => m.TimelineDialog),
);
