/**
 * The sweeps of a script, kept as JSON next to it: `<folder>/<stem>.sweeps/<id>.json`, one file
 * per sweep (Guild's runs): spec, versions, each iteration's parameters, status, duration,
 * outputs and error. Written through the contents API, so the history is where the script is.
 */
import { PathExt } from '@jupyterlab/coreutils';
import type { Contents } from '@jupyterlab/services';
import type { ISweepRecord } from './types';

/** The folder holding the sweeps of `script` (a contents path). */
export function historyFolder(script: string): string {
  const folder = PathExt.dirname(script);
  const stem = PathExt.basename(script, PathExt.extname(script));
  return PathExt.join(folder, `${stem}.sweeps`);
}

/** The file of one sweep. */
export function recordPath(script: string, id: string): string {
  return PathExt.join(historyFolder(script), `${id}.json`);
}

/** A new sweep id: the start time in UTC, file-name safe and sortable. */
export function newSweepId(now = new Date()): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.(\d{3})Z$/, '-$1Z');
}

/** Save a sweep's record (creating the folder when needed); resolves with its path. */
export async function saveRecord(
  contents: Contents.IManager,
  record: ISweepRecord
): Promise<string> {
  const folder = historyFolder(record.script);
  if (!(await hasFolder(contents, folder))) {
    await contents.save(folder, { type: 'directory' });
  }
  const path = recordPath(record.script, record.id);
  await contents.save(path, {
    type: 'file',
    format: 'text',
    content: JSON.stringify(record, null, 1) + '\n'
  });
  return path;
}

/** The sweeps of `script`, newest first; files that are not sweep records are left out. */
export async function listRecords(
  contents: Contents.IManager,
  script: string
): Promise<ISweepRecord[]> {
  const folder = historyFolder(script);
  if (!(await hasFolder(contents, folder))) {
    return []; // no sweep yet
  }
  const listing = await contents.get(folder, { content: true });
  const files = (listing.content as Contents.IModel[])
    .filter(model => model.type === 'file' && model.name.endsWith('.json'))
    .map(model => model.path)
    .sort()
    .reverse();
  const records = await Promise.all(
    files.map(path => loadRecord(contents, path).catch(() => null))
  );
  return records.filter((record): record is ISweepRecord => record !== null);
}

/**
 * Whether `folder` exists, read from its parent's listing: asking for a folder that is not
 * there answers 404, which a browser logs in its console as an error.
 */
async function hasFolder(
  contents: Contents.IManager,
  folder: string
): Promise<boolean> {
  const parent = await contents.get(PathExt.dirname(folder), { content: true });
  const entries = (parent.content ?? []) as Contents.IModel[];
  return entries.some(
    entry => entry.type === 'directory' && entry.path === folder
  );
}

/** Read one record; rejects when the file is not one. */
export async function loadRecord(
  contents: Contents.IManager,
  path: string
): Promise<ISweepRecord> {
  const model = await contents.get(path, {
    type: 'file',
    format: 'text',
    content: true
  });
  const record = JSON.parse(String(model.content)) as ISweepRecord;
  if (record?.format !== 1 || !Array.isArray(record.iterations)) {
    throw new Error(`${path} is not a cellscript sweep record.`);
  }
  return record;
}
