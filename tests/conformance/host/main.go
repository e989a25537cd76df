// Command conformance-host launches a Grafana backend plugin executable the way Grafana does
// (HashiCorp go-plugin client, handshake "grafana_plugin_type=datasource", protocol version 2,
// gRPC only, no AutoMTLS, default start timeout), runs a scenario of pluginv2 calls against it,
// kills it like Grafana does on shutdown, and writes what it saw to an output directory:
//
//	<out>/results.json            health, per-refId query results, resource responses, timings, kill
//	<out>/frames/<refId>-<n>.arrow every raw frame of every DataResponse
//	<out>/host.log                the go-plugin client log (hclog), plugin stderr included
//	<out>/plugin-stderr.log       the plugin's raw stderr
//
// Usage:
//
//	conformance-host [-scenario scenario.json] [-out dir] [-call-timeout 30s] <executable> [args...]
//
// Without -scenario it runs the fixed GreenOps Carbon contract scenario (defaultScenario in scenario.go).
//
// Built in GOPATH mode (Go 1.19) from Debian's golang-* packages by scripts/build-conformance-host.sh,
// which generates the pluginv2 / plugin / grpc.health.v1 Go code from src/backend/protocol/proto
// into a temporary GOPATH under the import path greenops.local/conformance/<pkg>.
//
// Files: main.go (flags, orchestration), pluginclient.go (go-plugin client configuration and plugin
// set), scenario.go (scenario types, the fixed contract scenario, loading -scenario), calls.go
// (running each call kind), probes.go (grpc.health.v1 and GRPCStdio probes at connect), kill.go
// (stopping the plugin as Grafana does), results.go (result types, results.json and frame files).
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sync"
	"time"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
)

func main() {
	scenarioPath := flag.String("scenario", "", "scenario JSON file ({\"calls\":[...]}); default: the fixed GreenOps Carbon contract scenario")
	out := flag.String("out", "conformance-out", "output directory (results.json, frames/, host.log)")
	callTimeout := flag.Duration("call-timeout", 30*time.Second, "deadline of each RPC")
	doPing := flag.Bool("ping", true, "also record grpc.health.v1 Check for \"plugin\" and \"\" (Grafana itself never calls it)")
	doStdio := flag.Bool("stdio", true, "open plugin.GRPCStdio/StreamStdio once, as go-plugin >= 1.5 (Grafana) does at connect")
	flag.Usage = func() {
		fmt.Fprintf(os.Stderr, "usage: %s [flags] <plugin executable> [args...]\n", os.Args[0])
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() < 1 {
		flag.Usage()
		os.Exit(2)
	}
	exe, err := filepath.Abs(flag.Arg(0))
	if err != nil {
		die(err)
	}

	scenario, err := loadScenario(*scenarioPath)
	if err != nil {
		die("scenario:", err)
	}

	if err := os.MkdirAll(filepath.Join(*out, "frames"), 0o755); err != nil {
		die(err)
	}
	logFile, err := os.Create(filepath.Join(*out, "host.log"))
	if err != nil {
		die(err)
	}
	defer logFile.Close()
	stderrFile, err := os.Create(filepath.Join(*out, "plugin-stderr.log"))
	if err != nil {
		die(err)
	}
	defer stderrFile.Close()

	logger := hclog.New(&hclog.LoggerOptions{
		Name:   "conformance-host",
		Level:  hclog.Debug,
		Output: io.MultiWriter(os.Stderr, logFile),
		Mutex:  &sync.Mutex{},
	})

	res := &Results{
		Executable: exe,
		Args:       flag.Args()[1:],
		Host:       "hashicorp/go-plugin 1.0.1 (Debian golang-github-hashicorp-go-plugin-dev), " + runtime.Version(),
		Health:     map[string]HealthResult{},
		Queries:    map[string]QueryResult{},
		Resources:  map[string]ResourceResult{},
		Calls:      []CallLog{},
		Kill:       KillResult{ExitObservedMs: -1, ExitCode: -1, GoPluginKillLog: goPluginKillNote},
	}
	tStart := time.Now()
	defer func() { res.TotalMs = ms(time.Since(tStart)) }()

	client, cmd := newClient(exe, flag.Args()[1:], logger, stderrFile)

	fatal := func(format string, args ...interface{}) {
		res.Fatal = fmt.Sprintf(format, args...)
		logger.Error("fatal", "error", res.Fatal)
		kill(client, cmd, res)
		res.TotalMs = ms(time.Since(tStart))
		writeResults(*out, res)
		os.Exit(1)
	}

	rpcClient, err := client.Client()
	if err != nil {
		fatal("start plugin: %v", err)
	}
	res.StartMs = ms(time.Since(tStart))
	res.NegotiatedVersion = client.NegotiatedVersion()
	res.Protocol = string(client.Protocol())
	// Grafana (grpc_plugin.go Start) refuses anything below version 2.
	if res.NegotiatedVersion < 2 {
		fatal("plugin protocol version %d < 2", res.NegotiatedVersion)
	}

	r := &runner{out: *out, callTimeout: *callTimeout, res: res}
	if err := dispense(rpcClient, r); err != nil {
		fatal("%v", err)
	}
	if gc, ok := rpcClient.(*plugin.GRPCClient); ok {
		if *doPing {
			r.ping(rpcClient, gc.Conn)
		}
		if *doStdio {
			r.probeStdio(gc.Conn)
		}
	}

	for i, c := range scenario.Calls {
		switch c.Kind {
		case "checkHealth":
			r.checkHealth(c)
		case "queryData":
			if err := r.queryData(c); err != nil {
				fatal("call %d (queryData): %v", i, err)
			}
		case "callResource":
			r.callResource(c)
		case "collectMetrics":
			r.collectMetrics(c)
		default:
			fatal("call %d: unknown kind %q", i, c.Kind)
		}
	}

	kill(client, cmd, res)
	res.TotalMs = ms(time.Since(tStart))
	writeResults(*out, res)
	logger.Info("done", "results", filepath.Join(*out, "results.json"))
}

// die reports a problem found before the plugin runs (or while writing results.json) and exits 2.
func die(args ...interface{}) {
	fmt.Fprintln(os.Stderr, append([]interface{}{"conformance-host:"}, args...)...)
	os.Exit(2)
}
