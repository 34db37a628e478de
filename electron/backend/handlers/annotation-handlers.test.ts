import { describe, expect, it } from 'vitest';
import { callOk, libraryOnDisk, openSampleBackend, SAMPLE_CLAIM, useTempDirs } from '../test-support';

const tempDir = useTempDirs();

describe('highlight updates', () => {
  it('changes tags, stances, note and bounds, each written to disk', async () => {
    const { backend, store, document, tagIds, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    const grushko = await callOk(backend, 'createEntity', { name: 'Alexander Grushko' });
    const nato = await callOk(backend, 'createEntity', { name: 'NATO peacekeepers in Ukraine' });
    const stances = [{ holderId: grushko.id, targetId: nato.id, stance: 'against' as const }];

    await callOk(backend, 'updateHighlight', { highlightId: h.id, tagIds: [tagIds[0]!, tagIds[2]!], stances });
    await callOk(backend, 'updateHighlight', { highlightId: h.id, note: 'Line one\nLine two' });
    const longer = `"${SAMPLE_CLAIM}`;
    const start = document.text.indexOf(longer);
    const moved = await callOk(backend, 'updateHighlight', {
      highlightId: h.id,
      bounds: { start, end: start + longer.length, quote: longer },
    });
    expect(moved.prefix).toBe(document.text.slice(start - 32, start));

    const saved = (await libraryOnDisk(store.dataDir)).highlights[0]!;
    expect(saved).toMatchObject({ tagIds: [tagIds[0], tagIds[2]], stances, note: 'Line one\nLine two', quote: longer });
  });

  it('refuses stances that point nowhere or repeat a holder → target pair', async () => {
    const { backend, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    const target = await callOk(backend, 'createEntity', { name: 'NATO' });
    const missing = await backend('updateHighlight', {
      highlightId: h.id,
      stances: [{ holderId: 'nobody', targetId: target.id, stance: 'favor' }],
    });
    expect(missing).toMatchObject({ ok: false, error: { message: expect.stringMatching(/No holder/) } });
    const repeated = await backend('updateHighlight', {
      highlightId: h.id,
      stances: [
        { holderId: null, targetId: target.id, stance: 'favor' },
        { holderId: null, targetId: target.id, stance: 'against' },
      ],
    });
    expect(repeated).toMatchObject({ ok: false, error: { message: expect.stringMatching(/only one stance/) } });
    const badValue = await backend('updateHighlight', {
      highlightId: h.id,
      stances: [{ holderId: null, targetId: target.id, stance: 'maybe' }],
    });
    expect(badValue.ok).toBe(false);
  });

  it('creates holders and targets named in a stance in the same step, reusing names that exist', async () => {
    const { backend, store, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    const russia = await callOk(backend, 'createEntity', { name: 'Russia' });
    const updated = await callOk(backend, 'updateHighlight', {
      highlightId: h.id,
      stances: [
        { holderName: 'Alexander Grushko', targetName: 'NATO peacekeepers in Ukraine', stance: 'against' },
        { holderName: 'russia', targetName: 'nato peacekeepers in ukraine', stance: 'against' },
        { holderName: 'Alexander Grushko', targetName: 'Unarmed observer mission', stance: 'favor' },
      ],
    });
    const saved = await libraryOnDisk(store.dataDir);
    expect(saved.entities.map((e) => e.name)).toEqual([
      'Russia',
      'Alexander Grushko',
      'NATO peacekeepers in Ukraine',
      'Unarmed observer mission',
    ]);
    const [, grushko, nato, mission] = saved.entities;
    expect(updated.stances).toEqual([
      { holderId: grushko!.id, targetId: nato!.id, stance: 'against' },
      { holderId: russia.id, targetId: nato!.id, stance: 'against' },
      { holderId: grushko!.id, targetId: mission!.id, stance: 'favor' },
    ]);
    // One step: undo takes back the stances and the entries they created, not the holder made before.
    await callOk(backend, 'undo', {});
    const undone = await libraryOnDisk(store.dataDir);
    expect(undone.entities.map((e) => e.name)).toEqual(['Russia']);
    expect(undone.highlights[0]!.stances).toEqual([]);
  });

  it('refuses a stance without a target, or with both an id and a name', async () => {
    const { backend, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    for (const stance of [
      { holderName: 'A', stance: 'favor' },
      { targetId: 'x', targetName: 'X', stance: 'favor' },
      { holderId: 'h', holderName: 'H', targetName: 'X', stance: 'favor' },
    ]) {
      expect((await backend('updateHighlight', { highlightId: h.id, stances: [stance] })).ok).toBe(false);
    }
  });

  it('refuses bounds whose quote does not match the text', async () => {
    const { backend, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    const result = await backend('updateHighlight', {
      highlightId: h.id,
      bounds: { start: h.start, end: h.end + 1, quote: SAMPLE_CLAIM },
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'conflict' } });
  });
});

describe('codebook', () => {
  it('creates, renames, recolours, describes, nests and reorders tags', async () => {
    const { backend, store, tagIds } = await openSampleBackend(await tempDir());
    const tag = await callOk(backend, 'createTag', { name: 'Threat', color: '#AA0000', description: 'A warning' });
    expect(tag).toMatchObject({ color: '#aa0000', parentId: null });
    await callOk(backend, 'updateTag', { tagId: tag.id, name: 'Warning', parentId: tagIds[0]! });
    await callOk(backend, 'reorderTags', { tagIds: [tag.id, ...tagIds] });
    const saved = await libraryOnDisk(store.dataDir);
    expect(saved.tags[0]).toMatchObject({ id: tag.id, name: 'Warning', parentId: tagIds[0], description: 'A warning' });
  });

  it('keeps names unique and free of "|", and the hierarchy one level deep', async () => {
    const { backend, tagIds } = await openSampleBackend(await tempDir());
    expect(await backend('createTag', { name: 'claim', color: '#000000' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/already has a tag named "Claim"/) },
    });
    expect(await backend('createTag', { name: 'A|B', color: '#000000' })).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/may not contain "\|"/) },
    });
    const child = await callOk(backend, 'createTag', { name: 'Sub', color: '#000000', parentId: tagIds[0]! });
    expect((await backend('createTag', { name: 'Subsub', color: '#000000', parentId: child.id })).ok).toBe(false);
    expect((await backend('updateTag', { tagId: tagIds[0]!, parentId: tagIds[1]! })).ok).toBe(false);
    expect((await backend('updateTag', { tagId: tagIds[1]!, parentId: tagIds[1]! })).ok).toBe(false);
    expect((await backend('reorderTags', { tagIds: tagIds.slice(1) })).ok).toBe(false);
  });

  it('deletes a tag in use after counting, taking it off highlights and freeing its sub-tags', async () => {
    const { backend, store, tagIds, highlight } = await openSampleBackend(await tempDir());
    const claim = tagIds[0]!;
    await highlight(SAMPLE_CLAIM, [claim, tagIds[1]!]);
    await highlight('an unarmed observer mission', [claim]);
    const child = await callOk(backend, 'createTag', { name: 'Sub', color: '#000000', parentId: claim });
    expect(await callOk(backend, 'countUsage', { kind: 'tag', id: claim })).toEqual({ highlights: 2, documents: 1 });

    await callOk(backend, 'deleteTag', { tagId: claim });
    const saved = await libraryOnDisk(store.dataDir);
    expect(saved.tags.map((t) => t.id)).not.toContain(claim);
    expect(saved.tags.find((t) => t.id === child.id)?.parentId).toBeNull();
    expect(saved.highlights.map((h) => h.tagIds)).toEqual([[tagIds[1]], []]);
  });
});

describe('holders and targets', () => {
  it('renames, merges and deletes, rewriting the stances that use them', async () => {
    const { backend, store, highlight } = await openSampleBackend(await tempDir());
    const russia = await callOk(backend, 'createEntity', { name: 'Russia' });
    const grushko = await callOk(backend, 'createEntity', { name: 'Grushko' });
    const nato = await callOk(backend, 'createEntity', { name: 'NATO peacekeepers' });
    const mission = await callOk(backend, 'createEntity', { name: 'Observer mission' });
    const h = await highlight(SAMPLE_CLAIM);
    await callOk(backend, 'updateHighlight', {
      highlightId: h.id,
      stances: [
        { holderId: grushko.id, targetId: nato.id, stance: 'against' },
        { holderId: russia.id, targetId: nato.id, stance: 'against' },
        { holderId: grushko.id, targetId: mission.id, stance: 'favor' },
      ],
    });
    expect(await backend('createEntity', { name: ' russia ' })).toMatchObject({ ok: false });
    expect(await callOk(backend, 'countEntityUses', {})).toEqual({
      holder: { [grushko.id]: 2, [russia.id]: 1 },
      target: { [nato.id]: 2, [mission.id]: 1 },
    });
    await callOk(backend, 'renameEntity', { id: grushko.id, name: 'Alexander Grushko' });
    expect(await callOk(backend, 'countUsage', { kind: 'entity', id: grushko.id })).toEqual({
      highlights: 1,
      documents: 1,
    });

    // Merging Grushko into Russia makes two identical Russia → NATO stances: one stays.
    await callOk(backend, 'mergeEntities', { sourceId: grushko.id, intoId: russia.id });
    let saved = await libraryOnDisk(store.dataDir);
    expect(saved.entities.map((e) => e.name)).toEqual(['Russia', 'NATO peacekeepers', 'Observer mission']);
    expect(saved.highlights[0]!.stances).toEqual([
      { holderId: russia.id, targetId: nato.id, stance: 'against' },
      { holderId: russia.id, targetId: mission.id, stance: 'favor' },
    ]);

    await callOk(backend, 'deleteEntity', { id: mission.id });
    await callOk(backend, 'deleteEntity', { id: russia.id });
    saved = await libraryOnDisk(store.dataDir);
    expect(saved.highlights[0]!.stances).toEqual([{ holderId: null, targetId: nato.id, stance: 'against' }]);
    expect(saved.entities.map((e) => e.name)).toEqual(['NATO peacekeepers']);
  });

  it('is one list: a name used as holder and as target is one entry, and a merge moves both roles', async () => {
    const { backend, store, highlight } = await openSampleBackend(await tempDir());
    const h = await highlight(SAMPLE_CLAIM);
    await callOk(backend, 'updateHighlight', {
      highlightId: h.id,
      stances: [
        { holderName: 'Russia', targetName: 'NATO', stance: 'against' },
        { holderName: 'NATO', targetName: 'russia', stance: 'against' },
      ],
    });
    let saved = await libraryOnDisk(store.dataDir);
    expect(saved.entities.map((e) => e.name)).toEqual(['Russia', 'NATO']);
    const [russia, nato] = saved.entities;
    expect(await callOk(backend, 'countEntityUses', {})).toEqual({
      holder: { [russia!.id]: 1, [nato!.id]: 1 },
      target: { [russia!.id]: 1, [nato!.id]: 1 },
    });
    const kremlin = await callOk(backend, 'createEntity', { name: 'Kremlin' });
    await callOk(backend, 'mergeEntities', { sourceId: russia!.id, intoId: kremlin.id });
    saved = await libraryOnDisk(store.dataDir);
    expect(saved.highlights[0]!.stances).toEqual([
      { holderId: kremlin.id, targetId: nato!.id, stance: 'against' },
      { holderId: nato!.id, targetId: kremlin.id, stance: 'against' },
    ]);
  });
});
