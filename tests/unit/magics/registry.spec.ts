import { MagicRegistryError } from '../../../src/magics/errors';
import { MagicRegistry } from '../../../src/magics/registry';

const spec = (summary = 'test') => ({ handler: () => summary, summary });

describe('MagicRegistry', () => {
  it('adds line and cell magics of the same name, and removes them on dispose', () => {
    const registry = new MagicRegistry();
    let changes = 0;
    registry.changed.connect(() => changes++);
    const line = registry.addLineMagic('tool', spec('line'));
    const cell = registry.addCellMagic('tool', spec('cell'));
    expect(registry.lineMagic('tool')?.summary).toBe('line');
    expect(registry.cellMagic('tool')?.summary).toBe('cell');
    expect(registry.magics().map(m => `${m.kind}:${m.name}`)).toEqual([
      'line:tool',
      'cell:tool'
    ]);
    line.dispose();
    expect(registry.lineMagic('tool')).toBeUndefined();
    expect(registry.cellMagic('tool')).toBeDefined();
    cell.dispose();
    expect(registry.magics()).toEqual([]);
    expect(changes).toBe(4);
  });

  it.each(['', '1abc', 'a-b', 'a b', '%x', 'é'])(
    'refuses the name %j',
    name => {
      expect(() => new MagicRegistry().addLineMagic(name, spec())).toThrow(
        MagicRegistryError
      );
    }
  );

  it('refuses a taken name unless replaced; the replaced one comes back', () => {
    const registry = new MagicRegistry();
    registry.addLineMagic('x', spec('first'));
    expect(() => registry.addLineMagic('x', spec('second'))).toThrow(
      'The line magic %x is already registered. Pass { replace: true } to take it over, or choose another name.'
    );
    const second = registry.addLineMagic('x', spec('second'), {
      replace: true
    });
    expect(registry.lineMagic('x')?.summary).toBe('second');
    second.dispose();
    expect(registry.lineMagic('x')?.summary).toBe('first');
  });

  it('adds a group all or nothing', () => {
    const registry = new MagicRegistry();
    registry.addCellMagic('taken', spec());
    expect(() =>
      registry.addMagics({
        line: { fresh: spec(), taken: spec() },
        cell: { taken: spec() }
      })
    ).toThrow('%%taken is already registered');
    expect(registry.lineMagic('fresh')).toBeUndefined();
    const group = registry.addMagics({
      line: { a: spec(), b: spec() },
      cell: { a: spec() }
    });
    expect(registry.magics().map(m => `${m.kind}:${m.name}`)).toEqual([
      'line:a',
      'line:b',
      'cell:a',
      'cell:taken'
    ]);
    group.dispose();
    expect(registry.magics().map(m => m.name)).toEqual(['taken']);
  });

  it('needs a handler and something to add', () => {
    const registry = new MagicRegistry();
    expect(() => registry.addLineMagic('x', { summary: 's' } as never)).toThrow(
      '%x needs a handler function.'
    );
    expect(() => registry.addMagics({})).toThrow('Nothing to add');
  });
});
