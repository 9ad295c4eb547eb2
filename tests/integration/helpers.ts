/**
 * Shared helpers of the integration tests: connections to the jupyter_server that
 * globalSetup.js started, kernels, script files, and a sink that records what a UI would see.
 */
import * as fs from 'fs';
import * as path from 'path';
import type * as nbformat from '@jupyterlab/nbformat';
import {
  ContentsManager,
  KernelManager,
  ServerConnection,
  type Kernel
} from '@jupyterlab/services';
import { Signal } from '@lumino/signaling';
import type { ICellOutcome, IOutputSink } from '../../src/kernel';
import type { IKernelTargetSource } from '../../src/run/kernelTarget';

/** What globalSetup.js started. */
export interface ITestServer {
  url: string;
  token: string;
  rootDir: string;
}

/** The running test server. */
export function testServer(): ITestServer {
  const value = process.env.CELLSCRIPT_TEST_SERVER;
  if (!value) {
    throw new Error(
      'No test server: run these tests with `jest --selectProjects integration`.'
    );
  }
  return JSON.parse(value);
}

/** Server connection settings for the test server. */
export function serverSettings(): ServerConnection.ISettings {
  const { url, token } = testServer();
  return ServerConnection.makeSettings({
    baseUrl: url + '/',
    wsUrl: url.replace(/^http/, 'ws') + '/',
    token,
    appendToken: true
  });
}

/** Kernel and contents managers; `dispose()` shuts down every kernel started through them. */
export class Services {
  readonly serverSettings = serverSettings();
  readonly kernels = new KernelManager({ serverSettings: this.serverSettings });
  readonly contents = new ContentsManager({
    serverSettings: this.serverSettings
  });
  private _started: Kernel.IKernelConnection[] = [];

  /** Start a kernel and wait until it answered kernel_info. */
  async startKernel(name = 'python3'): Promise<Kernel.IKernelConnection> {
    const kernel = await this.kernels.startNew({ name });
    this._started.push(kernel);
    await kernel.info;
    return kernel;
  }

  async dispose(): Promise<void> {
    await Promise.all(
      this._started.map(kernel => kernel.shutdown().catch(() => undefined))
    );
    this.kernels.dispose();
    this.contents.dispose();
  }
}

/** Write a file under the server root; returns its contents path. */
export function writeScript(relativePath: string, text: string): string {
  const file = path.join(testServer().rootDir, relativePath);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  return relativePath;
}

/** A unique file name per test, so tests do not share namespaces by accident. */
let counter = 0;
export function uniqueName(stem: string): string {
  counter++;
  return `${stem}_${process.pid}_${counter}.py`;
}

/** Everything a sink received, in order. */
export type SinkEvent =
  | { type: 'start'; index: number }
  | { type: 'output'; index: number | null; output: nbformat.IOutput }
  | { type: 'finish'; index: number; outcome: ICellOutcome };

/** A sink that records events, and helpers to read them. */
export class RecordingSink implements IOutputSink {
  events: SinkEvent[] = [];

  cellStarted(index: number): void {
    this.events.push({ type: 'start', index });
  }
  output(index: number | null, output: nbformat.IOutput): void {
    this.events.push({ type: 'output', index, output });
  }
  cellFinished(index: number, outcome: ICellOutcome): void {
    this.events.push({ type: 'finish', index, outcome });
  }

  /** Text of stream outputs of a cell (null: outside cells). */
  streamText(index: number | null, name = 'stdout'): string {
    return this.events
      .filter(e => e.type === 'output' && e.index === index)
      .map(e => (e as any).output)
      .filter(o => o.output_type === 'stream' && o.name === name)
      .map(o => o.text)
      .join('');
  }

  /** Outputs of one cell. */
  outputsOf(index: number | null): nbformat.IOutput[] {
    return this.events
      .filter(e => e.type === 'output' && e.index === index)
      .map(e => (e as any).output);
  }

  /** Error outputs, with ANSI colours removed from their tracebacks. */
  errors(): Array<{ index: number | null; ename: string; traceback: string }> {
    return this.events
      .filter(e => e.type === 'output' && e.output.output_type === 'error')
      .map(e => {
        const output = (e as any).output as nbformat.IError;
        return {
          index: (e as any).index,
          ename: output.ename,
          traceback: stripAnsi(output.traceback.join('\n'))
        };
      });
  }
}

/** Remove ANSI colour codes. */
export function stripAnsi(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/\x1b\[[0-9;]*m/g, '');
}

/** Run code in the notebook's namespace (`__main__`) as a notebook cell would, return stdout. */
export async function runInMain(
  kernel: Kernel.IKernelConnection,
  code: string
): Promise<string> {
  let stdout = '';
  const future = kernel.requestExecute({ code, store_history: false });
  future.onIOPub = msg => {
    if (msg.header.msg_type === 'stream') {
      stdout += (msg.content as any).text;
    } else if (msg.header.msg_type === 'error') {
      stdout += `ERROR ${(msg.content as any).ename}: ${(msg.content as any).evalue}`;
    }
  };
  await future.done;
  return stdout;
}

/** A runner's kernel target that is always `kernel` (the notebook work.ipynb's, as it says). */
export function targetOf(
  kernel: Kernel.IKernelConnection
): IKernelTargetSource {
  return {
    changed: new Signal<IKernelTargetSource, void>({} as IKernelTargetSource),
    current: {
      notebookPath: 'work.ipynb',
      cwd: '',
      kernelName: 'Python 3',
      kernel,
      ready: async () => kernel
    }
  };
}
