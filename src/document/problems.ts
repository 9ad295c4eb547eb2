/**
 * Why a script cannot be shown, in the user's words: what happened and what to do.
 */
import { CellScriptError } from '../script/errors';

/** The kinds of problem a script path can have. */
export type ScriptProblemKind =
  | 'missing'
  | 'directory'
  | 'not-python'
  | 'encoding'
  | 'unreadable';

/** A problem that keeps a script from being read; `line` is 1-based when known. */
export interface IScriptProblem {
  readonly kind: ScriptProblemKind;
  readonly message: string;
  readonly line?: number;
}

/** File name endings the sidebar accepts as Python scripts. */
export const PYTHON_SCRIPT_EXTENSIONS = ['.py', '.pyw', '.ipy'];

/** Whether a path names a Python script, judged by its extension. */
export function isPythonScriptPath(path: string): boolean {
  const lower = path.toLowerCase();
  return PYTHON_SCRIPT_EXTENSIONS.some(ext => lower.endsWith(ext));
}

/** The problem for a path that is not a Python script, or null when it is one. */
export function notPythonProblem(path: string): IScriptProblem | null {
  if (isPythonScriptPath(path)) {
    return null;
  }
  return {
    kind: 'not-python',
    message: `${path} is not a Python script. CellScript reads .py files split into "# %%" cells; choose a .py file.`
  };
}

/** An error from the contents API, turned into the problem the user should see. */
export function problemFromContentsError(
  path: string,
  error: unknown
): IScriptProblem {
  const status = (error as { response?: { status?: number } })?.response
    ?.status;
  if (status === 404) {
    return {
      kind: 'missing',
      message: `${path} does not exist (it may have been moved or deleted). Choose another script or create it.`
    };
  }
  const detail = error instanceof Error ? error.message : String(error);
  if (status === 400 && /utf-?8|decod/i.test(detail)) {
    return {
      kind: 'encoding',
      message: `${path} is not UTF-8 text. Save it as UTF-8 and it will show here.`
    };
  }
  return {
    kind: 'unreadable',
    message: `${path} could not be read: ${detail}. Check that the file is readable, then reload.`
  };
}

/**
 * A script that cannot be run: missing (deleted or moved), a folder, not Python, not UTF-8 or
 * unreadable. `kind` is the problem's kind, the message says what to do.
 */
export class ScriptUnavailableError extends CellScriptError {
  /**
   * @param problem - what keeps the script from being read.
   */
  constructor(problem: IScriptProblem) {
    super(problem.message, problem.kind, { line: problem.line });
    this.name = 'ScriptUnavailableError';
    this.problem = problem;
  }

  /** What keeps the script from being read. */
  readonly problem: IScriptProblem;
}
