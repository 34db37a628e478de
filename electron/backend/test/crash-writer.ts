// A child process for the crash test: applies a stream of changes to a library through the real backend and prints
// "ack <n> <id>" the moment each highlight is acknowledged (written), and "coded <tag id> <count>" the moment a "Code all
// matches" is. The test kills it with SIGKILL at random moments.
import { createBackend } from '../backend';
import { openStore } from '../store';

async function main(): Promise<void> {
  const [dataDir, offsetArg] = process.argv.slice(2);
  const store = await openStore(dataDir!);
  const backend = createBackend(store);
  const [document, other] = store.data.documents;
  const words = [...document!.text.matchAll(/\p{L}+/gu)];
  const tagId = store.data.tags[0]!.id;
  const call = async (method: string, args: unknown) => {
    const result = await backend(method, args);
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { id: string };
  };
  const highlightIn = (documentId: string, n: number, tagIds: string[]) => {
    const word = words[n % words.length]!;
    const end = word.index + word[0].length;
    return call('createHighlight', { documentId, start: word.index, end, quote: word[0], tagIds });
  };
  // "Code all matches" needs a coder. Its highlights go to several documents' logs in one journaled set; once
  // acknowledged, every one of them must be there as long as its tag is. One before the kills can come (so that every
  // run checks one), then one in every round (so that kills land in their middle too).
  await call('updateSettings', { annotator: 'crash' });
  const codeAll = async (name: string) => {
    const tag = await call('createTag', { name, color: '#123456' });
    const { coded } = (await call('codeMatches', { query: 'quokka', tagId: tag.id })) as unknown as { coded: number };
    process.stdout.write(`coded ${tag.id} ${coded}\n`);
    return tag;
  };
  await codeAll(`Before ${offsetArg ?? 0}`);
  process.stdout.write('ready\n');
  for (let n = Number(offsetArg ?? 0); ; n++) {
    const tag = await codeAll(`Passing ${n}`);
    // Bursts of a few unawaited changes, then one awaited: writes are always under way when the kill comes.
    const burst = Array.from({ length: 3 }, (_, k) =>
      highlightIn(document!.id, n, [tagId]).then((h) => process.stdout.write(`ack ${n}.${k} ${h.id}\n`)),
    );
    await Promise.all(burst);
    // A change to three files at once: a tag used in both documents, deleted. A kill in its middle must leave either
    // all three files changed or none, never a highlight pointing at a tag the library file no longer has.
    await Promise.all([highlightIn(document!.id, n + 1, [tag.id]), highlightIn(other!.id, 0, [tag.id])]);
    await call('deleteTag', { tagId: tag.id });
  }
}

void main();
