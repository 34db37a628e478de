// The domain's fixed vocabularies and plain helpers, without the schemas: the renderer (and every shared/ module it
// uses) imports these, and so never bundles zod (a sixth of its script, and every schema built at each start) for a
// list of words. domain.ts builds its schemas on them.
import type { Highlight } from './domain';

/** The version this build writes. Bump it together with a new entry in the backend's migrations list. */
export const CURRENT_SCHEMA_VERSION = 8;

export const stanceValues = ['favor', 'against', 'neutral', 'unclear'] as const;
export type StanceValue = (typeof stanceValues)[number];

export const variableTypes = ['text', 'number', 'date', 'category'] as const;
export type VariableType = (typeof variableTypes)[number];

/** Which part of the library an export covers: the open document, all documents, or what the filtered list shows. */
export const exportScopes = ['document', 'all', 'filtered'] as const;
export type ExportScopeChoice = (typeof exportScopes)[number];

/** Whether a highlight has a place in its text (an orphan has none: see `anchor`). */
export const isPlaced = (highlight: Pick<Highlight, 'anchor'>): boolean => highlight.anchor !== 'orphan';
