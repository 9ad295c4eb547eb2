import type { Kernel } from '@jupyterlab/services';
import type { ISignal } from '@lumino/signaling';

/**
 * The kernel scripts run in: the active notebook's. The sidebar shows it; runs wait for it.
 */
export interface IKernelTarget {
  /** The notebook's contents path (shown to the user). */
  readonly notebookPath: string;
  /** Contents path of the kernel's working directory (the notebook's folder). */
  readonly cwd: string;
  /** The kernel's display name, e.g. "Python 3 (ipykernel)". */
  readonly kernelName: string;
  /** The kernel, or null while none is running (starting, shut down, no kernel chosen). */
  readonly kernel: Kernel.IKernelConnection | null;
  /** Resolves with the kernel once the notebook's session is ready (null if it has none). */
  ready(): Promise<Kernel.IKernelConnection | null>;
}

/** Where the current kernel target comes from (the notebook tracker in JupyterLab). */
export interface IKernelTargetSource {
  /** The current target, or null when no notebook is open. */
  readonly current: IKernelTarget | null;
  /** Emits when the target, its kernel or the kernel's status changed. */
  readonly changed: ISignal<IKernelTargetSource, void>;
}
