import { describe, expect, it } from 'vitest';
import { backupOf } from '../../../shared/export/backup-format';
import { callOk, libraryOnDisk, openSampleBackend, useTempDirs } from '../test-support';

const tempDir = useTempDirs();

async function withSecondDocument(dir: string) {
  const opened = await openSampleBackend(dir);
  const second = await callOk(opened.backend, 'importText', { title: 'Second', text: 'Another article.' });
  return { ...opened, second: second.document };
}

describe('document details', () => {
  it('takes a publication date only as an ISO 8601 day or day and time that exists, and clears it with ""', async () => {
    const { backend, store, document } = await openSampleBackend(await tempDir());
    for (const publishedAt of ['14 May 2025', '2025-02-30', '2025-05-14 10:00', '2025-5-14']) {
      const refused = await backend('updateDocument', { documentId: document.id, publishedAt });
      expect(refused, publishedAt).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    await callOk(backend, 'updateDocument', { documentId: document.id, publishedAt: '2025-05-14T09:30' });
    expect((await libraryOnDisk(store.dataDir)).documents[0]!.meta.publishedAt).toBe('2025-05-14T09:30');
    await callOk(backend, 'updateDocument', { documentId: document.id, publishedAt: '' });
    expect((await libraryOnDisk(store.dataDir)).documents[0]!.meta).toEqual({});
  });

  it('saves a memo as it is typed, a burst of typing being one undo step', async () => {
    const { backend, store, document } = await openSampleBackend(await tempDir());
    for (const memo of ['F', 'Fr', 'Framing: security']) {
      await callOk(backend, 'updateDocument', { documentId: document.id, memo });
    }
    expect((await libraryOnDisk(store.dataDir)).documents[0]!.memo).toBe('Framing: security');
    expect((await callOk(backend, 'getWorkspace', {})).history.undoLabel).toMatch(/^Edit memo of /);
    await callOk(backend, 'undo', {});
    expect((await libraryOnDisk(store.dataDir)).documents[0]!.memo).toBe('');
  });

  it('sets several documents’ details in one step, leaving the fields not given', async () => {
    const { backend, store, document, second } = await withSecondDocument(await tempDir());
    await callOk(backend, 'updateDocument', { documentId: document.id, author: 'Keep me' });
    const updated = await callOk(backend, 'updateDocuments', {
      documentIds: [document.id, second.id],
      outlet: 'Izvestia',
      publishedAt: '2025-03-16',
    });
    expect(updated.map((d) => d.meta)).toEqual([
      { author: 'Keep me', outlet: 'Izvestia', publishedAt: '2025-03-16' },
      { outlet: 'Izvestia', publishedAt: '2025-03-16' },
    ]);
    expect((await libraryOnDisk(store.dataDir)).documents.map((d) => d.meta.outlet)).toEqual(['Izvestia', 'Izvestia']);
    await callOk(backend, 'undo', {});
    expect((await libraryOnDisk(store.dataDir)).documents.map((d) => d.meta.outlet)).toEqual([undefined, undefined]);
  });
});

describe('document variables', () => {
  it('defines variables and takes only values their type allows', async () => {
    const { backend, store, document, second } = await withSecondDocument(await tempDir());
    const country = await callOk(backend, 'createVariable', {
      name: 'Country',
      type: 'category',
      values: ['Austria', 'Ukraine'],
    });
    const wave = await callOk(backend, 'createVariable', { name: 'Wave', type: 'number' });
    const fielded = await callOk(backend, 'createVariable', { name: 'Fielded', type: 'date' });
    expect(await backend('createVariable', { name: 'country', type: 'text' })).toMatchObject({
      ok: false,
      error: { message: 'There is already a variable named "Country".' },
    });
    expect((await backend('createVariable', { name: 'X', type: 'text', values: ['a'] })).ok).toBe(false);

    const refusals: Array<[string, string | number]> = [
      [country.id, 'France'],
      [wave.id, 'two'],
      [fielded.id, '14 May 2025'],
      [fielded.id, 3],
    ];
    for (const [id, value] of refusals) {
      const result = await backend('updateDocument', { documentId: document.id, variables: { [id]: value } });
      expect(result, `${id} = ${value}`).toMatchObject({ ok: false, error: { code: 'invalid-request' } });
    }
    expect(await backend('updateDocument', { documentId: document.id, variables: { nope: 'x' } })).toMatchObject({
      ok: false,
      error: { code: 'not-found' },
    });

    await callOk(backend, 'updateDocuments', {
      documentIds: [document.id, second.id],
      variables: { [country.id]: 'Ukraine', [wave.id]: 2 },
    });
    await callOk(backend, 'updateDocument', {
      documentId: second.id,
      variables: { [wave.id]: null, [fielded.id]: '2025-05-01' },
    });
    const saved = await libraryOnDisk(store.dataDir);
    expect(saved.variables.map((v) => v.name)).toEqual(['Country', 'Wave', 'Fielded']);
    expect(saved.documents.map((d) => d.variables)).toEqual([
      { [country.id]: 'Ukraine', [wave.id]: 2 },
      { [country.id]: 'Ukraine', [fielded.id]: '2025-05-01' },
    ]);
  });

  it('drops values a category no longer allows, and every value of a deleted variable, undoably', async () => {
    const { backend, store, document, second } = await withSecondDocument(await tempDir());
    const country = await callOk(backend, 'createVariable', { name: 'Country', type: 'category', values: ['A', 'B'] });
    await callOk(backend, 'updateDocument', { documentId: document.id, variables: { [country.id]: 'A' } });
    await callOk(backend, 'updateDocument', { documentId: second.id, variables: { [country.id]: 'B' } });

    await callOk(backend, 'updateVariable', { variableId: country.id, name: 'Land', values: ['B', 'C'] });
    let saved = await libraryOnDisk(store.dataDir);
    expect(saved.variables).toEqual([{ ...country, name: 'Land', values: ['B', 'C'] }]);
    expect(saved.documents.map((d) => d.variables)).toEqual([{}, { [country.id]: 'B' }]);
    await callOk(backend, 'undo', {});
    expect((await libraryOnDisk(store.dataDir)).documents[0]!.variables).toEqual({ [country.id]: 'A' });

    await callOk(backend, 'deleteVariable', { variableId: country.id });
    saved = await libraryOnDisk(store.dataDir);
    expect(saved.variables).toEqual([]);
    expect(saved.documents.map((d) => d.variables)).toEqual([{}, {}]);
    await callOk(backend, 'undo', {});
    saved = await libraryOnDisk(store.dataDir);
    expect(saved.documents.map((d) => d.variables)).toEqual([{ [country.id]: 'A' }, { [country.id]: 'B' }]);
  });

  it('refuses to undo a variable’s creation once another window gave a document a value of it', async () => {
    const { backend, document } = await openSampleBackend(await tempDir());
    const inWindow = (id: string) => (method: Parameters<typeof backend>[0], payload: unknown) =>
      backend(method, payload, id);
    const one = inWindow('one');
    const two = inWindow('two');
    const created = await one('createVariable', { name: 'Wave', type: 'number' });
    if (!created.ok) throw new Error('createVariable failed');
    const variableId = (created.value as { id: string }).id;
    expect((await two('updateDocument', { documentId: document.id, variables: { [variableId]: 1 } })).ok).toBe(true);
    expect(await one('undo', {})).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/1 document has a value of what it would remove/) },
    });
  });

  it('comes with a backup into another library, matched by name, a category gaining the values used', async () => {
    const source = await withSecondDocument(await tempDir());
    const region = await callOk(source.backend, 'createVariable', {
      name: 'Region',
      type: 'category',
      values: ['East'],
    });
    await callOk(source.backend, 'updateDocument', {
      documentId: source.second.id,
      variables: { [region.id]: 'East' },
      memo: 'Read twice',
    });
    const backup = JSON.stringify(backupOf(await libraryOnDisk(source.store.dataDir)));

    const target = await openSampleBackend(await tempDir());
    const own = await callOk(target.backend, 'createVariable', { name: 'region', type: 'category', values: ['West'] });
    const summary = await callOk(target.backend, 'importBackup', { content: backup });
    expect(summary.variables).toEqual({ added: 0, alreadyThere: 1 });
    const saved = await libraryOnDisk(target.store.dataDir);
    expect(saved.variables).toEqual([{ ...own, values: ['West', 'East'] }]);
    const imported = saved.documents.find((d) => d.title === 'Second')!;
    expect(imported.variables).toEqual({ [own.id]: 'East' });
    expect(imported.memo).toBe('Read twice');
  });
});
