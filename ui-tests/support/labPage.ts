/**
 * Helpers that drive the JupyterLab page through `window.jupyterapp` (the host sets
 * `exposeAppInBrowser`), for what the UI offers no reliable handle on: readiness, opening a
 * document by path, waiting for a kernel.
 */
import type { Locator, Page } from '@playwright/test';

/** A document opened in the main area. */
export interface IOpenedDocument {
  /** The widget's DOM id. */
  id: string;
  /** Its path relative to the server root. */
  path: string;
  /** The widget's node. */
  locator: Locator;
}

/**
 * Wait until the JupyterLab app exists, has started and has restored its layout, with the
 * Launcher JupyterLab shows in an empty main area already open. JupyterLab opens it itself
 * at the first layout change after the restore (e.g. a side panel opened by the test), and
 * activating it takes the keyboard focus: arriving in the middle of a test, it took the focus
 * from the sidebar's rows between two key presses.
 */
export async function waitForApp(
  page: Page,
  timeoutMs = 60_000
): Promise<void> {
  await page.waitForFunction(() => Boolean((window as any).jupyterapp), null, {
    timeout: timeoutMs
  });
  await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    await app.started;
    await app.restored;
    if (
      app.shell.isEmpty('main') &&
      app.commands.hasCommand('launcher:create')
    ) {
      await app.commands.execute('launcher:create');
    }
  });
}

/**
 * Open a file with the document manager (`docmanager:open`) and wait until its content is loaded
 * and the widget is shown.
 *
 * @param factory - widget factory, e.g. 'Editor' to open a .py file as text; default: the
 *   file type's default.
 */
export async function openFile(
  page: Page,
  filePath: string,
  factory?: string
): Promise<IOpenedDocument> {
  const id = await page.evaluate(
    async ({ filePath, factory }) => {
      const app = (window as any).jupyterapp;
      const widget = await app.commands.execute('docmanager:open', {
        path: filePath,
        factory
      });
      if (!widget) {
        throw new Error(`docmanager:open opened nothing for ${filePath}`);
      }
      await widget.context?.ready;
      await widget.revealed;
      return widget.id as string;
    },
    { filePath, factory }
  );
  const locator = page.locator(`[id="${id}"]`);
  await locator.waitFor({ state: 'visible' });
  return { id, path: filePath, locator };
}

/**
 * Wait until the kernel of the notebook (or console) open at `filePath` has started and answered
 * a kernel_info request, and is idle. A cell run before that is dropped silently.
 */
export async function waitForKernelReady(
  page: Page,
  filePath: string,
  timeoutMs = 60_000
): Promise<void> {
  await page.evaluate(
    async ({ filePath, timeoutMs }) => {
      const app = (window as any).jupyterapp;
      const widgets: any[] = Array.from(app.shell.widgets('main'));
      const widget = widgets.find(
        w => w.sessionContext && w.context?.path === filePath
      );
      if (!widget) {
        throw new Error(
          `No open notebook or console at ${filePath}: open it first (openNotebook).`
        );
      }
      const sessionContext = widget.sessionContext;
      await sessionContext.ready;
      const kernel = sessionContext.session?.kernel;
      if (!kernel) {
        throw new Error(
          `${filePath} has no kernel (kernel preference: ${JSON.stringify(
            sessionContext.kernelPreference
          )}).`
        );
      }
      await kernel.info;
      if (kernel.status !== 'idle') {
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(
            () =>
              reject(
                new Error(
                  `The kernel of ${filePath} stayed ${kernel.status} for ${timeoutMs} ms.`
                )
              ),
            timeoutMs
          );
          const onStatus = (_: unknown, status: string) => {
            if (status === 'idle') {
              clearTimeout(timer);
              kernel.statusChanged.disconnect(onStatus);
              resolve();
            }
          };
          kernel.statusChanged.connect(onStatus);
        });
      }
    },
    { filePath, timeoutMs }
  );
}

/**
 * Run a JupyterLab command with arguments; resolves to its (JSON-serialisable) result.
 */
export async function executeCommand(
  page: Page,
  command: string,
  args: Record<string, unknown> = {}
): Promise<unknown> {
  return page.evaluate(
    async ({ command, args }) => {
      const app = (window as any).jupyterapp;
      if (!app.commands.hasCommand(command)) {
        throw new Error(`No command ${command} is registered.`);
      }
      const result = await app.commands.execute(command, args);
      // Widgets and other objects do not cross into the test: keep plain values only.
      try {
        return JSON.parse(JSON.stringify(result ?? null));
      } catch {
        return null;
      }
    },
    { command, args }
  );
}

/**
 * Ids of the registered plugins whose id starts with `prefix`, each with whether it is active.
 */
export async function pluginsWithPrefix(
  page: Page,
  prefix: string
): Promise<Array<{ id: string; activated: boolean }>> {
  return page.evaluate(prefix => {
    const app = (window as any).jupyterapp;
    return (app.listPlugins() as string[])
      .filter(id => id.startsWith(prefix))
      .map(id => ({ id, activated: app.isPluginActivated(id) as boolean }));
  }, prefix);
}

/**
 * What the workspace on the server holds under `key` (the state database lives there), as
 * JSON text. JupyterLab saves the workspace shortly after a change: poll this before a reload.
 */
export async function savedWorkspaceEntry(
  page: Page,
  key: string
): Promise<string | undefined> {
  return page.evaluate(async key => {
    const app = (window as any).jupyterapp;
    const workspace = await app.serviceManager.workspaces.fetch('default');
    return JSON.stringify(workspace.data[key]);
  }, key);
}
