import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Database } from '../../../shared/domain';
import { DATA_FILE_NAME } from '../../backend/data-dir';
import { runCli } from '../cli';

/** Writes a library as a data file into `dir`, as the app would have saved it. */
export async function writeLibrary(dir: string, database: Database): Promise<void> {
  await mkdir(dir, { recursive: true });
  await writeFile(path.join(dir, DATA_FILE_NAME), JSON.stringify(database, null, 2));
}

/** Runs the command line in-process, capturing what it prints. */
export async function cli(...argv: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  // An export's blocks may end inside a character: decoded as one stream, as a terminal or a pipe reads them.
  const decoder = new TextDecoder();
  const status = await runCli(argv, {
    stdout: (text) => (stdout += typeof text === 'string' ? text : decoder.decode(text, { stream: true })),
    stderr: (text) => (stderr += text),
    env: {},
  });
  stdout += decoder.decode();
  return { status, stdout, stderr };
}
