/**
 * @jest-environment jsdom
 */
/**
 * The parameters form in a DOM: fields labelled by the parameter, errors in the field with
 * nothing stored, overrides marked with their default, reset, Escape, the reassigned warning,
 * the hint without parameters, and script text shown as text.
 */
import { CommandRegistry } from '@lumino/commands';
import { MessageLoop } from '@lumino/messaging';
import { Signal } from '@lumino/signaling';
import type { Widget as WidgetType } from '@lumino/widgets';
import { ScriptParameters } from '../../../src/run/scriptParameters';
import { parseScript, type IParsedScript } from '../../../src/script';
import type { IScriptService } from '../../../src/tokens';
import type { ParametersForm as FormType } from '../../../src/widgets/parametersForm';

// jsdom has no DragEvent, which @lumino/widgets' drag support names when it loads.
(globalThis as any).DragEvent ??= class DragEvent extends MouseEvent {};
const { Widget } = require('@lumino/widgets') as { Widget: typeof WidgetType };
const { ParametersForm } = require('../../../src/widgets/parametersForm') as {
  ParametersForm: typeof FormType;
};
type ParametersForm = FormType;

const trans: any = {
  __: (text: string, ...args: unknown[]) =>
    text.replace(/%(\d+)/g, (_, n) => String(args[Number(n) - 1])),
  _n: (one: string, many: string, count: number, ...args: unknown[]) =>
    (count === 1 ? one : many).replace(/%(\d+)/g, (_, n) =>
      String([count, ...args][Number(n) - 1])
    )
};

const TEXT = [
  '# %% Parameters', // 1
  'epochs = 3  # type: int  passes <b>not bold</b>', // 2
  'lr = 0.1', // 3
  '# %% Train', // 4
  'lr = 0.5', // 5
  ''
].join('\n');

/** A script service whose one document holds `text`. */
function fakeScripts(text: string) {
  const document: any = {
    script: parseScript(text) as IParsedScript | null,
    problem: null
  };
  document.changed = new Signal(document);
  const scripts = {
    open: () => ({ document, isDisposed: false, dispose: () => undefined })
  } as unknown as IScriptService;
  return { scripts, document };
}

function setup(text = TEXT) {
  const { scripts, document: doc } = fakeScripts(text);
  const parameters = new ScriptParameters({
    readScript: async () => doc.script
  });
  const commands = new CommandRegistry();
  const revealed: unknown[] = [];
  commands.addCommand('cellscript:reveal-line', {
    describedBy: { args: { type: 'object' } },
    execute: args => {
      revealed.push(args);
    }
  });
  const form = new ParametersForm({ trans, parameters, scripts, commands });
  Widget.attach(form, document.body);
  form.setPath('train.py');
  render(form);
  return { form, parameters, doc, revealed };
}

function render(form: ParametersForm): void {
  MessageLoop.sendMessage(form, Widget.Msg.UpdateRequest);
}

function row(form: ParametersForm, name: string): HTMLElement {
  return form.node.querySelector(
    `.jp-CellScript-parameter[data-name="${name}"]`
  ) as HTMLElement;
}

function field(form: ParametersForm, name: string): HTMLInputElement {
  return row(form, name).querySelector('input') as HTMLInputElement;
}

async function type(input: HTMLInputElement, text: string, key = 'Enter') {
  input.value = text;
  input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
  await new Promise(resolve => setTimeout(resolve, 0));
}

afterEach(() => {
  document.body.replaceChildren();
});

describe('ParametersForm', () => {
  it('shows each parameter with a labelled field, its type, help and line', () => {
    const { form, revealed } = setup();
    const epochs = field(form, 'epochs');
    const label = row(form, 'epochs').querySelector('label')!;
    expect(label.textContent).toBe('epochs');
    expect(label.htmlFor).toBe(epochs.id);
    expect(epochs.placeholder).toBe('3');
    expect(
      row(form, 'epochs').querySelector('.jp-CellScript-parameterType')!
        .textContent
    ).toBe('int');
    // Script text is text: the help's markup is not HTML.
    const help = row(form, 'epochs').querySelector(
      '.jp-CellScript-parameterText'
    )!;
    expect(help.textContent).toBe('passes <b>not bold</b>');
    expect(help.querySelector('b')).toBeNull();
    (
      row(form, 'epochs').querySelector(
        '.jp-CellScript-parameterLine'
      ) as HTMLButtonElement
    ).click();
    expect(revealed).toEqual([{ path: 'train.py', line: 2 }]);
    expect(
      form.node.querySelector('.jp-CellScript-parametersTitle')!.textContent
    ).toBe('Parameters (2)');
  });

  it('keeps a value that does not convert in the field, with the error, storing nothing', async () => {
    const { form, parameters } = setup();
    await type(field(form, 'epochs'), '3.5');
    const input = field(form, 'epochs');
    expect(input.value).toBe('3.5');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = row(form, 'epochs').querySelector(
      '.jp-CellScript-parameterError'
    ) as HTMLElement;
    expect(error.hidden).toBe(false);
    expect(error.textContent).toBe(
      'epochs (line 2) expects an int; 3.5 would be truncated. Give a whole number.'
    );
    expect(input.getAttribute('aria-describedby')).toContain(error.id);
    expect(parameters.overridesFor('train.py')).toEqual({});
    // Escape puts back what was shown and clears the error.
    await type(input, '3.5', 'Escape');
    expect(input.value).toBe('');
    expect(input.hasAttribute('aria-invalid')).toBe(false);
  });

  it('leaves no error once a value that converts follows one that did not', async () => {
    const { form, parameters } = setup();
    field(form, 'epochs').focus();
    await type(field(form, 'epochs'), '3.5');
    expect(field(form, 'epochs').getAttribute('aria-invalid')).toBe('true');
    await type(field(form, 'epochs'), '1_000');
    render(form);
    const input = field(form, 'epochs');
    expect(parameters.overridesFor('train.py')).toEqual({ epochs: 1000 });
    expect(input.hasAttribute('aria-invalid')).toBe(false);
    expect(
      row(form, 'epochs').querySelector<HTMLElement>(
        '.jp-CellScript-parameterError'
      )!.hidden
    ).toBe(true);
    expect(input.value).toBe('1000');
    expect(document.activeElement).toBe(input);
  });

  it('stores a value as an override shown beside its default, and resets it', async () => {
    const { form, parameters } = setup();
    await type(field(form, 'epochs'), '1_000');
    render(form);
    expect(parameters.overridesFor('train.py')).toEqual({ epochs: 1000 });
    expect(row(form, 'epochs').dataset.state).toBe('override');
    expect(field(form, 'epochs').value).toBe('1000');
    expect(
      row(form, 'epochs').querySelector('.jp-CellScript-parameterBadge')!
        .textContent
    ).toBe('override');
    expect(
      row(form, 'epochs').querySelector('.jp-CellScript-parameterDefault')!
        .textContent
    ).toBe('default: 3');
    (
      row(form, 'epochs').querySelector(
        '.jp-CellScript-parameterReset'
      ) as HTMLButtonElement
    ).click();
    render(form);
    expect(parameters.overridesFor('train.py')).toEqual({});
    expect(row(form, 'epochs').dataset.state).toBe('default');
  });

  it('warns when the script assigns a parameter again later', () => {
    const { form } = setup();
    expect(
      row(form, 'lr').querySelector('.jp-CellScript-parameterWarning')!
        .textContent
    ).toBe('lr is assigned again at line 5; that value wins from there.');
    expect(
      row(form, 'epochs').querySelector('.jp-CellScript-parameterWarning')
    ).toBeNull();
  });

  it('lists values kept for names the script no longer declares', async () => {
    const { form, parameters, doc } = setup();
    await parameters.set('train.py', 'epochs', 5);
    doc.script = parseScript(TEXT.replace('epochs', 'passes'));
    doc.changed.emit(undefined);
    render(form);
    const orphan = form.node.querySelector(
      '.jp-CellScript-parameterOrphan'
    ) as HTMLElement;
    expect(orphan.dataset.name).toBe('epochs');
    (
      orphan.querySelector('.jp-CellScript-parameterReset') as HTMLButtonElement
    ).click();
    expect(parameters.overridesFor('train.py')).toEqual({});
  });

  it('keeps the rows that show the same when the script or a value changes', async () => {
    const { form, parameters, doc } = setup();
    const epochs = row(form, 'epochs');
    const lr = row(form, 'lr');
    const typing = field(form, 'epochs');
    typing.focus();
    typing.value = '4'; // typed, not stored yet
    // An edit elsewhere in the script: no parameter changes, no row is drawn again.
    doc.script = parseScript(TEXT.replace('# %% Train', '# %% Training'));
    doc.changed.emit(undefined);
    render(form);
    expect(row(form, 'epochs')).toBe(epochs);
    expect(row(form, 'lr')).toBe(lr);
    expect(document.activeElement).toBe(typing);
    expect(typing.value).toBe('4');
    // A value set for lr draws lr's row again, and only it.
    await parameters.set('train.py', 'lr', 2);
    render(form);
    expect(row(form, 'epochs')).toBe(epochs);
    expect(row(form, 'lr')).not.toBe(lr);
    expect(row(form, 'lr').dataset.state).toBe('override');
    // A line added above moves both: their line buttons say so.
    doc.script = parseScript(`# a comment\n${TEXT}`);
    doc.changed.emit(undefined);
    render(form);
    expect(
      row(form, 'epochs').querySelector('.jp-CellScript-parameterLine')!
        .textContent
    ).toBe('line 3');
    expect(document.activeElement).toBe(field(form, 'epochs'));
    expect(field(form, 'epochs').value).toBe('4');
    const ids = Array.from(
      form.node.querySelectorAll('input'),
      input => input.id
    );
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('draws a long list of parameters a frame at a time, in order', async () => {
    const many = Array.from({ length: 120 }, (_, i) => `p${i} = ${i}`);
    const { form } = setup(`# %% Parameters\n${many.join('\n')}\n`);
    const names = () =>
      Array.from(
        form.node.querySelectorAll<HTMLElement>('.jp-CellScript-parameter'),
        item => item.dataset.name
      );
    expect(names()).toEqual(many.slice(0, 20).map((_, i) => `p${i}`));
    expect(
      form.node.querySelector('.jp-CellScript-parametersCount')!.textContent
    ).toBe('(120)');
    const first = row(form, 'p0');
    // The update setPath posted draws the next 20; the rest waits for animation frames, not
    // for Lumino's message loop (which runs on a microtask, before the page paints).
    MessageLoop.flush();
    expect(names()).toHaveLength(40);
    for (let i = 0; i < 3; i++) {
      await Promise.resolve();
      MessageLoop.flush();
    }
    expect(names()).toHaveLength(40);
    for (let frame = 3; frame <= 6; frame++) {
      await new Promise(resolve => requestAnimationFrame(resolve));
      MessageLoop.flush();
      expect(names()).toHaveLength(20 * frame);
    }
    expect(names()).toEqual(many.map((_, i) => `p${i}`));
    expect(row(form, 'p0')).toBe(first);
  });

  it('says how to declare parameters when the script has none', () => {
    const { form } = setup('# %% Only\nprint(f())\n');
    expect(
      form.node.querySelector('.jp-CellScript-parametersHint')!.textContent
    ).toContain('This script declares no parameters');
  });

  it('renders only while visible', async () => {
    const { form, parameters } = setup();
    form.hide();
    await parameters.set('train.py', 'lr', 2);
    render(form);
    expect(row(form, 'lr').dataset.state).toBe('default');
    form.show();
    MessageLoop.flush();
    expect(row(form, 'lr').dataset.state).toBe('override');
  });
});
