import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The embedded database is one process's: a second one opening the same folder while Concord
 * serves from it would damage it. Concord notes its process id in the data folder while it
 * serves, and the command line checks it before opening the folder.
 */
const MARK = 'serving.pid';

export async function markServing(dataDir: string): Promise<() => Promise<void>> {
  const file = join(dataDir, MARK);
  await writeFile(file, String(process.pid));
  return () => rm(file, { force: true });
}

/** The process serving from `dataDir`, if one is alive (and is not this one). */
export async function servingProcess(dataDir: string): Promise<number | undefined> {
  let pid: number;
  try {
    pid = Number((await readFile(join(dataDir, MARK), 'utf8')).trim());
  } catch {
    return undefined;
  }
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return undefined;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM' ? pid : undefined;
  }
}
