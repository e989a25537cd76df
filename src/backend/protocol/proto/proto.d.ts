// .proto files are bundled as text (esbuild `text` loader; jest/text-transform.js in tests), so the
// packaged executable reads nothing from disk at run time.
declare module '*.proto' {
  const source: string;
  export default source;
}
