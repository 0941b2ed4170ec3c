// Entry point of gonsim's JupyterLab: starts a JupyterLab application with
// the plugins of the packages listed under "jupyterlab" in package.json.
// gonsim_lab.py (a jupyterlab_server LabServerApp) serves the bundle.
import { JupyterLab } from '@jupyterlab/application';
import { PageConfig } from '@jupyterlab/coreutils';

// Chunks and assets load from where the server mounts the build; this must
// be set before any CSS is imported.
// eslint-disable-next-line no-undef
__webpack_public_path__ = PageConfig.getOption('fullStaticUrl') + '/';

// build/style.js is written by @jupyterlab/builder (webpack.config.js): it
// imports every listed package's stylesheet.
const styles = import('./build/style.js');

// Keep in step with package.json's jupyterlab.extensions and mimeExtensions
// (webpack.config.js checks that): the builder copies the schemas and
// themes of exactly those packages.
const extensions = [
  import('@jupyterlab/application-extension'),
  import('@jupyterlab/apputils-extension'),
  import('@jupyterlab/codemirror-extension'),
  import('@jupyterlab/completer-extension'),
  import('@jupyterlab/console-extension'),
  import('@jupyterlab/docmanager-extension'),
  import('@jupyterlab/filebrowser-extension'),
  import('@jupyterlab/fileeditor-extension'),
  import('@jupyterlab/inspector-extension'),
  import('@jupyterlab/launcher-extension'),
  import('@jupyterlab/logconsole-extension'),
  import('@jupyterlab/mainmenu-extension'),
  import('@jupyterlab/notebook-extension'),
  import('@jupyterlab/rendermime-extension'),
  import('@jupyterlab/running-extension'),
  import('@jupyterlab/shortcuts-extension'),
  import('@jupyterlab/statusbar-extension'),
  import('@jupyterlab/theme-light-extension'),
  import('@jupyterlab/tooltip-extension'),
  import('@jupyterlab/translation-extension'),
  import('@jupyterlab/ui-components-extension'),
  import('@jupyter-widgets/jupyterlab-manager'),
];

const mimeExtensions = [
  import('@jupyterlab/javascript-extension'),
  import('@jupyterlab/json-extension'),
];

window.addEventListener('load', async () => {
  await styles;
  const lab = new JupyterLab({ mimeExtensions: await Promise.all(mimeExtensions) });
  lab.registerPluginModules(await Promise.all(extensions));
  await lab.start();
  await lab.restored;
  // The browser tests wait for this and drive the app through it.
  window.jupyterapp = lab;
  document.body.dataset.gonsimLab = 'ready';
});
