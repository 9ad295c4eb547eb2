import { MagicShownError, MagicUsageError } from '../../../src/magics/errors';
import {
  errorContentOf,
  OutputAreaSink,
  resultOutput
} from '../../../src/magics/magicOutput';
import { CellScriptError } from '../../../src/script/errors';

/** The parts of an output area model the sink uses, recording what it holds. */
class FakeOutputs {
  outputs: any[] = [];
  clearNext = false;
  add(output: any): number {
    if (this.clearNext) {
      this.outputs = [];
      this.clearNext = false;
    }
    // As OutputAreaModel.add: answers how many outputs there are now.
    return this.outputs.push(output);
  }
  set(index: number, output: any): void {
    this.outputs[index] = output;
  }
  clear(wait = false): void {
    if (wait) {
      this.clearNext = true;
    } else {
      this.outputs = [];
    }
  }
}

describe('resultOutput', () => {
  it.each([
    [undefined, null],
    [null, null],
    ['text', { 'text/plain': 'text' }],
    [{ data: { 'text/html': '<b>x</b>' } }, { 'text/html': '<b>x</b>' }]
  ])('%j', (result, data) => {
    const output = resultOutput(result as never, 7);
    expect(output?.data ?? null).toEqual(data);
    if (output) {
      expect(output.execution_count).toBe(7);
      expect(output.output_type).toBe('execute_result');
    }
  });

  it('refuses anything else, saying what to return', () => {
    expect(() => resultOutput(42 as never, 1)).toThrow(
      'A magic returned number: return text, { data: { mimeType: value } } or nothing.'
    );
  });
});

describe('errorContentOf', () => {
  it('shows our errors without a stack, with the script line', () => {
    const content = errorContentOf(
      new CellScriptError('No cell named Trian.', 'cell-not-found', { line: 4 })
    );
    expect(content.ename).toBe('CellScriptError');
    expect(content.evalue).toBe('No cell named Trian. (script line 4)');
    expect(content.traceback).toEqual([
      '\x1b[31mCellScriptError\x1b[0m: No cell named Trian. (script line 4)'
    ]);
  });

  it('does not repeat a line the message names', () => {
    const error = new CellScriptError('x (line 4) is wrong', 'k', { line: 4 });
    expect(errorContentOf(error).evalue).toBe('x (line 4) is wrong');
  });

  it("shows another error's stack for whoever wrote the magic", () => {
    const content = errorContentOf(new TypeError('bad'));
    expect(content.ename).toBe('TypeError');
    expect(content.traceback.length).toBeGreaterThan(1);
    expect(content.traceback[1]).toMatch(/^\s+at /);
  });

  it('takes a thrown non-error', () => {
    expect(errorContentOf('oops').evalue).toBe('oops');
  });
});

describe('OutputAreaSink', () => {
  it('writes streams, displays, errors and results', () => {
    const model = new FakeOutputs();
    const sink = new OutputAreaSink(model as never);
    sink.stream('stdout', 'hi\n');
    sink.display({ 'text/plain': 'd' });
    sink.result('r', 3);
    sink.fail(new MagicUsageError('Give CELL.'));
    sink.fail(new MagicShownError('already shown'));
    expect(model.outputs.map(o => o.output_type)).toEqual([
      'stream',
      'display_data',
      'execute_result',
      'error'
    ]);
    expect(model.outputs[3].evalue).toBe('Give CELL.');
  });

  it("updates a script cell's display in place and clears as asked", () => {
    const model = new FakeOutputs();
    const sink = new OutputAreaSink(model as never).sink;
    const show = (text: string, update: boolean) =>
      sink.output!(
        0,
        {
          output_type: 'display_data',
          data: { 'text/plain': text },
          metadata: {}
        },
        { displayId: 'p', update }
      );
    show('10%', false);
    show('50%', true);
    expect(model.outputs.map(o => o.data['text/plain'])).toEqual(['50%']);
    sink.clearOutput!(0, true);
    expect(model.outputs).toHaveLength(1);
    show('fresh', false);
    expect(model.outputs.map(o => o.data['text/plain'])).toEqual(['fresh']);
  });
});
