import { LabIcon } from '@jupyterlab/ui-components';
import cellScriptSvg from '../style/icons/cellscript.svg';

/** The CellScript icon: a script page with cell bars. */
export const cellScriptIcon = new LabIcon({
  name: 'jupyterlab-cellscript:icon',
  svgstr: cellScriptSvg
});
