/**
 * The wheel, tested as installed: built from the current build (`scripts/build-wheel.sh`),
 * installed with pip into a fresh venv, served by the JupyterLab host running on that venv's
 * Python without its link to the source tree, so JupyterLab can only find the extension where pip
 * put it. The page loads it as a federated extension, its plugins start, a script cell runs in a
 * notebook's kernel (the venv's Python, importing the wheel's `cellscript`); then
 * `pip uninstall` removes every file the wheel installed.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

import { expect, type ILabServer, test as base } from '../fixtures';
import { REPO_DIR } from '../support/jupyterServer';
import { notebookCells } from '../support/notebookCells';

/** The wheel, and the venv it is installed in. */
interface IInstalledWheel {
  /** The wheel file. */
  wheel: string;
  /** The venv's Python. */
  python: string;
  /** The venv (its sys.prefix: `share/jupyter` below it). */
  venv: string;
  /** The venv's site-packages. */
  sitePackages: string;
}

const EXTENSION = 'jupyterlab-cellscript';
const SYSTEM_PYTHON = '/usr/bin/python3';

/** The environment of the build and pip: no other interpreter's paths, no bytecode in the tree. */
function pythonEnvironment(
  extra: Record<string, string> = {}
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PYTHONDONTWRITEBYTECODE: '1',
    PIP_DISABLE_PIP_VERSION_CHECK: '1',
    ...extra
  };
  delete env.PYTHONPATH;
  delete env.PYTHONHOME;
  delete env.JUPYTER_PATH;
  return env;
}

/**
 * Run a program; its stdout, or an error with its output. Not in the repository: Python puts
 * the working directory first on sys.path, where the source tree's jupyterlab_cellscript is.
 */
function run(
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv = pythonEnvironment()
): string {
  try {
    return execFileSync(program, args, {
      cwd: os.tmpdir(),
      env,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      maxBuffer: 16 * 1024 * 1024
    });
  } catch (error: any) {
    throw new Error(
      `${program} ${args.join(' ')} failed (${error.status}):\n${error.stdout}\n${error.stderr}`
    );
  }
}

/** Run Python code with `python`; its stdout parsed as JSON. */
function python(interpreter: string, code: string, ...args: string[]): any {
  return JSON.parse(run(interpreter, ['-c', code, ...args]));
}

/** The same, with an environment of its own. */
function pythonWith(
  env: NodeJS.ProcessEnv,
  interpreter: string,
  code: string
): any {
  return JSON.parse(run(interpreter, ['-c', code], env));
}

/** A file of the wheel, as bytes. */
function wheelFile(wheel: string, name: string): Buffer {
  return execFileSync(
    SYSTEM_PYTHON,
    [
      '-c',
      'import sys, zipfile; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]))',
      wheel,
      name
    ],
    { maxBuffer: 16 * 1024 * 1024 }
  );
}

/** The files the wheel's RECORD lists, where pip installs them in `installed`'s venv. */
function installedPaths(installed: IInstalledWheel): string[] {
  return python(
    SYSTEM_PYTHON,
    `
import csv, io, json, os, re, sys, zipfile
wheel, site, prefix = sys.argv[1:]
archive = zipfile.ZipFile(wheel)
record = next(n for n in archive.namelist() if n.endswith(".dist-info/RECORD"))
paths = []
for row in csv.reader(io.TextIOWrapper(archive.open(record), "utf-8")):
    data = re.match(r"[^/]+\\.data/data/(.*)", row[0])
    paths.append(os.path.join(prefix, data.group(1)) if data else os.path.join(site, row[0]))
print(json.dumps(paths))
`,
    installed.wheel,
    installed.sitePackages,
    installed.venv
  );
}

const test = base.extend<object, { installed: IInstalledWheel }>({
  installed: [
    // eslint-disable-next-line no-empty-pattern
    async ({}, use) => {
      const tempDir = fs.mkdtempSync(
        path.join(os.tmpdir(), 'cellscript-wheel-')
      );
      try {
        const dist = path.join(tempDir, 'dist');
        // The extension was just built by `npm run test:ui` (prepare-host.sh): wheel that build.
        run('bash', [
          path.join(REPO_DIR, 'scripts', 'build-wheel.sh'),
          '--skip-npm-build',
          '--outdir',
          dist
        ]);
        const [wheel] = fs
          .readdirSync(dist)
          .filter(name => name.endsWith('.whl'))
          .map(name => path.join(dist, name));
        const venv = path.join(tempDir, 'venv');
        run(SYSTEM_PYTHON, ['-m', 'venv', '--system-site-packages', venv]);
        const venvPython = path.join(venv, 'bin', 'python');
        // --no-deps: there is no `jupyterlab` Python package here (no PyPI); the host stands in.
        run(venvPython, [
          '-m',
          'pip',
          'install',
          '--no-index',
          '--no-deps',
          wheel
        ]);
        // A kernel of the venv's Python, as a user who installs into a venv has: notebooks run
        // there, and scripts import the wheel's `cellscript`.
        run(venvPython, ['-m', 'ipykernel', 'install', '--sys-prefix']);
        const sitePackages: string = python(
          venvPython,
          'import json, sysconfig; print(json.dumps(sysconfig.get_paths()["purelib"]))'
        );
        await use({ wheel, python: venvPython, venv, sitePackages });
      } finally {
        fs.rmSync(tempDir, { recursive: true, force: true });
      }
    },
    { scope: 'worker', timeout: 180_000 }
  ],
  hostOptions: async ({ installed }, use) => {
    await use({ python: installed.python, linkExtension: false });
  }
});

test.describe.configure({ mode: 'serial' });
test.use({ serverRoot: 'empty' });

test('JupyterLab finds the extension where pip installed it, and it runs a script cell', async ({
  lab,
  server,
  installed
}) => {
  const { page } = lab;

  // Where the host looks for extensions (the venv's Jupyter data path, as JupyterLab does, with
  // a data dir of its own as the server has), only the venv holds this one: nothing links the
  // source tree.
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cellscript-data-'));
  const searched: string[] = pythonWith(
    pythonEnvironment({ JUPYTER_DATA_DIR: dataDir }),
    installed.python,
    'import json; from jupyter_core.paths import jupyter_path; ' +
      'print(json.dumps(jupyter_path("labextensions")))'
  );
  fs.rmSync(dataDir, { recursive: true, force: true });
  expect(searched).toContain(
    path.join(installed.venv, 'share', 'jupyter', 'labextensions')
  );
  const holders = searched.filter(folder =>
    fs.existsSync(path.join(folder, EXTENSION, 'package.json'))
  );
  expect(holders).toEqual([
    path.join(installed.venv, 'share', 'jupyter', 'labextensions')
  ]);

  // The page lists it as a federated extension, with the wheel's remoteEntry.
  const version = JSON.parse(
    fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')
  ).version;
  const data = `jupyterlab_cellscript-${version}.data/data/share/jupyter/labextensions/${EXTENSION}`;
  const wheelPackage = JSON.parse(
    wheelFile(installed.wheel, `${data}/package.json`).toString('utf8')
  );
  const federated = await page.evaluate(() => {
    const element = document.getElementById('jupyter-config-data');
    return JSON.parse(element!.textContent!).federated_extensions;
  });
  const ours = federated.find((e: { name: string }) => e.name === EXTENSION);
  expect(ours).toMatchObject({
    name: EXTENSION,
    load: wheelPackage.jupyterlab._build.load,
    extension: './extension'
  });

  // The remoteEntry the server sends is the wheel's, byte for byte, and the wheel's is this
  // build's (the wheel was built from the current build, not an old dist/).
  const served = await fetch(
    `${server.baseURL}lab/extensions/${EXTENSION}/${ours.load}`,
    { headers: { Authorization: `token ${server.token}` } }
  );
  expect(served.status).toBe(200);
  const servedBytes = Buffer.from(await served.arrayBuffer());
  expect(
    servedBytes.equals(wheelFile(installed.wheel, `${data}/${ours.load}`))
  ).toBe(true);
  expect(
    servedBytes.equals(
      fs.readFileSync(
        path.join(REPO_DIR, 'jupyterlab_cellscript', 'labextension', ours.load)
      )
    )
  ).toBe(true);

  // Our plugins are registered and started, and our cell executor replaced JupyterLab's
  // (the built package.json's disabledExtensions reached the page).
  const plugins = await lab.plugins('jupyterlab-cellscript:');
  expect(plugins.map(plugin => plugin.id)).toEqual(
    expect.arrayContaining([
      'jupyterlab-cellscript:scripts',
      'jupyterlab-cellscript:runner',
      'jupyterlab-cellscript:cell-executor',
      'jupyterlab-cellscript:cellscript-magic'
    ])
  );
  for (const id of [
    'jupyterlab-cellscript:cell-executor',
    'jupyterlab-cellscript:cellscript-magic'
  ]) {
    expect(plugins.find(plugin => plugin.id === id)?.activated, id).toBe(true);
  }
  expect(
    await lab.plugins('@jupyterlab/notebook-extension:cell-executor')
  ).toEqual([]);

  // A script cell runs in the notebook's kernel: the venv's Python, with the wheel's module.
  await server.writeFile(
    'analysis.py',
    '# %% Setup\n' +
      'import cellscript\n' +
      'from cellscript import Param, Output\n' +
      'x = Param(20, name="x")\n' +
      'print("x", x + 1)\n' +
      'print("cellscript from", cellscript.__file__)\n'
  );
  await server.writeNotebook('work.ipynb', [
    '%cs open analysis.py',
    '%cellscript run Setup'
  ]);
  const cells = notebookCells(await lab.openNotebook('work.ipynb'));
  await lab.execute('notebook:run-all-cells');
  const outputs = (index: number) =>
    cells.nth(index).locator('.jp-OutputArea-output');
  await expect(outputs(0)).toHaveText(['analysis.py: 1 cell (1 code).']);
  await expect(outputs(1)).toHaveText([
    `x 21\ncellscript from ${path.join(installed.sitePackages, 'cellscript.py')}\n`
  ]);
});

/** What the server offers now: the federated extensions of a freshly served page. */
async function servedExtensions(
  server: ILabServer
): Promise<Array<{ name: string; load: string }>> {
  const page = await fetch(server.url('lab'));
  expect(page.status).toBe(200);
  const match =
    /<script id="jupyter-config-data" type="application\/json">([\s\S]*?)<\/script>/.exec(
      await page.text()
    );
  return JSON.parse(match![1]).federated_extensions;
}

/** The status of a file of the extension, as the server serves it. */
async function extensionFileStatus(
  server: ILabServer,
  file: string
): Promise<number> {
  const response = await fetch(
    `${server.baseURL}lab/extensions/${EXTENSION}/${file}`,
    { headers: { Authorization: `token ${server.token}` } }
  );
  await response.arrayBuffer();
  return response.status;
}

test("the venv imports the wheel's modules, and pip uninstall removes every file it installed", async ({
  installed,
  server
}) => {
  const imported = python(
    installed.python,
    'import json, cellscript, jupyterlab_cellscript as j\n' +
      'from cellscript import Param, Output\n' +
      'print(json.dumps([cellscript.__file__, j.__file__, j.__version__, ' +
      'j._jupyter_labextension_paths(), Param(3, name="n"), Output(4, name="m")]))'
  );
  const version = JSON.parse(
    fs.readFileSync(path.join(REPO_DIR, 'package.json'), 'utf8')
  ).version;
  expect(imported).toEqual([
    path.join(installed.sitePackages, 'cellscript.py'),
    path.join(installed.sitePackages, 'jupyterlab_cellscript', '__init__.py'),
    version,
    [{ src: 'labextension', dest: EXTENSION }],
    3,
    4
  ]);

  const files = installedPaths(installed);
  expect(files.length).toBeGreaterThan(10);
  expect(files.filter(file => !fs.existsSync(file))).toEqual([]);
  const before = (await servedExtensions(server)).find(
    e => e.name === EXTENSION
  );
  expect(before).toBeDefined();
  expect(await extensionFileStatus(server, before!.load)).toBe(200);

  run(installed.python, ['-m', 'pip', 'uninstall', '-y', EXTENSION]);

  expect(files.filter(file => fs.existsSync(file))).toEqual([]);
  expect(
    fs.existsSync(
      path.join(installed.venv, 'share', 'jupyter', 'labextensions', EXTENSION)
    )
  ).toBe(false);
  expect(() => run(installed.python, ['-c', 'import cellscript'])).toThrow(
    /ModuleNotFoundError: No module named 'cellscript'/
  );
  // The same server no longer finds it: it was serving the venv's copy, not the source tree's.
  expect((await servedExtensions(server)).map(e => e.name)).not.toContain(
    EXTENSION
  );
  expect(await extensionFileStatus(server, before!.load)).toBe(404);
});
