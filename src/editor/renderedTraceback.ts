import { RenderedError } from '@jupyterlab/rendermime';
import type { IRenderMime } from '@jupyterlab/rendermime';
import { findFrameReferences, type IFrameReference } from './tracebackLinks';

/** The mime type JupyterLab renders error tracebacks and stderr streams as. */
export const STDERR_MIME_TYPE = 'application/vnd.jupyter.stderr';

/** What turns a frame header into a link: where its file is, and what a click does. */
export interface IFrameLinker {
  /** The contents path of a kernel-side file, or null to leave its frames plain text. */
  contentsPath(file: string): string | null;
  /** Open the script at `path` (contents path) on 1-based `line`. */
  open(path: string, line: number): void;
  /** The link's tooltip, e.g. "Open pipeline.py at line 6". */
  title(path: string, line: number): string;
}

/** Class of the frame links. */
export const FRAME_LINK_CLASS = 'jp-CellScript-tracebackLink';

/**
 * JupyterLab's stderr/traceback renderer (ANSI colours, web and path autolinks), then frame
 * headers whose file is under the server root turned into links to the line.
 */
export class RenderedTraceback extends RenderedError {
  constructor(options: IRenderMime.IRendererOptions, linker: IFrameLinker) {
    super(options);
    this._linker = linker;
  }

  async render(model: IRenderMime.IMimeModel): Promise<void> {
    await super.render(model);
    linkFrames(this.node, this._linker);
  }

  private _linker: IFrameLinker;
}

/**
 * A renderer factory for stderr and tracebacks that links frames; it takes the rank of the
 * factory it replaces so the same outputs choose it.
 */
export function tracebackRendererFactory(
  linker: IFrameLinker
): IRenderMime.IRendererFactory {
  return {
    safe: true,
    mimeTypes: [STDERR_MIME_TYPE],
    defaultRank: 110,
    createRenderer: options => new RenderedTraceback(options, linker)
  };
}

/**
 * Turn the frame headers in the rendered text under `host` into links, in place. The text nodes
 * are split and moved, never re-parsed: output text stays data. Colour spans that a header
 * crosses are split by the DOM Range, so the colours stay. JupyterLab's own path link inside a
 * header (it links `/abs/file.py:6` in errors) is unwrapped: links do not nest.
 */
export function linkFrames(host: HTMLElement, linker: IFrameLinker): void {
  const text = host.textContent ?? '';
  for (const ref of findFrameReferences(text)) {
    const path = linker.contentsPath(ref.file);
    if (path === null) {
      continue;
    }
    let range = rangeOf(host, ref);
    if (!range) {
      continue;
    }
    const nested = Array.from(host.querySelectorAll('a')).filter(a =>
      range!.intersectsNode(a)
    );
    if (nested.length > 0) {
      nested.forEach(a => a.replaceWith(...Array.from(a.childNodes)));
      range = rangeOf(host, ref);
      if (!range) {
        continue;
      }
    }
    const link = createLink(host.ownerDocument, path, ref.line, linker);
    link.appendChild(range.extractContents());
    range.insertNode(link);
  }
  host.normalize();
}

function createLink(
  doc: Document,
  path: string,
  line: number,
  linker: IFrameLinker
): HTMLAnchorElement {
  const link = doc.createElement('a');
  link.className = FRAME_LINK_CLASS;
  link.title = linker.title(path, line);
  link.tabIndex = 0;
  link.setAttribute('role', 'link');
  link.dataset.cellscriptPath = path;
  link.dataset.cellscriptLine = String(line);
  // Enter on the link opens it: keep notebook shortcuts (Enter = edit mode) from taking it.
  link.setAttribute('data-lm-suppress-shortcuts', 'true');
  link.addEventListener('click', event => {
    event.preventDefault();
    linker.open(path, line);
  });
  link.addEventListener('keydown', event => {
    if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation();
      linker.open(path, line);
    }
  });
  return link;
}

/** The DOM range of text offsets `[start, end)` of `host`'s text, or null if out of bounds. */
function rangeOf(host: HTMLElement, ref: IFrameReference): Range | null {
  const doc = host.ownerDocument;
  const walker = doc.createTreeWalker(host, NodeFilter.SHOW_TEXT);
  const range = doc.createRange();
  let offset = 0;
  let started = false;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const length = (node as Text).length;
    if (!started && ref.start < offset + length) {
      range.setStart(node, ref.start - offset);
      started = true;
    }
    if (started && ref.end <= offset + length) {
      range.setEnd(node, ref.end - offset);
      return range;
    }
    offset += length;
  }
  return null;
}
