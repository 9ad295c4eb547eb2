/**
 * @jest-environment jsdom
 */
import './jsdomShims';
import type { IRenderMimeRegistry } from '@jupyterlab/rendermime';
import { Widget } from '@lumino/widgets';
import { MarkdownPreviews } from '../../../src/widgets/markdownPreviews';

/** A rendermime whose markdown renderer records what it was asked to render. */
function fakeRendermime() {
  const models: Array<{ data: unknown; trusted: boolean }> = [];
  const renderers: Widget[] = [];
  const rendermime = {
    createModel: (options: { data: unknown; trusted: boolean }) => options,
    createRenderer: () => {
      const renderer = new Widget();
      (renderer as any).renderModel = async (model: any) => {
        models.push(model);
        renderer.node.textContent = `rendered: ${model.data['text/markdown']}`;
      };
      renderers.push(renderer);
      return renderer;
    }
  } as unknown as IRenderMimeRegistry;
  return { rendermime, models, renderers };
}

const settle = () => new Promise(resolve => setTimeout(resolve, 0));

describe('MarkdownPreviews', () => {
  afterEach(() => document.body.replaceChildren());

  it('renders markdown as untrusted (sanitised) into its host', async () => {
    const { rendermime, models } = fakeRendermime();
    const root = document.createElement('ol');
    const host = document.createElement('div');
    host.append('# Title');
    root.appendChild(host);
    document.body.appendChild(root);
    const previews = new MarkdownPreviews(rendermime, root);
    previews.watch(host, '# Title');
    await settle();
    expect(models).toEqual([
      { data: { 'text/markdown': '# Title' }, trusted: false }
    ]);
    expect(host.textContent).toBe('rendered: # Title');
    expect(host.classList).toContain('jp-CellScript-markdown-rendered');
    previews.dispose();
  });

  it('disposes what it rendered when a row goes, and everything on dispose', async () => {
    const { rendermime, renderers } = fakeRendermime();
    const root = document.createElement('ol');
    const [a, b] = [
      document.createElement('div'),
      document.createElement('div')
    ];
    root.append(a, b);
    document.body.appendChild(root);
    const previews = new MarkdownPreviews(rendermime, root);
    previews.watch(a, 'a');
    previews.watch(b, 'b');
    await settle();
    expect(renderers.map(r => r.isDisposed)).toEqual([false, false]);
    previews.forget(a);
    expect(renderers.map(r => r.isDisposed)).toEqual([true, false]);
    previews.dispose();
    expect(renderers.map(r => r.isDisposed)).toEqual([true, true]);
  });

  it('drops a rendering whose row left the page meanwhile', async () => {
    const { rendermime, renderers } = fakeRendermime();
    const root = document.createElement('ol');
    const host = document.createElement('div');
    root.appendChild(host);
    const previews = new MarkdownPreviews(rendermime, root);
    previews.watch(host, 'gone'); // never attached to the document
    await settle();
    expect(renderers[0].isDisposed).toBe(true);
    expect(host.textContent).toBe('');
    previews.dispose();
  });
});
