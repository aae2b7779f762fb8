'use strict';
// A Node app that uses the package, bundled with esbuild (`--bundle --platform=node`) as CommonJS
// and as an ES module, then moved away from its node_modules, as it would be deployed: without
// index.wasm next to the bundle it fails with an error saying what to copy where; with the file
// copied there, it works. Also the messages of an unbundled package whose index.wasm is missing,
// and Bun's single-file executables.
const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync, spawnSync } = require('child_process');
const { root } = require('./implementations.js');
const { binary } = require('../support/binaries.js');

const esbuild = path.join(root, 'node_modules', '.bin', 'esbuild');
const npm = (args, cwd) => execFileSync('npm', [...args, '--no-audit', '--no-fund', '--loglevel=error'], { cwd, encoding: 'utf8' });

const USE = [
  'const table = IpCountryTable.fromFile(process.argv[2]);',
  "console.log(JSON.stringify({ fib: fibonacci(20), v4: table.lookup('1.0.0.1'), v6: table.lookup('2001:db8::1') }));",
];
const SOURCES = {
  'app.mjs': ["import { fibonacci, IpCountryTable } from 'native-vs-wasm';", ...USE].join('\n'),
  'app.cjs': ["const { fibonacci, IpCountryTable } = require('native-vs-wasm');", ...USE].join('\n'),
};
const CSV = '1.0.0.0,1.0.0.255,AU\n2001:db8::,2001:db8::ffff,NL\n';

const BUNDLES = [
  { name: 'ES module app, --format=cjs', source: 'app.mjs', format: 'cjs', out: 'app.cjs' },
  { name: 'ES module app, --format=esm', source: 'app.mjs', format: 'esm', out: 'app.mjs' },
  { name: 'CommonJS app, --format=cjs', source: 'app.cjs', format: 'cjs', out: 'app.cjs' },
];

let workDir;
let projectDir;
let installedWasm;

beforeAll(() => {
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nvw-bundled-'));
  const [packed] = JSON.parse(npm(['pack', path.join(root, 'pkg'), '--json', '--pack-destination', workDir], root));
  projectDir = path.join(workDir, 'project');
  fs.mkdirSync(projectDir);
  fs.writeFileSync(path.join(projectDir, 'package.json'), JSON.stringify({ name: 'bundled-app', private: true }));
  npm(['install', '--offline', path.join(workDir, packed.filename)], projectDir);
  installedWasm = path.join(projectDir, 'node_modules', 'native-vs-wasm', 'index.wasm');
  for (const [file, text] of Object.entries(SOURCES)) fs.writeFileSync(path.join(projectDir, file), `${text}\n`);
});

afterAll(() => {
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

// Runs a bundle with Node, or an executable (a path that is not a .js/.cjs/.mjs file) by itself.
function run(dir, file) {
  fs.writeFileSync(path.join(dir, 'ranges.csv'), CSV);
  const [command, args] = /\.[cm]?js$/.test(file) ? [process.execPath, [file, 'ranges.csv']] : [file, ['ranges.csv']];
  const { status, stdout, stderr } = spawnSync(command, args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status, stdout, stderr };
}

describe.each(BUNDLES)('$name', ({ source, format, out }) => {
  let deployDir;

  beforeAll(() => {
    // Bundled in the project, then deployed to a folder with no node_modules anywhere above it.
    const dist = path.join(projectDir, `dist-${format}-${source.replace('.', '-')}`);
    execFileSync(
      esbuild,
      [source, '--bundle', '--platform=node', `--format=${format}`, `--outfile=${path.join(dist, out)}`, '--log-level=error'],
      {
        cwd: projectDir,
        stdio: 'pipe',
      },
    );
    deployDir = path.join(workDir, `deploy-${format}-${source.replace('.', '-')}`);
    fs.renameSync(dist, deployDir);
  });

  test('without index.wasm next to the bundle: an error that says where it looked and what to copy there', () => {
    const { status, stdout, stderr } = run(deployDir, out);
    expect(status).not.toBe(0);
    expect(stdout).toBe('');
    const wasmPath = path.join(deployDir, 'index.wasm');
    expect(stderr).toContain(
      `native-vs-wasm: its WebAssembly module is not at ${wasmPath}. In a bundled app, copy index.wasm from the ` +
        `native-vs-wasm package (node_modules/native-vs-wasm/index.wasm) next to the bundle: to ${wasmPath}`,
    );
    expect(stderr).not.toContain('npm run build');
  });

  test('with index.wasm copied next to the bundle: the app works', () => {
    fs.copyFileSync(installedWasm, path.join(deployDir, 'index.wasm'));
    expect(run(deployDir, out)).toEqual({ status: 0, stdout: `${JSON.stringify({ fib: 6765, v4: 'AU', v6: 'NL' })}\n`, stderr: '' });
  });

  test("a file there that is not the package's index.wasm: an error naming it", () => {
    const wasmPath = path.join(deployDir, 'index.wasm');
    fs.writeFileSync(wasmPath, 'not wasm');
    try {
      const { status, stderr } = run(deployDir, out);
      expect(status).not.toBe(0);
      expect(stderr).toContain(
        `native-vs-wasm: could not instantiate ${wasmPath} (is it the index.wasm of this version of native-vs-wasm?): CompileError`,
      );
    } finally {
      fs.copyFileSync(installedWasm, wasmPath);
    }
  });
});

// webpack (target: 'node', so Next.js's server bundles too) replaces import.meta.url by the build
// machine's file URL, and emits new URL('./index.wasm', import.meta.url) as an asset next to the
// bundle, with the URL rewritten to where it is at run time: deployed with its output folder (and
// the build's node_modules moved away), the app works without copying anything.
describe.each([
  { name: 'ES module output', output: { filename: 'app.mjs', module: true, chunkFormat: 'module' }, module: true },
  { name: 'CommonJS output', output: { filename: 'app.cjs' }, module: false },
])('webpack, target node, $name', ({ output, module }) => {
  test('deployed with its output folder, the app finds the index.wasm webpack emitted', async () => {
    const webpack = require('webpack');
    const dist = path.join(projectDir, `dist-webpack-${output.filename}`);
    const config = {
      mode: 'production',
      target: 'node',
      context: projectDir,
      entry: './app.mjs',
      experiments: { outputModule: module },
      output: { path: dist, ...output },
    };
    const stats = await new Promise((resolve, reject) => webpack(config, (error, result) => (error ? reject(error) : resolve(result))));
    expect(stats.toJson({ all: false, errors: true }).errors).toEqual([]);
    const deployDir = path.join(workDir, `deploy-webpack-${output.filename}`);
    fs.renameSync(dist, deployDir);
    expect(fs.readdirSync(deployDir).filter((f) => f.endsWith('.wasm'))).toHaveLength(1);
    const modules = path.join(projectDir, 'node_modules');
    fs.renameSync(modules, `${modules}.away`);
    try {
      expect(run(deployDir, output.filename)).toEqual({
        status: 0,
        stdout: `${JSON.stringify({ fib: 6765, v4: 'AU', v6: 'NL' })}\n`,
        stderr: '',
      });
    } finally {
      fs.renameSync(`${modules}.away`, modules);
    }
  }, 120_000);
});

describe('unbundled, index.wasm missing', () => {
  // A copy of the installed package, alone or placed as the pkg/ folder of a source tree.
  function packageCopy(dir) {
    fs.cpSync(path.join(projectDir, 'node_modules', 'native-vs-wasm'), dir, { recursive: true });
    fs.rmSync(path.join(dir, 'index.wasm'));
    return dir;
  }
  const requireIt = (dir) => run(workDir, path.join(dir, 'index.js'));

  test("at the build machine's path a bundle kept (Next.js's webpack build): keep the package out of the bundle", () => {
    // What such a bundle asks the package for: the folder the package had when the app was built.
    const gone = path.join(workDir, 'build-machine', 'node_modules', 'native-vs-wasm');
    const loader = path.join(projectDir, 'node_modules', 'native-vs-wasm', 'lib', 'wasm', 'node.js');
    const script = `require(${JSON.stringify(loader)}).nodeApi(${JSON.stringify(gone)}, ${JSON.stringify(path.join(gone, 'index.wasm'))});`;
    const { status, stderr } = spawnSync(process.execPath, ['-e', script], { cwd: workDir, encoding: 'utf8' });
    expect(status).not.toBe(0);
    expect(stderr).toContain(
      `native-vs-wasm: its WebAssembly module is not at ${path.join(gone, 'index.wasm')}, where the package was when this app was bundled ` +
        '(the bundler kept that path; the app runs elsewhere now). Leave the package out of the bundle, so that it loads ' +
        "from the app's node_modules (Next.js: serverExternalPackages: ['native-vs-wasm']), or ship index.wasm to that path",
    );
  });

  test('in an installed package: reinstall (no source-tree advice)', () => {
    const dir = packageCopy(path.join(workDir, 'installed', 'node_modules', 'native-vs-wasm'));
    const { status, stderr } = requireIt(dir);
    expect(status).not.toBe(0);
    expect(stderr).toContain(
      `native-vs-wasm: ${path.join(dir, 'index.wasm')} is missing from the installed package; reinstall native-vs-wasm`,
    );
    expect(stderr).not.toContain('npm run build');
  });

  test('in the source tree: `npm run build`', () => {
    const tree = path.join(workDir, 'source-tree');
    const dir = packageCopy(path.join(tree, 'pkg'));
    fs.writeFileSync(path.join(tree, 'CMakeLists.txt'), '');
    const { status, stderr } = requireIt(dir);
    expect(status).not.toBe(0);
    expect(stderr).toContain(
      `native-vs-wasm: the WebAssembly build is missing (${path.join(dir, 'index.wasm')}). In the source tree, run \`npm run build\`.`,
    );
  });
});

// Bun's single-file executables: the bundle's folder is a virtual /$bunfs nobody can copy into,
// so the error says how to embed index.wasm, and embedded as the docs say, it works. They run with
// the project's node_modules moved away, as on a machine they were copied to: a CommonJS entry (and
// any entry compiled with --bytecode) still has the folder it was compiled in as __dirname, which
// must not be where the module is looked for.
describe.each([
  { name: 'ES module entry', entry: 'app.mjs', flags: [] },
  { name: 'CommonJS entry', entry: 'app.cjs', flags: [] },
  { name: 'ES module entry, --bytecode', entry: 'app.mjs', flags: ['--bytecode'] },
])('bun build --compile, $name', ({ entry, flags }) => {
  const bun = binary('bun');
  const compile = (args, outfile) => {
    if (bun.missing) throw new Error(`bun (a pinned devDependency) is missing: ${bun.missing}`);
    execFileSync(bun.file, ['build', '--compile', ...flags, entry, ...args, `--outfile=${outfile}`], { cwd: projectDir, stdio: 'pipe' });
  };
  const runAway = (exe) => {
    const modules = path.join(projectDir, 'node_modules');
    fs.renameSync(modules, `${modules}.away`);
    try {
      return run(workDir, exe);
    } finally {
      fs.renameSync(`${modules}.away`, modules);
    }
  };
  const exe = (what) => path.join(workDir, `app-${what}-${entry.replace('.', '-')}${flags.join('')}`);

  test('without index.wasm embedded: an error that says how to embed it', () => {
    compile([], exe('bare'));
    const { status, stdout, stderr } = runAway(exe('bare'));
    expect(status).not.toBe(0);
    expect(stdout).toBe('');
    expect(stderr).toContain(
      'native-vs-wasm: its WebAssembly module is not embedded in this executable (/$bunfs/root/index.wasm). Compile with it as an ' +
        "asset: bun build --compile <your entry> node_modules/native-vs-wasm/index.wasm --asset-naming='[name].[ext]'",
    );
  });

  test('with index.wasm embedded as an asset: the executable works', () => {
    compile(['node_modules/native-vs-wasm/index.wasm', '--asset-naming=[name].[ext]'], exe('embedded'));
    expect(runAway(exe('embedded'))).toEqual({ status: 0, stdout: `${JSON.stringify({ fib: 6765, v4: 'AU', v6: 'NL' })}\n`, stderr: '' });
  });
});
