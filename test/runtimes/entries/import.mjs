// ES module: import('native-vs-wasm') as installed from the packed tarball, then init() as the docs say.
import { main } from './host.mjs';

await main(async () => {
  const api = await import('native-vs-wasm');
  await api.default();
  return api;
});
