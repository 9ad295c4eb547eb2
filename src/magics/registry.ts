import { DisposableDelegate, type IDisposable } from '@lumino/disposable';
import { type ISignal, Signal } from '@lumino/signaling';
import { MagicRegistryError } from './errors';
import { MAGIC_NAME } from './magicSyntax';
import type {
  IAddMagicOptions,
  IMagicGroup,
  IMagicRegistry,
  IMagicSpec,
  IRegisteredMagic
} from './types';

type Kind = 'line' | 'cell';

/**
 * The frontend magics: one stack of registrations per kind and name, the newest in use. A name
 * is only taken over with `replace`; disposing a registration removes it wherever it is in the
 * stack, so the one it replaced comes back.
 */
export class MagicRegistry implements IMagicRegistry {
  get changed(): ISignal<this, void> {
    return this._changed;
  }

  addLineMagic(
    name: string,
    spec: IMagicSpec,
    options: IAddMagicOptions = {}
  ): IDisposable {
    return this.addMagics({ line: { [name]: spec } }, options);
  }

  addCellMagic(
    name: string,
    spec: IMagicSpec,
    options: IAddMagicOptions = {}
  ): IDisposable {
    return this.addMagics({ cell: { [name]: spec } }, options);
  }

  addMagics(group: IMagicGroup, options: IAddMagicOptions = {}): IDisposable {
    const entries: IRegisteredMagic[] = [];
    for (const kind of ['line', 'cell'] as const) {
      for (const [name, spec] of Object.entries(group[kind] ?? {})) {
        this._check(kind, name, spec, options);
        entries.push({ ...spec, kind, name });
      }
    }
    if (entries.length === 0) {
      throw new MagicRegistryError(
        'Nothing to add: give line and/or cell magics.'
      );
    }
    for (const entry of entries) {
      const key = keyOf(entry.kind, entry.name);
      this._stacks.set(key, [...(this._stacks.get(key) ?? []), entry]);
    }
    this._changed.emit();
    return new DisposableDelegate(() => {
      for (const entry of entries) {
        const key = keyOf(entry.kind, entry.name);
        const stack = (this._stacks.get(key) ?? []).filter(e => e !== entry);
        if (stack.length > 0) {
          this._stacks.set(key, stack);
        } else {
          this._stacks.delete(key);
        }
      }
      this._changed.emit();
    });
  }

  lineMagic(name: string): IRegisteredMagic | undefined {
    return this._stacks.get(keyOf('line', name))?.at(-1);
  }

  cellMagic(name: string): IRegisteredMagic | undefined {
    return this._stacks.get(keyOf('cell', name))?.at(-1);
  }

  magics(): IRegisteredMagic[] {
    const all = [...this._stacks.values()].map(
      stack => stack[stack.length - 1]
    );
    const rank = (m: IRegisteredMagic) => (m.kind === 'line' ? 0 : 1);
    return all.sort(
      (a, b) =>
        rank(a) - rank(b) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)
    );
  }

  private _check(
    kind: Kind,
    name: string,
    spec: IMagicSpec,
    options: IAddMagicOptions
  ): void {
    const sign = kind === 'line' ? '%' : '%%';
    if (typeof name !== 'string' || !MAGIC_NAME.test(name)) {
      throw new MagicRegistryError(
        `${JSON.stringify(name)} is not a valid magic name: use letters, digits and _, not starting with a digit (as a Python name).`
      );
    }
    if (typeof spec?.handler !== 'function') {
      throw new MagicRegistryError(`${sign}${name} needs a handler function.`);
    }
    if (this._stacks.has(keyOf(kind, name)) && !options.replace) {
      throw new MagicRegistryError(
        `The ${kind} magic ${sign}${name} is already registered. Pass { replace: true } to take it over, or choose another name.`
      );
    }
  }

  private _stacks = new Map<string, IRegisteredMagic[]>();
  private _changed = new Signal<this, void>(this);
}

function keyOf(kind: Kind, name: string): string {
  return `${kind}:${name}`;
}
