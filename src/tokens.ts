import { Token } from '@lumino/coreutils';
import { IScriptReference, ScriptService } from './document/scriptService';
import type { ScriptRunner } from './run/scriptRunner';
import type { SidebarModel } from './widgets/sidebarModel';
import type { SidebarPanel } from './widgets/sidebarPanel';

export type { IScriptReference } from './document/scriptService';
export type {
  IScriptContents,
  IUnsavedTextSource,
  ScriptDocument
} from './document/scriptDocument';
export type { IScriptProblem, ScriptProblemKind } from './document/problems';

/**
 * Opens `# %%` scripts through the Jupyter contents API and follows them live.
 */
export interface IScriptService {
  /** Open the script at a contents path; dispose the reference when done. */
  open(path: string): IScriptReference;
  /** How markers are read (from the settings). */
  readonly parseOptions: ScriptService['parseOptions'];
  /** Emits after the parse options changed. */
  readonly parseOptionsChanged: ScriptService['parseOptionsChanged'];
}

/** The script service token. */
export const IScriptService = new Token<IScriptService>(
  'jupyterlab-cellscript:IScriptService',
  'Opens Python scripts split into "# %%" cells through the contents API, parses them and signals when they change (saved, edited in an editor or changed on disk).'
);

/**
 * The CellScript sidebar: its model (chosen script, state) and its panel.
 */
export interface ICellScriptSidebar {
  /** The sidebar's state. */
  readonly model: SidebarModel;
  /** The sidebar widget in the left area. */
  readonly panel: SidebarPanel;
}

/** The sidebar token. */
export const ICellScriptSidebar = new Token<ICellScriptSidebar>(
  'jupyterlab-cellscript:ICellScriptSidebar',
  'The CellScript sidebar (left area): the chosen script, its cells and their run state.'
);

/**
 * Runs script cells in the active notebook's kernel and keeps each cell's last run.
 */
export type ICellScriptRunner = ScriptRunner;

/** The runner token. */
export const ICellScriptRunner = new Token<ICellScriptRunner>(
  'jupyterlab-cellscript:ICellScriptRunner',
  "Runs script cells in the active notebook's kernel (own or shared namespace) and keeps each cell's status, duration and outputs."
);
