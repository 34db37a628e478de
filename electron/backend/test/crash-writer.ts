// A child process for the crash test: applies a stream of changes to a library through the real backend and prints
// "ack <n> <id>" the moment each change is acknowledged (written). The test kills it with SIGKILL at random moments.
import { createBackend } from '../backend';
import { openStore } from '../store';

async function main(): Promise<void> {
  const [dataDir, offsetArg] = process.argv.slice(2);
  const store = await openStore(dataDir!);
  const backend = createBackend(store);
  const document = store.data.documents[0]!;
  const words = [...document.text.matchAll(/\p{L}+/gu)];
  const tagId = store.data.tags[0]!.id;
  process.stdout.write('ready\n');
  for (let n = Number(offsetArg ?? 0); ; n++) {
    const word = words[n % words.length]!;
    // Bursts of a few unawaited changes, then one awaited: writes are always under way when the kill comes.
    const burst = Array.from({ length: 3 }, (_, k) =>
      backend('createHighlight', {
        documentId: document.id,
        start: word.index,
        end: word.index + word[0].length,
        quote: word[0],
        tagIds: [tagId],
      }).then((result) => {
        if (!result.ok) throw new Error(result.error.message);
        process.stdout.write(`ack ${n}.${k} ${(result.value as { id: string }).id}\n`);
      }),
    );
    await Promise.all(burst);
  }
}

void main();
