'use strict';
// The wording of the CSV and snapshot errors lives in api/messages.json alone: the JS twin formats it
// (api/messages.js), the C++ kernels have it compiled in (src/messages.cmake). Checked here: every
// message is used by both sides (the WebAssembly-only ones by the binding), and no source file
// spells a message's text itself.
const fs = require('fs');
const path = require('path');
const { message } = require('../api/messages.js');

const root = path.join(__dirname, '..');
const TEMPLATES = Object.entries(require('../api/messages.json')).filter(([code]) => code !== '//');
const read = (dir, ext) =>
  fs
    .readdirSync(path.join(root, dir))
    .filter((f) => f.endsWith(ext))
    .map((f) => ({ file: `${dir}/${f}`, text: fs.readFileSync(path.join(root, dir, f), 'utf8') }));
const cpp = [...read('src', '.cpp'), ...read('src', '.h')];
const js = read('js', '.js');
const binding = read('wasm', '.cpp');
const cppName = (code) => `messages::k${code[0].toUpperCase()}${code.slice(1)}`;
const WASM_ONLY = new Set(['wasmBuildExhausted', 'wasmExhausted']);

test.each(TEMPLATES)('%s is used by the C++ and by the JavaScript', (code) => {
  const cppFiles = (WASM_ONLY.has(code) ? binding : cpp).filter((f) => f.text.includes(cppName(code)));
  expect(cppFiles.map((f) => f.file)).not.toEqual([]);
  if (!WASM_ONLY.has(code)) expect(js.filter((f) => f.text.includes(`'${code}'`)).map((f) => f.file)).not.toEqual([]);
});

test.each(TEMPLATES)('no source file spells the text of %s', (code, template) => {
  // The template's longest piece of fixed text.
  const piece = template.split(/\{\w+\}/).reduce((a, b) => (b.length > a.length ? b : a));
  const spelled = [...cpp, ...js, ...binding].filter((f) => f.text.includes(piece.trim()));
  expect(spelled.map((f) => f.file)).toEqual([]);
});

test('message() fills every field and refuses a missing one', () => {
  expect(message('rowTooFewFields', { count: 2 })).toBe('expected at least 3 fields (start,end,country), got 2');
  expect(() => message('rowTooFewFields')).toThrow('message rowTooFewFields: no field count');
  expect(() => message('nope')).toThrow('no message nope');
});
