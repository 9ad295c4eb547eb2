/**
 * What the browser benches share: the page set-up before their probes (autosave off, so that
 * no save of the script lands in a sample, and `window.__cellscriptBenchService(name)`, a
 * plugin's service by its token's name: the page has no module to import the tokens from),
 * and the hand-over of their figures.
 */
import * as fs from 'fs';
import type { Page, TestInfo } from '@playwright/test';

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

/**
 * Hand a bench's figures to its bench/*.bench.js: written to the file CELLSCRIPT_BENCH_OUT
 * names, or attached to the report as `name` when the spec runs alone.
 */
export async function reportBenchResult(
  testInfo: TestInfo,
  name: string,
  result: unknown
): Promise<void> {
  const out = process.env.CELLSCRIPT_BENCH_OUT;
  if (out) {
    fs.writeFileSync(out, JSON.stringify(result));
  } else {
    await testInfo.attach(name, {
      body: JSON.stringify(result, null, 1),
      contentType: 'application/json'
    });
  }
}
