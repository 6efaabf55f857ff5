import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import * as tar from 'tar';
import { StreamingZipWriter } from './streaming-zip-writer.js';

/** Files of a test export: path inside the export → content. */
export type ExportFiles = Readonly<Record<string, string | Buffer>>;

/** The time of every entry in a test zip: a fixed one, so the same files give the same zip. */
const TEST_ZIP_TIME = new Date('2025-01-01T12:00:00Z');

/** A fresh temporary folder for one test. */
export function temporaryFolder(prefix = 'handshake-test-'): Promise<string> {
  return mkdtemp(join(tmpdir(), prefix));
}

/** Writes the files as an unpacked export folder. */
export async function writeFolder(folder: string, files: ExportFiles): Promise<string> {
  for (const [path, content] of Object.entries(files)) {
    const target = join(folder, ...path.split('/'));
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, content);
  }
  return folder;
}

/** Writes the files as a `.zip`, as the networks' "download your data" buttons produce. */
export async function writeZip(file: string, files: ExportFiles): Promise<string> {
  await mkdir(dirname(file), { recursive: true });
  const zip = await StreamingZipWriter.create(file, TEST_ZIP_TIME);
  try {
    for (const [path, content] of Object.entries(files)) await zip.add(path, content);
  } finally {
    await zip.close();
  }
  return file;
}

/** Writes the files as a `.tar.gz`, as older Mastodon versions produce. */
export async function writeTarGz(file: string, files: ExportFiles): Promise<string> {
  const folder = await writeFolder(await temporaryFolder('handshake-tar-'), files);
  await mkdir(dirname(file), { recursive: true });
  await tar.c({ gzip: true, file, cwd: folder }, Object.keys(files));
  return file;
}
