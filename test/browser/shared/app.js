// The fixture app every bundler builds: fib(20), a table streamed from the page's server, IPv4 and
// IPv6 lookups, and the same table built inside a Web Worker. Results go into <pre id="result">.
import init, { fibonacci, IpCountryTable } from 'native-vs-wasm';

export async function main(wasmUrl, startWorker) {
  const out = { bundler: document.title };
  try {
    await init(wasmUrl);
    out.fib20 = fibonacci(20);
    const csvUrl = new URL('ranges.csv', location.href).href;
    const table = await IpCountryTable.fromStream((await fetch(`${csvUrl}?stream`)).body);
    out.lookups = ['1.0.0.1', '8.8.8.8', '2001:db8::1', '::ffff:1.0.0.2', '9.9.9.9'].map((ip) => table.lookup(ip));
    out.size = table.size;
    table.free();
    const bytes = new Uint8Array(await (await fetch(`${csvUrl}?bytes`)).arrayBuffer());
    out.fromCsvSize = IpCountryTable.fromCsv(bytes).size;
    try {
      IpCountryTable.fromFile('ranges.csv');
    } catch (error) {
      out.fromFile = error.message;
    }
    out.worker = await new Promise((resolve, reject) => {
      const worker = startWorker();
      worker.onmessage = ({ data }) => resolve(data);
      worker.onerror = (event) => reject(new Error(`worker: ${event.message}`));
      worker.postMessage({ wasmUrl: wasmUrl && new URL(wasmUrl, location.href).href, csvUrl: `${csvUrl}?worker` });
    });
  } catch (error) {
    out.error = String((error && error.stack) || error);
    console.error(error);
  }
  document.getElementById('result').textContent = JSON.stringify(out);
}
