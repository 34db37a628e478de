import type { Database, Entity, Highlight, StoredDocument, Tag, Variable } from '../../../shared/domain';
import { notFound } from '../api-error';
import type { Library } from '../library';

export function findDocument(data: Database, id: string): StoredDocument {
  const document = data.documents.find((d) => d.id === id);
  if (!document) throw notFound('document', id);
  return document;
}

export function findHighlight(library: Library, id: string): Highlight {
  const highlight = library.highlight(id);
  if (!highlight) throw notFound('highlight', id);
  return highlight;
}

export function findVariable(data: Database, id: string): Variable {
  const variable = data.variables.find((v) => v.id === id);
  if (!variable) throw notFound('variable', id);
  return variable;
}

export function findTag(data: Database, id: string): Tag {
  const tag = data.tags.find((t) => t.id === id);
  if (!tag) throw notFound('tag', id);
  return tag;
}

export function findEntity(data: Database, id: string): Entity {
  const entity = data.entities.find((e) => e.id === id);
  if (!entity) throw notFound('holder or target', id);
  return entity;
}

/** The same name, ignoring case and surrounding space: "russia" and "Russia " are one name. */
/** One rule for names, shared with the renderer, which refuses a repeated holder → target pair as it is typed. */
export { sameName } from '../../../shared/names';
