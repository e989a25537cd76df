// The backend and integration tests talk to real peers (Prometheus, the packaged executable, local AWS
// replay servers) on a 2-core machine that runs two jest workers and those peers at once. A test that
// takes 1 s on an idle machine took over jest's default 5 s under that load and failed, so a test only
// passed on an idle machine. Hangs are still caught: every client in these tests has its own timeout,
// and this limit stops the rest. (testTimeout is global in Jest 29, so each project sets it here.)
jest.setTimeout(30_000);
