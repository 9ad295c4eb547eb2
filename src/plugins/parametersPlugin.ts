import {
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  ICommandPalette,
  InputDialog,
  Notification
} from '@jupyterlab/apputils';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import type { ReadonlyPartialJSONObject } from '@lumino/coreutils';
import { CommandIDs, pathArgSchema } from '../commands';
import { readScriptNow } from '../document/readScriptNow';
import { inferParameters, overridesByVariable } from '../script';
import {
  ICellScriptRunner,
  ICellScriptSidebar,
  IScriptService
} from '../tokens';
import { valueText } from '../widgets/parametersModel';
import { ParametersForm } from '../widgets/parametersForm';
import { notifyOnceAFrame } from './notifyOnceAFrame';

/** JSON schema of the `names` argument. */
const namesSchema = {
  description: 'Parameter keys (all when missing).',
  oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }]
} as const;

/** Where the form goes among the sidebar's sections (after the cells, before the exports). */
const FORM_RANK = 50;

/**
 * Parameters: commands to set, reset and assign a script's parameter values, and the
 * sidebar's "Parameters" form. Values set are overrides kept by the runner: assigned right
 * after the cell that defines the parameter whenever that cell runs.
 */
export const parametersPlugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-cellscript:parameters',
  description:
    "The parameters form in the CellScript sidebar and commands to set, reset and assign a script's parameters.",
  autoStart: true,
  requires: [ICellScriptRunner, IScriptService],
  optional: [ICellScriptSidebar, ITranslator, ICommandPalette],
  activate: (
    app: JupyterFrontEnd,
    runner: ICellScriptRunner,
    scripts: IScriptService,
    sidebar: ICellScriptSidebar | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null
  ): void => {
    const trans = (translator ?? nullTranslator).load('jupyterlab_cellscript');
    const parameters = runner.parameters;
    const pathOf = (args: ReadonlyPartialJSONObject): string | null =>
      typeof args.path === 'string' && args.path.trim() !== ''
        ? args.path
        : (sidebar?.path ?? null);
    const requirePath = (args: ReadonlyPartialJSONObject): string => {
      const path = pathOf(args);
      if (!path) {
        throw new Error(
          trans.__(
            'No script chosen: open one in the CellScript sidebar, or pass its path.'
          )
        );
      }
      return path;
    };
    const namesOf = (value: unknown): string[] | undefined =>
      typeof value === 'string'
        ? [value]
        : Array.isArray(value) && value.every(item => typeof item === 'string')
          ? (value as string[])
          : undefined;
    const hasOverrides = (args: ReadonlyPartialJSONObject) => {
      const path = pathOf(args);
      return (
        path !== null && Object.keys(parameters.overridesFor(path)).length > 0
      );
    };
    app.commands.addCommand(CommandIDs.setParameter, {
      label: args =>
        typeof args.name === 'string'
          ? trans.__('Set Parameter %1…', args.name)
          : trans.__('Set Parameter…'),
      caption: trans.__(
        'Set a value for a script parameter: assigned right after the cell that defines it, whenever that cell runs'
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            path: pathArgSchema,
            name: { type: 'string', description: 'The parameter key.' },
            value: {
              description:
                'The value: text as typed in the form (a Python or JSON literal; for a str parameter the text itself) or a JSON value. Asked for when missing.'
            }
          },
          required: ['name']
        }
      },
      isEnabled: args => pathOf(args) !== null,
      execute: async args => {
        const path = requirePath(args);
        const name = typeof args.name === 'string' ? args.name : undefined;
        let value: unknown = args.value;
        if (!name) {
          throw new Error(
            trans.__('Set Parameter needs the parameter key (name).')
          );
        }
        if (value === undefined) {
          const answer = await InputDialog.getText({
            title: trans.__('Set %1 of %2', name, path),
            label: trans.__('Value (converted by the parameter type)')
          });
          if (!answer.button.accept || answer.value === null) {
            return;
          }
          value = answer.value;
        }
        return parameters.set(path, name, value);
      }
    });

    app.commands.addCommand(CommandIDs.resetParameters, {
      label: args =>
        namesOf(args.names)
          ? trans.__('Reset Parameter %1', String(args.names))
          : trans.__('Reset All Parameters'),
      caption: trans.__("Go back to the script's defaults for its parameters"),
      describedBy: {
        args: {
          type: 'object',
          properties: { path: pathArgSchema, names: namesSchema }
        }
      },
      isEnabled: hasOverrides,
      execute: args => parameters.reset(requirePath(args), namesOf(args.names))
    });

    app.commands.addCommand(CommandIDs.assignParameters, {
      label: args =>
        namesOf(args.names)
          ? trans.__('Assign Parameter %1 Now', String(args.names))
          : trans.__('Assign Parameters Now'),
      caption: trans.__(
        "Assign the values set for the script's parameters in its namespace in the notebook's kernel now"
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: { path: pathArgSchema, names: namesSchema }
        }
      },
      isEnabled: args => hasOverrides(args) && runner.target !== null,
      execute: async args => {
        const path = requirePath(args);
        const script = await readScriptNow(scripts, path);
        const declared = inferParameters(script);
        const values = overridesByVariable(
          declared,
          parameters.overridesFor(path),
          namesOf(args.names)
        );
        const variables = Object.keys(values);
        if (variables.length === 0) {
          throw new Error(
            trans.__(
              'Nothing to assign: no value is set for these parameters of %1.',
              path
            )
          );
        }
        const session = await runner.session(path);
        const assigned = await session.assign(values);
        const typeOf = (variable: string) =>
          declared.find(p => p.variable === variable)?.type ?? 'any';
        Notification.success(
          trans.__(
            'Set %1 in the namespace of %2 (kernel of %3).',
            assigned
              .map(v => `${v} = ${valueText(values[v], typeOf(v)) || '""'}`)
              .join(', '),
            path,
            runner.target?.notebookPath ?? ''
          ),
          { autoClose: 5000 }
        );
        return assigned;
      }
    });

    const notify = notifyOnceAFrame(app.commands, [
      CommandIDs.setParameter,
      CommandIDs.resetParameters,
      CommandIDs.assignParameters
    ]);
    parameters.changed.connect(notify);
    runner.changed.connect(notify);

    for (const command of [
      CommandIDs.setParameter,
      CommandIDs.resetParameters,
      CommandIDs.assignParameters
    ]) {
      palette?.addItem({ command, category: trans.__('CellScript') });
    }

    if (sidebar) {
      const form = new ParametersForm({
        trans,
        parameters,
        scripts,
        commands: app.commands
      });
      form.setPath(sidebar.path);
      sidebar.pathChanged.connect((_, path) => {
        form.setPath(path);
        notify();
      });
      sidebar.addSection(form, { rank: FORM_RANK });
    }
  }
};
