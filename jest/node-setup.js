// The backend and integration tests talk to real peers (Prometheus, the packaged executable, local AWS
// replay servers) on a 2-core machine that runs two jest workers and those peers at once. A test that
// takes 1 s on an idle machine took over jest's default 5 s under that load and failed, so a test only
// passed on an idle machine. Hangs are still caught: every client in these tests has its own timeout,
// and this limit stops the rest. (testTimeout is global in Jest 29, so each project sets it here.)
jest.setTimeout(30_000);

// FOCUS paths are read only inside the folders the Grafana administrator allows
// (src/backend/sources/focus/focusAllowList.ts). The tests' exports live in the system's temporary
// folder and in this repository (demo/focus, .tmp/); packaged backends started by the tests
// inherit this too. Tests of the allow-list itself set their own.
process.env.GF_PLUGIN_FOCUS_ALLOWED_PATHS ??= [require('os').tmpdir(), require('path').resolve(__dirname, '..')].join(',');
