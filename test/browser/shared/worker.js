// Builds the table inside a Web Worker and answers with a few lookups.
import init, { fibonacci, IpCountryTable } from 'native-vs-wasm';

self.onmessage = async ({ data }) => {
  try {
    await init(data.wasmUrl);
    const table = await IpCountryTable.fromStream((await fetch(data.csvUrl)).body);
    self.postMessage({ fib20: fibonacci(20), lookups: [table.lookup('1.0.0.1'), table.lookup('2001:db8::1')], size: table.size });
    table.free();
  } catch (error) {
    self.postMessage({ error: String(error && error.stack || error) });
  }
};
