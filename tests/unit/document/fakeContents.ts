import { Contents } from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import type { IScriptContents } from '../../../src/document/scriptDocument';

/**
 * An in-memory stand-in for the contents manager's `get` and `fileChanged`: the narrow seam
 * ScriptDocument reads through. Errors look like ServerConnection.ResponseError (a status).
 */
export class FakeContents implements IScriptContents {
  readonly files = new Map<string, { content: string; mtime: number }>();
  readonly dirs = new Set<string>();
  readonly fileChanged = new Signal<any, Contents.IChangedArgs>(this);
  reads = 0;
  readsOf = new Map<string, number>();
  statusFor = new Map<string, number>();

  /** Write a file "on disk" without telling anyone (like another program would). */
  writeOnDisk(path: string, content: string): void {
    const previous = this.files.get(path);
    this.files.set(path, {
      content,
      mtime: (previous?.mtime ?? 0) + 1
    });
  }

  /** Write a file and emit fileChanged as the contents manager does after a save. */
  save(path: string, content: string): void {
    this.writeOnDisk(path, content);
    this.fileChanged.emit({
      type: 'save',
      oldValue: null,
      newValue: { path }
    });
  }

  async get(
    path: string,
    options?: Contents.IFetchOptions
  ): Promise<Contents.IModel> {
    this.reads++;
    this.readsOf.set(path, (this.readsOf.get(path) ?? 0) + 1);
    const status = this.statusFor.get(path);
    if (status) {
      throw Object.assign(new Error(`Server said ${status}`), {
        response: { status }
      });
    }
    if (this.dirs.has(path)) {
      return model(path, 'directory', null, '0');
    }
    const file = this.files.get(path);
    if (!file) {
      throw Object.assign(new Error(`No such file or directory: ${path}`), {
        response: { status: 404 }
      });
    }
    return model(
      path,
      'file',
      options?.content === false ? null : file.content,
      String(file.mtime)
    );
  }
}

function model(
  path: string,
  type: Contents.ContentType,
  content: string | null,
  mtime: string
): Contents.IModel {
  return {
    name: path.split('/').pop() ?? path,
    path,
    type,
    content,
    format: content === null ? null : 'text',
    last_modified: mtime,
    created: '0',
    writable: true,
    mimetype: 'text/x-python'
  };
}
