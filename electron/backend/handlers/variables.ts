import type { Database, Variable } from '../../../shared/domain';
import { sameName } from '../../../shared/names';
import { ApiFailure } from '../api-error';
import { insert, remove, replace, type Change } from '../change-set';
import { newId } from '../make-document';
import { findVariable } from './lookup';
import type { HandlerContext, Handlers } from './types';

type VariableHandlers = Pick<Handlers, 'createVariable' | 'updateVariable' | 'deleteVariable'>;

function checkNameFree(data: Database, name: string, exceptId?: string): void {
  const clash = data.variables.find((v) => v.id !== exceptId && sameName(v.name, name));
  if (clash) throw new ApiFailure('conflict', `There is already a variable named "${clash.name}".`);
}

/** Each document's value of the variable taken away where `keep` says no: what changes with the variable. */
function dropValues(data: Database, variableId: string, keep: (value: string | number) => boolean): Change[] {
  return data.documents.flatMap((document) => {
    const value = document.variables[variableId];
    if (value === undefined || keep(value)) return [];
    const { [variableId]: _dropped, ...variables } = document.variables;
    return [replace('documents', document, { ...document, variables })];
  });
}

/** Document variables: defined once per library, each document holding its own value (document-details.ts). */
export function variableHandlers({ library }: HandlerContext): VariableHandlers {
  return {
    async createVariable({ name, type, values = [] }) {
      const { data } = library;
      checkNameFree(data, name);
      if (type !== 'category' && values.length > 0) {
        throw new ApiFailure('invalid-request', 'Only a category variable lists allowed values.');
      }
      const variable: Variable = { id: newId(), name, type, values };
      await library.commit(`Add variable "${name}"`, [insert('variables', variable)]);
      return variable;
    },

    async updateVariable({ variableId, name, values }) {
      const { data } = library;
      const before = findVariable(data, variableId);
      if (name !== undefined) checkNameFree(data, name, variableId);
      if (values !== undefined && before.type !== 'category') {
        throw new ApiFailure('invalid-request', `"${before.name}" is not a category: it lists no allowed values.`);
      }
      const after: Variable = { ...before, name: name ?? before.name, values: values ?? before.values };
      const allowed = new Set(after.values);
      const changes: Change[] = [
        replace('variables', before, after),
        ...(values === undefined ? [] : dropValues(data, variableId, (value) => allowed.has(String(value)))),
      ];
      await library.commit(`Edit variable "${after.name}"`, changes);
      return after;
    },

    async deleteVariable({ variableId }) {
      const { data } = library;
      const variable = findVariable(data, variableId);
      await library.commit(`Delete variable "${variable.name}"`, [
        ...dropValues(data, variableId, () => false),
        remove('variables', variable),
      ]);
      return { variableId };
    },
  };
}
