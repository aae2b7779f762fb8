// The Web Worker's side of the fixture app: builds the table inside the worker and answers with a
// few lookups. Takes the package's exports, which the worker imports as its bundler or page needs.
export function answer({ default: init, fibonacci, IpCountryTable }) {
  self.onmessage = async ({ data }) => {
    try {
      await init(data.wasmUrl);
      const table = await IpCountryTable.fromStream((await fetch(data.csvUrl)).body);
      self.postMessage({ fib20: fibonacci(20), lookups: [table.lookup('1.0.0.1'), table.lookup('2001:db8::1')], size: table.size });
      table.free();
    } catch (error) {
      self.postMessage({ error: String((error && error.stack) || error) });
    }
  };
}
