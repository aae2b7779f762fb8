// Types of `import wasmUrl from 'native-vs-wasm/index.wasm'`, as bundlers that emit the file give
// it (esbuild's file loader, Parcel, Rollup's url plugin): its URL, for `init(wasmUrl)`.
declare const wasmUrl: string;
export default wasmUrl;
