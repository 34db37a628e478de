import { CURRENT_SCHEMA_VERSION, type Database, type Highlight, type StoredDocument } from '../../shared/domain';
import { notFound } from './api-error';
import { applyChanges, type Change } from './change-set';
import { takeRollingBackups } from './backups';
import { newLibrary } from './new-library';
import { coalescedWriter } from './storage/coalesced-writer';
import {
  documentEntries,
  documentFilePath,
  libraryFilePath,
  withText,
  type LibraryFile,
} from './storage/library-layout';
import { LibraryWriter, type Touched } from './storage/library-writer';
import { HeldTexts } from './storage/held-texts';
import { loadDocuments } from './storage/load-documents';
import { openLibraryFolder } from './storage/open-library';
import { withEntityAliases } from './storage/entity-aliases';
import { readDocumentFile } from './storage/read-library';
import { findRecoverableDocuments, type RecoverableDocument } from './storage/recovery';

export type { Touched } from './storage/library-writer';

/** What the library file lists: the documents (with their counts) and everything but texts and highlights. */
export type Listing = Omit<LibraryFile, 'schemaVersion' | 'layout' | 'entityAliases'>;

/** The listing's small lists, and the first document's id, without the documents' entries. */
export type ListingLists = Omit<Listing, 'documents'> & { firstDocumentId: string | null };

/**
 * The library in memory, and the one way to put it on disk. The pieces behind it, each in storage/: opening and
 * recovering a data folder (open-library.ts, recovery.ts), reading the documents in the background
 * (load-documents.ts), the write policy (library-writer.ts: log lines, whole files, journals) and its coalescing
 * (coalesced-writer.ts), durable writes (durable-file.ts), and reading a consistent snapshot (read-library.ts).
 */
export interface Store {
  readonly dataDir: string;
  /** What the analyst should be told about opening the library (shown once in the UI). */
  readonly notices: readonly string[];
  /**
   * Resolves once every document is read and `data` holds the whole library; rejects if they cannot be read. Asking
   * for it starts the reading, if it has not started.
   */
  readonly loaded: Promise<void>;
  /**
   * Resolves once every document is read, without asking for them (they are read when something needs them, or a
   * few seconds after opening); rejects if they cannot be read.
   */
  readonly onceLoaded: Promise<void>;
  readonly isLoaded: boolean;
  /** The whole library. Only once {@link loaded}: before, it throws. */
  readonly data: Database;
  /**
   * Counts the changes of {@link data}: each {@link apply} (forward or backward), and the reading of the documents. 0
   * while they are unread (what {@link listing} gives then is the library file's, which nothing changes).
   */
  readonly revision: number;
  /** The documents as the library lists them, and the codebook, holders, targets and settings: at hand at once. */
  listing(): Listing;
  /**
   * The listing without its documents' entries, which count every highlight once the documents are read (40 ms at
   * 1,000,000 highlights): what the workspace sends.
   */
  lists(): ListingLists;
  /**
   * The documents as the library file listed them when the library opened, before any document was read: what
   * {@link listing} gave until then. Null for a library opened whole.
   */
  listingAtOpen(): Listing['documents'] | null;
  /** Intact documents in folders moved aside that the library does not hold: the analyst can bring them back. */
  recoverable(): RecoverableDocument[];
  /** The highlight with this id, if there is one: without a pass over every highlight. Only once {@link loaded}. */
  highlight(id: string): Highlight | undefined;
  /** The highlights of each of these documents, in the library's order: without a pass. Only once {@link loaded}. */
  highlightsOf(documentIds: readonly string[]): ReadonlyMap<string, readonly Highlight[]>;
  /** One document with its highlights: from memory once loaded, straight from its file before. */
  openDocument(documentId: string): Promise<{ document: StoredDocument; highlights: Highlight[] }>;
  /**
   * Resolves once the files holding what `touched` names are on disk, to stay, as `data` has them now: all of them or
   * none (library-writer.ts). Only {@link Library} calls it, so that every change has its rollback.
   */
  save(touched: Touched): Promise<void>;
  /**
   * Runs `changes` on {@link data} (change-set.ts's `applyChanges`), keeping what the store knows of it up to date:
   * the one way data changes once the library is open. Only {@link Library} calls it, before the save.
   */
  apply(changes: readonly Change[], direction: 'forward' | 'backward'): void;
  /**
   * Waits for the saves under way, then folds every change log into its document's file, so that the closed library
   * is plain JSON that any tool reads without replaying logs. Called on a clean quit.
   */
  close(): Promise<void>;
}

/** An empty library: no documents, no codebook (what a backup is restored into). */
export function emptyLibrary(): Database {
  return {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    documents: [],
    tags: [],
    entities: [],
    variables: [],
    highlights: [],
    settings: { annotator: '', lastDocumentId: null, snapToWords: true, readingPositions: {} },
  };
}

/** How long after opening the documents are read in the background, if nothing asked for them before. */
const BACKGROUND_LOAD_DELAY_MS = 3_000;

export interface OpenOptions {
  now?: () => Date;
  /** false: start an empty library (to restore a backup into) instead of one with the sample article. */
  seed?: boolean;
  /**
   * Return as soon as the library file is read, and read the documents' files in the background (what the app does:
   * a library of 2,000 documents is shown at once). Otherwise the store is returned whole.
   */
  documentsInBackground?: boolean;
  /** How long after a change of highlight counts alone the library file is written with them (tests shorten it). */
  countsDelayMs?: number;
  /** How long after opening the documents are read in the background if nothing asked for them (tests lengthen it). */
  backgroundLoadDelayMs?: number;
  /**
   * From how many characters of text in all (the library file's counts) the documents' texts are held on disk rather
   * than in memory (storage/held-texts.ts); tests lower it.
   */
  textsOnDiskFrom?: number;
}

/**
 * A library whose texts come to this many characters holds them on disk while it is open (storage/held-texts.ts): some
 * 3,000 documents of the bench's size. A smaller one holds them in memory, as it always did.
 */
const TEXTS_ON_DISK_FROM = 32 * 2 ** 20;

/**
 * Highlight counts are a convenience of the library file (the Library lists them before the documents are read), not
 * a record: a save that changes only them leaves the library file alone, and the counts follow once the analyst
 * pauses, or on quit. Rewriting the library file with every new highlight cost a save most of its time (a 1 MB file
 * at 2,000 documents, 7 MB at 20,000). Counts a crash leaves stale are corrected when the documents are next read.
 */
const COUNTS_DELAY_MS = 2_000;

/**
 * Opens the library in `dataDir`, creating it on first start — with the sample article and the starter codebook,
 * or empty when `seed` is false — and recovering it from damage (open-library.ts).
 *
 * The files are read and written directly (lowdb's `JSONFilePreset` swaps in an in-memory adapter under
 * NODE_ENV=test, and tests must exercise the real disk): the store writes through a durable lowdb adapter.
 */
export async function openStore(dataDir: string, options: OpenOptions = {}): Promise<Store> {
  const now = options.now ?? (() => new Date());
  const writer = new LibraryWriter(dataDir);
  const fresh = (): Database => (options.seed === false ? emptyLibrary() : newLibrary(now()));
  const { opened, notices } = await openLibraryFolder(dataDir, { now: now(), fresh, writer });
  let data: Database | null = opened.kind === 'whole' ? opened.data : null;
  const listed = opened.kind === 'listed' ? opened.file : null;
  let backups: Promise<void> = Promise.resolve();
  let recoverable: RecoverableDocument[] = [];
  let revision = data ? 1 : 0;
  // Where the texts are held once the documents are read, if on disk; the files a crash left are removed first.
  let heldTexts: HeldTexts | undefined;
  HeldTexts.removeLeftovers(dataDir);

  /**
   * Once the library is whole: finds the documents that folders moved aside could bring back, and takes the launch
   * backup — after the library opens rather than before it, and the first write waits for it, so it is the library
   * at launch. A new library takes its first backup at once too.
   */
  const settle = async (whole: Database): Promise<void> => {
    recoverable = await findRecoverableDocuments(dataDir, new Set(whole.documents.map((d) => d.id)));
    const files = [
      libraryFilePath(dataDir),
      ...whole.documents.map((d) => documentFilePath(dataDir, d.id)),
      ...writer.logs.files(),
    ];
    backups = takeRollingBackups(dataDir, files, now()).catch((error: Error) => {
      notices.push(`The launch backup of the library could not be taken: ${error.message}`);
    });
  };
  // In the background, the documents are read once something needs them (any call but the first screen's two, and
  // the renderer's `documentsLoaded` once its first screen is shown and the page is idle), or after a few seconds
  // anyway; what only waits for them waits on `onceLoaded`, which does not start the reading. Reading 2,000 files at
  // once would slow the very start it is meant to speed up.
  let loading: Promise<void> | null = null;
  // Settles as the reading does, once it has begun (resolved with the reading's promise, it follows it).
  let loadingBegan: (loading: Promise<void>) => void = () => undefined;
  const onceLoaded = new Promise<void>((resolve) => (loadingBegan = resolve));
  onceLoaded.catch(() => undefined);
  const load = (): Promise<void> => {
    if (!loading) {
      loading = (async () => {
        if (listed) {
          const chars = listed.documents.reduce((sum, d) => sum + d.charCount, 0);
          if (chars >= (options.textsOnDiskFrom ?? TEXTS_ON_DISK_FROM)) heldTexts = new HeldTexts(dataDir);
          const read = await loadDocuments(dataDir, listed, writer, now(), heldTexts);
          notices.push(...read.notices);
          data = read.data;
          revision++;
        }
        await settle(data!);
      })();
      // A failure is reported to every caller that waits for the documents, never as an unhandled rejection.
      loading.catch(() => undefined);
      loadingBegan(loading);
    }
    return loading;
  };
  if (options.documentsInBackground && listed)
    setTimeout(() => void load(), options.backgroundLoadDelayMs ?? BACKGROUND_LOAD_DELAY_MS).unref();
  else await load();

  const whole = (): Database => {
    if (!data) throw new Error('The library is still loading its documents.');
    return data;
  };
  // One write at a time; saves asked for meanwhile share the next.
  const save = coalescedWriter<string>(async (parts) => {
    await load();
    await backups;
    // A library file written for any reason holds the counts as they are now.
    if (parts.has(LIBRARY_PART) || parts.has(COUNTS_PART)) counts.written();
    await writer.save(whole(), fromParts(parts));
  });
  const counts = new PendingCounts(() => save([COUNTS_PART]), options.countsDelayMs ?? COUNTS_DELAY_MS);
  return {
    dataDir,
    notices,
    get loaded() {
      return load();
    },
    onceLoaded,
    get isLoaded() {
      return data !== null;
    },
    get data() {
      return whole();
    },
    get revision() {
      return revision;
    },
    listing() {
      if (!data) {
        const { schemaVersion, layout, entityAliases, ...rest } = listed!;
        return rest;
      }
      const { schemaVersion, documents, highlights, ...rest } = data;
      return { documents: documentEntries(data), ...rest };
    },
    lists() {
      if (!data) {
        const { schemaVersion, layout, entityAliases, documents, ...rest } = listed!;
        return { ...rest, firstDocumentId: documents[0]?.id ?? null };
      }
      const { schemaVersion, documents, highlights, ...rest } = data;
      return { ...rest, firstDocumentId: documents[0]?.id ?? null };
    },
    listingAtOpen() {
      return listed?.documents ?? null;
    },
    recoverable() {
      // Usually none: no set of every document's id for them.
      if (recoverable.length === 0) return [];
      const known = new Set(data?.documents.map((d) => d.id));
      return recoverable.filter((r) => !known.has(r.documentId));
    },
    async openDocument(documentId) {
      if (!data) {
        const details = listed!.documents.find((d) => d.id === documentId);
        if (!details) throw notFound('document', documentId);
        const read = await readDocumentFile(dataDir, documentId);
        // A file that cannot be read is restored (or reported) by the load: wait for it.
        if ('file' in read) {
          const highlights = withEntityAliases(read.file.highlights, listed!.entityAliases);
          return { document: withText(details, read.file.text), highlights };
        }
        await load();
      }
      const library = whole();
      const document = library.documents.find((d) => d.id === documentId);
      if (!document) throw notFound('document', documentId);
      return { document, highlights: [...writer.highlights.of(library.highlights, [documentId]).get(documentId)!] };
    },
    close: async () => {
      counts.stop();
      try {
        await save([FOLD_PART, ...(counts.due ? [COUNTS_PART] : [])]);
      } finally {
        heldTexts?.close();
      }
    },
    highlight(id) {
      return writer.highlights.find(whole().highlights, id);
    },
    highlightsOf(documentIds) {
      return writer.highlights.of(whole().highlights, documentIds);
    },
    apply(changes, direction) {
      const library = whole();
      revision++;
      try {
        applyChanges(library, changes, direction);
      } catch (error) {
        // Part of the step may have been applied.
        writer.highlights.forget();
        throw error;
      }
      writer.highlights.applied(library.highlights, changes, direction);
    },
    save: (touched) => {
      if (touched.counts && !touched.library) counts.changed();
      return save(toParts({ ...touched, counts: false }));
    },
  };
}

/*
 * Saves asked for while one is under way are merged as sets of parts (coalesced-writer.ts): the library file, the
 * counts in it, each document, and the fold of the logs on close.
 */
const LIBRARY_PART = 'library';
const COUNTS_PART = 'counts';
const FOLD_PART = 'fold';
const DOCUMENT_PREFIX = 'document:';
const REWRITTEN_PREFIX = 'rewritten:';
/** Saves that did not say which documents to write whole: all of them, when the library file is written too. */
const REWRITE_ALL_PART = 'rewritten';

function toParts({ library, counts, documentIds = [], rewritten, fold }: Touched): string[] {
  return [
    ...(library ? [LIBRARY_PART] : []),
    ...(counts ? [COUNTS_PART] : []),
    ...(fold ? [FOLD_PART] : []),
    ...[...documentIds].map((id) => DOCUMENT_PREFIX + id),
    ...(rewritten ? [...rewritten].map((id) => REWRITTEN_PREFIX + id) : library ? [REWRITE_ALL_PART] : []),
  ];
}

function fromParts(parts: ReadonlySet<string>): Touched {
  const withPrefix = (prefix: string) =>
    [...parts].filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  return {
    library: parts.has(LIBRARY_PART),
    counts: parts.has(COUNTS_PART),
    fold: parts.has(FOLD_PART),
    documentIds: withPrefix(DOCUMENT_PREFIX),
    ...(!parts.has(REWRITE_ALL_PART) && { rewritten: withPrefix(REWRITTEN_PREFIX) }),
  };
}

/** Counts changed and not yet in the library file: written once no change has come for a while. */
class PendingCounts {
  due = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly write: () => Promise<void>,
    private readonly delayMs: number,
  ) {}

  changed(): void {
    this.due = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      // A failure leaves the file's counts stale, as a crash does: the next reading of the documents corrects them.
      if (this.due) this.write().catch(() => undefined);
    }, this.delayMs);
    // Waiting counts never keep a process alive: quitting writes them (close).
    this.timer.unref();
  }

  /** The library file is being written, with the counts as they are. */
  written(): void {
    this.due = false;
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
