// Import maps apply to documents, not to workers (a module worker resolves no bare specifier), so
// the worker imports the installed package's web.mjs by its path.
import * as nvw from '../node_modules/native-vs-wasm/web.mjs';
import { answer } from '../shared/answer.js';

answer(nvw);
