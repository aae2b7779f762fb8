'use strict';
// The usage snippets of pkg/README.md, run as written: the CommonJS and ES-module ones in Node from
// the installed tarball, the browser one bundled by webpack (default configuration) and run in
// headless Chromium. A snippet that stops working fails here.
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');
const { root, makeProject, serve, launchChromium, CHROMIUM } = require('./browser/harness.js');

const readme = fs.readFileSync(path.join(root, 'pkg', 'README.md'), 'utf8');
const snippets = [...readme.matchAll(/```js\n([\s\S]*?)```/g)].map((m) => m[1]);
const commonJs = snippets.find((s) => s.includes("require('native-vs-wasm')"));
const esModule = snippets.find((s) => s.includes("from 'native-vs-wasm'") && !s.includes('init'));
const browser = snippets.find((s) => s.includes('await init()'));

let project;
beforeAll(() => {
  project = makeProject();
  fs.copyFileSync(path.join(project, 'static', 'ranges.csv'), path.join(project, 'ranges.csv'));
}, 120_000);
afterAll(() => {
  if (project) fs.rmSync(project, { recursive: true, force: true });
});

test('pkg/README.md has the three usage snippets', () => {
  expect([commonJs, esModule, browser].every(Boolean)).toBe(true);
});

test('the CommonJS snippet runs in Node', () => {
  fs.writeFileSync(path.join(project, 'readme-cjs.js'), commonJs);
  expect(() => execFileSync(process.execPath, ['readme-cjs.js'], { cwd: project, stdio: 'pipe' })).not.toThrow();
});

test('the ES-module snippet runs in Node', () => {
  fs.writeFileSync(
    path.join(project, 'readme-esm.mjs'),
    `${esModule}\nconsole.log([typeof fibonacci, typeof IpCountryTable, typeof CsvError].join(' '));\n`,
  );
  expect(execFileSync(process.execPath, ['readme-esm.mjs'], { cwd: project, encoding: 'utf8' }).trim()).toBe('function function function');
});

(fs.existsSync(CHROMIUM) ? test : test.skip)(
  'the browser snippet runs in Chromium, bundled by webpack',
  async () => {
    const app = path.join(project, 'readme-web');
    fs.mkdirSync(path.join(app, 'src'), { recursive: true });
    fs.writeFileSync(path.join(app, 'src', 'index.js'), `${browser}\ndocument.getElementById('result').textContent = 'done';\n`);
    execFileSync(path.join(root, 'node_modules', '.bin', 'webpack'), ['--mode=production'], { cwd: app, stdio: 'pipe' });
    const dist = path.join(app, 'dist');
    fs.writeFileSync(
      path.join(dist, 'index.html'),
      fs.readFileSync(path.join(project, 'static', 'index.html'), 'utf8').replace('BUNDLER', 'readme'),
    );
    fs.copyFileSync(path.join(project, 'ranges.csv'), path.join(dist, 'ranges.csv'));
    const server = await serve(dist);
    const browserProcess = await launchChromium();
    try {
      const page = await browserProcess.context.newPage();
      const errors = [];
      page.on('pageerror', (error) => errors.push(error.message));
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      await page.goto(server.url);
      await page.waitForFunction(() => document.getElementById('result').textContent === 'done', null, { timeout: 20_000 });
      expect(errors).toEqual([]);
    } finally {
      await browserProcess.close();
      await server.close();
    }
  },
  60_000,
);
