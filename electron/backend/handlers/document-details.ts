import type { ApiArgs } from '../../../shared/api-contract';
import type { Database, StoredDocument, VariableValue } from '../../../shared/domain';
import { variableValueProblem } from '../../../shared/variables';
import { ApiFailure } from '../api-error';
import { findVariable } from './lookup';

/** The details an analyst sets on one document or on several at once (api-contract.ts). */
export type DocumentDetails = Pick<ApiArgs<'updateDocument'>, 'outlet' | 'author' | 'publishedAt' | 'variables'>;

/**
 * Checks `details` against the library's variables, before anything changes: an unknown variable or a value its
 * type does not take is refused with the reason.
 */
export function checkDetails(data: Database, details: DocumentDetails): void {
  for (const [variableId, value] of Object.entries(details.variables ?? {})) {
    const variable = findVariable(data, variableId);
    const problem = value === null || value === '' ? null : variableValueProblem(variable, value);
    if (problem) throw new ApiFailure('invalid-request', problem);
  }
}

/**
 * The document with `details` applied: given fields replace, an empty outlet, author or date clears it (a chosen
 * date also replaces a date kept as text), a variable's value null clears it. Fields not given stay.
 */
export function withDetails(document: StoredDocument, details: DocumentDetails): StoredDocument {
  const meta: Record<string, string | undefined> = { ...document.meta };
  for (const key of ['outlet', 'author'] as const) {
    const value = details[key];
    if (value !== undefined) meta[key] = value.trim() || undefined;
  }
  if (details.publishedAt !== undefined) {
    meta.publishedAt = details.publishedAt || undefined;
    meta.publishedText = undefined;
  }
  const variables: Record<string, VariableValue> = { ...document.variables };
  for (const [id, value] of Object.entries(details.variables ?? {})) {
    if (value === null || value === '') delete variables[id];
    else variables[id] = value;
  }
  return { ...document, meta: withoutUndefined(meta), variables };
}

const withoutUndefined = (record: Record<string, string | undefined>): Record<string, string> =>
  Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined));
