/**
 * Playwright fixtures for browser tests against the JupyterLab host with jupyterlab-cellscript.
 *
 * Every test gets its own server (free port, random token) serving a fresh copy of examples/ (or
 * an empty folder), with fresh settings and workspaces, and a page on which JupyterLab has
 * started and restored. Console errors fail the test unless allowed. The server is always stopped
 * afterwards, also when the test fails; its log is attached to the report.
 *
 *     import { expect, test } from '../fixtures';
 *
 *     test('runs a cell', async ({ lab, server }) => {
 *       await server.writeNotebook('t.ipynb', ['1 + 1']);
 *       const notebook = await lab.openNotebook('t.ipynb');
 *       ...
 *     });
 */
import { expect, test as base, type Page } from '@playwright/test';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import {
  IHostOptions,
  IJupyterServer,
  REPO_DIR,
  startJupyterServer
} from './support/jupyterServer';
import {
  executeCommand,
  IOpenedDocument,
  openFile,
  pluginsWithPrefix,
  waitForApp,
  waitForKernelReady
} from './support/labPage';

export { expect };
export type { IHostOptions, IOpenedDocument };

/** The server of one test, and its files. */
export interface ILabServer extends IJupyterServer {
  /** Write a file under the server root (folders created); `relativePath` may not leave it. */
  writeFile(relativePath: string, content: string | Buffer): Promise<void>;
  /** Read a file under the server root as UTF-8 text. */
  readFile(relativePath: string): Promise<string>;
  /** Write an nbformat 4 notebook (Python 3 kernel) with one code cell per source. */
  writeNotebook(relativePath: string, codeCells: string[]): Promise<void>;
}

/** The JupyterLab page of one test. */
export interface ILab {
  /** The Playwright page. */
  readonly page: Page;
  /** Console errors and uncaught exceptions so far (those allowed are included). */
  readonly consoleErrors: string[];
  /** Open a file with `docmanager:open` (optional widget factory, e.g. 'Editor'). */
  openFile(filePath: string, factory?: string): Promise<IOpenedDocument>;
  /** Open a notebook and wait until its kernel is ready to run cells. */
  openNotebook(filePath: string): Promise<IOpenedDocument>;
  /** Wait until the kernel of the notebook or console open at `filePath` is idle and answering. */
  waitForKernelReady(filePath: string): Promise<void>;
  /** Run a command with arguments. */
  execute(command: string, args?: Record<string, unknown>): Promise<unknown>;
  /** Reload the page and wait until JupyterLab has restored again. */
  reload(): Promise<void>;
  /** Registered plugins whose ids start with `prefix`, with their activation state. */
  plugins(prefix: string): Promise<Array<{ id: string; activated: boolean }>>;
  /**
   * Screenshot of the page, attached to the report; with CELLSCRIPT_UPDATE_SCREENSHOTS=1 also
   * written to docs/screenshots/<name>.png (committed, shown in the README).
   */
  screenshot(name: string): Promise<void>;
}

/** Options, set with `test.use({...})`. */
export interface ILabOptions {
  /** What the server root starts as: a copy of the repository's examples/, or empty. */
  serverRoot: 'examples' | 'empty';
  /** Console errors matching one of these do not fail the test. */
  allowedConsoleErrors: RegExp[];
  /** How the host finds the extension (default: the source tree's build, linked). */
  hostOptions: IHostOptions;
}

interface ILabFixtures {
  server: ILabServer;
  lab: ILab;
}

/** Resolve `relativePath` inside `root`, refusing paths that leave it. */
function insideRoot(root: string, relativePath: string): string {
  const target = path.resolve(root, relativePath);
  if (target !== root && !target.startsWith(root + path.sep)) {
    throw new Error(`${relativePath} is outside the server root ${root}.`);
  }
  return target;
}

function notebookJson(codeCells: string[]): string {
  return JSON.stringify(
    {
      cells: codeCells.map((source, index) => ({
        cell_type: 'code',
        id: `cell-${index}`,
        execution_count: null,
        metadata: {},
        outputs: [],
        source
      })),
      metadata: {
        kernelspec: {
          display_name: 'Python 3 (ipykernel)',
          language: 'python',
          name: 'python3'
        },
        language_info: { name: 'python' }
      },
      nbformat: 4,
      nbformat_minor: 5
    },
    null,
    1
  );
}

export const test = base.extend<ILabOptions & ILabFixtures>({
  serverRoot: ['examples', { option: true }],
  allowedConsoleErrors: [[], { option: true }],
  hostOptions: [{}, { option: true }],

  server: async ({ serverRoot, hostOptions }, use, testInfo) => {
    const tempDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cellscript-ui-'));
    const rootDir = path.join(tempDir, 'root');
    if (serverRoot === 'examples') {
      fs.cpSync(path.join(REPO_DIR, 'examples'), rootDir, {
        recursive: true,
        // Leave out what running the examples locally leaves behind (gitignored).
        filter: source =>
          !['results', '.ipynb_checkpoints', '__pycache__'].includes(
            path.basename(source)
          )
      });
    } else {
      fs.mkdirSync(rootDir);
    }
    const logFile = testInfo.outputPath('jupyter-server.log');
    let jupyter: IJupyterServer | null = null;
    try {
      jupyter = await startJupyterServer({
        ...hostOptions,
        rootDir,
        runDir: path.join(tempDir, 'run'),
        logFile
      });
      const root = jupyter.rootDir;
      await use({
        ...jupyter,
        writeFile: async (relativePath, content) => {
          const target = insideRoot(root, relativePath);
          await fs.promises.mkdir(path.dirname(target), { recursive: true });
          await fs.promises.writeFile(target, content);
        },
        readFile: relativePath =>
          fs.promises.readFile(insideRoot(root, relativePath), 'utf8'),
        writeNotebook: async (relativePath, codeCells) => {
          const target = insideRoot(root, relativePath);
          await fs.promises.mkdir(path.dirname(target), { recursive: true });
          await fs.promises.writeFile(target, notebookJson(codeCells));
        }
      });
    } finally {
      await jupyter?.stop();
      if (fs.existsSync(logFile)) {
        await testInfo.attach('jupyter-server.log', {
          path: logFile,
          contentType: 'text/plain'
        });
      }
      fs.rmSync(tempDir, { recursive: true, force: true });
    }
  },

  lab: async ({ page, server, allowedConsoleErrors }, use, testInfo) => {
    const consoleErrors: string[] = [];
    page.on('console', message => {
      if (message.type() === 'error') {
        const where = message.location();
        consoleErrors.push(
          `${message.text()}${where.url ? ` (${where.url}:${where.lineNumber})` : ''}`
        );
      }
    });
    page.on('pageerror', error => {
      consoleErrors.push(`Uncaught ${error.stack || error.message}`);
    });

    await page.goto(server.url('lab'));
    await waitForApp(page);

    await use({
      page,
      consoleErrors,
      openFile: (filePath, factory) => openFile(page, filePath, factory),
      openNotebook: async filePath => {
        const opened = await openFile(page, filePath, 'Notebook');
        await waitForKernelReady(page, filePath);
        return opened;
      },
      waitForKernelReady: filePath => waitForKernelReady(page, filePath),
      execute: (command, args) => executeCommand(page, command, args),
      reload: async () => {
        await page.reload();
        await waitForApp(page);
      },
      plugins: prefix => pluginsWithPrefix(page, prefix),
      screenshot: async name => {
        const file = testInfo.outputPath(`${name}.png`);
        await page.screenshot({ path: file });
        await testInfo.attach(name, { path: file, contentType: 'image/png' });
        if (process.env.CELLSCRIPT_UPDATE_SCREENSHOTS === '1') {
          const docsDir = path.join(REPO_DIR, 'docs', 'screenshots');
          fs.mkdirSync(docsDir, { recursive: true });
          fs.copyFileSync(file, path.join(docsDir, `${name}.png`));
        }
      }
    });

    const unexpected = consoleErrors.filter(
      error => !allowedConsoleErrors.some(pattern => pattern.test(error))
    );
    if (unexpected.length > 0) {
      await testInfo.attach('console-errors.txt', {
        body: unexpected.join('\n\n'),
        contentType: 'text/plain'
      });
      // A test that already failed keeps its own error; the console errors are attached.
      if (testInfo.status === 'passed') {
        throw new Error(
          `The page logged ${unexpected.length} console error(s); fix them or allow them ` +
            `with test.use({ allowedConsoleErrors: [...] }):\n${unexpected.join('\n')}`
        );
      }
    }
  }
});
