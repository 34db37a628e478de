import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import standaloneCode from 'ajv/dist/standalone';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { backupSchema } from '../../../shared/export/backup';
import { backupOf } from '../../../shared/export/backup-format';
import { DATA_FILE_NAME } from '../data-dir';
import { callOk, openSampleBackend, SAMPLE_CLAIM, useTempDirs } from '../test-support';
import { logLineSchema } from './document-log';
import { documentFileSchema, documentsDirPath, libraryFileSchema } from './library-layout';

const tempDir = useTempDirs();
const FORMAT_DIR = path.resolve(__dirname, '../../../docs/format');

/** The files of a library, and of its backup, each with the zod schema the app reads it with. */
const FORMATS = {
  'library-file': {
    schema: libraryFileSchema,
    title: 'Stance Annotator library file (stance-annotator.json)',
  },
  'document-file': {
    schema: documentFileSchema,
    title: 'Stance Annotator document file (documents/<id>.json): its text and highlights',
  },
  'change-log-line': {
    schema: logLineSchema,
    title: 'One line of a document change log (documents/<id>.<log>.log): highlights put, ids removed',
  },
  backup: { schema: backupSchema, title: 'Stance Annotator project backup (Export… → project backup)' },
} as const;
type FormatName = keyof typeof FORMATS;

/** The published JSON Schema of a format: generated from the zod schema the app reads it with, never by hand. */
function jsonSchemaOf(name: FormatName): string {
  const { schema, title } = FORMATS[name];
  const generated = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'input' });
  return `${JSON.stringify({ $id: `stance-annotator/${name}.schema.json`, title, ...generated }, null, 2)}\n`;
}

const schemaFile = (name: string) => path.join(FORMAT_DIR, `${name}.schema.json`);

/** The files read at every start and export, each checked by code compiled ahead from its JSON Schema. */
const VALIDATORS = [
  { schema: documentFileSchema, name: 'documentFileSchema', file: 'document-file-validator.generated.ts' },
  { schema: libraryFileSchema, name: 'libraryFileSchema', file: 'library-file-validator.generated.ts' },
] as const;

/**
 * A file's validator (document-file-check.ts, library-file-check.ts): Ajv's standalone code for its JSON Schema,
 * so that the app compiles nothing when it starts. Ajv is told what zod does: properties the schema does not name are
 * dropped, and a `date-time` is checked by the pattern zod gives it. The schema is zod's output schema, where an
 * object closes with `additionalProperties: false`: Ajv drops what that closes out, and keeps a record's entries (its
 * `removeAdditional: 'all'` dropped those too).
 *
 * A string's length is its `length` (`unicode: false`), where zod counts code points: counting them took a tenth of
 * the check of a document file (every id of every highlight walked a character at a time). A length in UTF-16 units
 * is never below the count of code points, so a maximum the units pass holds for zod too, and what they fail is left
 * to zod (compiled-check.ts); a minimum of 1 means the same either way, and no schema may ask for a larger one.
 */
function validatorSource({ schema, name }: (typeof VALIDATORS)[number]): string {
  const ajv = new Ajv2020({
    strict: false,
    validateFormats: false,
    removeAdditional: true,
    unicode: false,
    code: { source: true, esm: true },
  });
  const jsonSchema = z.toJSONSchema(schema, { target: 'draft-2020-12', io: 'output' });
  const minimums = JSON.stringify(jsonSchema).match(/"minLength":\d+/g) ?? [];
  if (minimums.some((m) => m !== '"minLength":1' && m !== '"minLength":0'))
    throw new Error(`${name}: a minLength above 1 would pass in UTF-16 units what zod refuses in code points.`);
  const validate = ajv.compile(jsonSchema);
  return [
    '/* eslint-disable */',
    '// @ts-nocheck',
    `// Generated from ${name} by format-docs.test.ts (npm run format:schemas): do not edit.`,
    standaloneCode(ajv, validate),
    '',
  ].join('\n');
}

describe('the on-disk format, published as JSON Schema (docs/format/)', () => {
  it('is generated from the zod schemas (UPDATE_FORMAT_DOCS=1 writes it anew)', async () => {
    for (const name of Object.keys(FORMATS) as FormatName[]) {
      if (process.env.UPDATE_FORMAT_DOCS === '1') await writeFile(schemaFile(name), jsonSchemaOf(name));
      expect(await readFile(schemaFile(name), 'utf8'), `${name}: run npm run format:schemas`).toBe(jsonSchemaOf(name));
    }
  });

  it("compiles the document file's and the library file's validators from it (UPDATE_FORMAT_DOCS=1 writes them anew)", async () => {
    for (const validator of VALIDATORS) {
      const file = path.join(__dirname, validator.file);
      if (process.env.UPDATE_FORMAT_DOCS === '1') await writeFile(file, validatorSource(validator));
      expect(await readFile(file, 'utf8'), `${validator.file}: run npm run format:schemas`).toBe(
        validatorSource(validator),
      );
    }
  });

  it('describes a real library: its files while open (with a change log) and after a clean close, and its backup', async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    const validators = Object.fromEntries(
      await Promise.all(
        (Object.keys(FORMATS) as FormatName[]).map(async (name) => [
          name,
          ajv.compile(JSON.parse(await readFile(schemaFile(name), 'utf8')) as object),
        ]),
      ),
    ) as Record<FormatName, ReturnType<Ajv2020['compile']>>;
    const valid = (name: FormatName, value: unknown, where: string) => {
      const validate = validators[name];
      expect(validate(value), `${where}: ${JSON.stringify(validate.errors)}`).toBe(true);
    };

    const dir = await tempDir();
    const { store, backend, highlight } = await openSampleBackend(dir);
    const created = await highlight(SAMPLE_CLAIM);
    const holder = await callOk(backend, 'createEntity', { name: 'Grushko' });
    const target = await callOk(backend, 'createEntity', { name: 'NATO' });
    await callOk(backend, 'updateHighlight', {
      highlightId: created.id,
      note: 'Ein Zitat 😀',
      stances: [{ holderId: holder.id, targetId: target.id, stance: 'against' }],
    });
    await callOk(backend, 'importText', { title: 'Second', text: 'Второй текст.' });

    const check = async (expectLogs: boolean) => {
      valid('library-file', JSON.parse(await readFile(path.join(dir, DATA_FILE_NAME), 'utf8')), DATA_FILE_NAME);
      const names = await readdir(documentsDirPath(dir));
      const logs = names.filter((n) => n.endsWith('.log'));
      expect(logs.length > 0).toBe(expectLogs);
      for (const name of names) {
        const text = await readFile(path.join(documentsDirPath(dir), name), 'utf8');
        if (name.endsWith('.json')) valid('document-file', JSON.parse(text), name);
        else for (const line of text.split('\n').slice(0, -1)) valid('change-log-line', JSON.parse(line), name);
      }
    };
    await check(true);
    await store.close();
    await check(false);

    valid('backup', JSON.parse(JSON.stringify(backupOf(store.data))), 'backup');
    // And they refuse what the app refuses.
    expect(validators['document-file']({ documentId: 'x', text: 1, highlights: [] })).toBe(false);
  });
});
