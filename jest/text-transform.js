// Loads non-JS assets (the embedded .proto definitions) as strings, the way esbuild's `text`
// loader does in the packaged backend, so tests exercise the same code path.
module.exports = {
  process(source) {
    return { code: `module.exports = ${JSON.stringify(source)};` };
  },
};
