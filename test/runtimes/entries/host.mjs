// The Node-API hosts' part (Node, Bun, Deno): run the cases, fromFile on the fixture files copied
// next to this file, and print one line the harness reads: NVW-RESULT {json}.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCases, engine } from './cases.mjs';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

export async function main(load) {
  const result = await runCases(load, { fixturePath: (file) => path.join(fixtures, file) });
  console.log(`NVW-RESULT ${JSON.stringify({ ...result, engine: engine() })}`);
}
