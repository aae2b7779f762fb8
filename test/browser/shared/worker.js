// The fixture app's Web Worker, as bundlers build it.
import * as nvw from 'native-vs-wasm';
import { answer } from './answer.js';

answer(nvw);
