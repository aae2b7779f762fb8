'use strict';
// The error messages of the CSV reader, the table builder and the snapshot reader: wording in
// api/messages.json, one template per code, shared with the C++ kernels (src/messages.cmake).
const TEMPLATES = require('./messages.json');

/**
 * The message `code` with its {fields} filled in.
 * @param {string} code a key of messages.json
 * @param {Record<string, string | number>} [fields]
 */
function message(code, fields = {}) {
  const template = TEMPLATES[code];
  if (typeof template !== 'string' || code === '//') throw new Error(`no message ${code}`);
  return template.replace(/\{(\w+)\}/g, (_, name) => {
    if (!(name in fields)) throw new Error(`message ${code}: no field ${name}`);
    return String(fields[name]);
  });
}

module.exports = { message };
