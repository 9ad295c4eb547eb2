/**
 * What both browser benches set up in the page before their probes: autosave off, so that no
 * save of the script lands in a sample, and `window.__cellscriptBenchService(name)`, a
 * plugin's service by its token's name (the page has no module to import the tokens from).
 */
import type { Page } from '@playwright/test';

export async function prepareBenchPage(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const app = (window as any).jupyterapp;
    const service = async (name: string) => {
      const services: Map<any, string> | undefined =
        app.pluginRegistry?._services;
      const token = Array.from(services?.keys() ?? []).find(
        (t: any) => t.name === name
      );
      if (!token) {
        throw new Error(
          `No plugin provides ${name} (looked up in app.pluginRegistry._services).`
        );
      }
      return app.resolveRequiredService(token);
    };
    (window as any).__cellscriptBenchService = service;
    const settings = await service('@jupyterlab/coreutils:ISettingRegistry');
    await settings.set(
      '@jupyterlab/docmanager-extension:plugin',
      'autosave',
      false
    );
  });
}
