import { JupyterFrontEndPlugin } from '@jupyterlab/application';

const plugin: JupyterFrontEndPlugin<void> = {
  id: 'jupyterlab-cellscript:placeholder',
  description: 'temporary',
  autoStart: true,
  activate: () => {
    console.log('cellscript');
  }
};
export default [plugin];
