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
// Without -scenario it runs the fixed GreenOps Carbon contract scenario (defaultScenario below).
//
// Built in GOPATH mode (Go 1.19) from Debian's golang-* packages by scripts/build-conformance-host.sh,
// which generates the pluginv2 / plugin / grpc.health.v1 Go code from src/backend/protocol/proto
// into a temporary GOPATH under the import path greenops.local/conformance/<pkg>.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/ioutil"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/golang/protobuf/ptypes/empty"
	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthv1 "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	// Generated at build time from src/backend/protocol/proto/pluginv2.proto. The host does not import
	// the Go code generated from health.proto and plugin.proto (the build script only compiles it):
	// go-plugin already links grpc's grpc_health_v1 and its own internal "plugin" package, and
	// golang/protobuf 1.3 panics on a second registration of the same enum
	// (grpc.health.v1.HealthCheckResponse.ServingStatus). The wire format is the same.
	"greenops.local/conformance/pluginv2"
)

// ---------------------------------------------------------------------------------------------
// Scenario

// Scenario is the JSON document given with -scenario: an ordered list of calls ({"calls": [...]} or
// the bare array). Example call objects:
//
//	{"kind": "checkHealth", "name": "x", "dataSource": {"uid": "x", "jsonData": "{}", "lastUpdatedMS": 1}}
//	{"kind": "queryData", "dataSource": {...}, "queries": [{"refId": "A", "queryType": "gridIntensity",
//	  "json": "{\"refId\":\"A\"}", "from": "2024-01-01T00:00:00Z", "to": "2024-01-02T00:00:00Z",
//	  "intervalMS": 3600000, "maxDataPoints": 100}]}
//	{"kind": "callResource", "name": "regions", "path": "regions", "method": "GET", "url": "regions?provider=aws"}
//	{"kind": "collectMetrics"}
//
// The plugin is always started first and killed (client.Kill) after the last call.
type Scenario struct {
	Calls []Call `json:"calls"`
}

// DataSource is the dataSourceInstanceSettings sent in the PluginContext.
type DataSource struct {
	UID           string            `json:"uid"`
	Name          string            `json:"name"`
	ID            int64             `json:"id"`
	URL           string            `json:"url"`
	JSONData      *string           `json:"jsonData"` // raw bytes, sent as-is (may be malformed on purpose); nil → "{}"
	LastUpdatedMS int64             `json:"lastUpdatedMS"`
	Secure        map[string]string `json:"decryptedSecureJsonData"`
}

// Query is one pluginv2.DataQuery.
type Query struct {
	RefID         string `json:"refId"`
	QueryType     string `json:"queryType"`
	JSON          string `json:"json"` // raw bytes, sent as-is
	From          string `json:"from"` // RFC 3339
	To            string `json:"to"`   // RFC 3339
	IntervalMS    int64  `json:"intervalMS"`
	MaxDataPoints int64  `json:"maxDataPoints"`
}

// Call is one RPC. Kind is checkHealth, queryData, callResource or collectMetrics.
type Call struct {
	Kind       string      `json:"kind"`
	Name       string      `json:"name"` // key in results.health / results.resources (defaults: uid / path)
	DataSource *DataSource `json:"dataSource"`
	Queries    []Query     `json:"queries"`
	// callResource
	Path    string              `json:"path"`
	Method  string              `json:"method"`
	URL     string              `json:"url"`
	Headers map[string][]string `json:"headers"`
	Body    string              `json:"body"`
}

func strPtr(s string) *string { return &s }

func defaultScenario() Scenario {
	const from, to = "2024-01-01T00:00:00Z", "2024-01-02T00:00:00Z"
	ds := &DataSource{UID: "conformance", Name: "GreenOps Carbon (conformance)", ID: 1, JSONData: strPtr("{}"), LastUpdatedMS: 1}
	q := func(refID, queryType, js string) Query {
		return Query{RefID: refID, QueryType: queryType, JSON: js, From: from, To: to, IntervalMS: 3600000, MaxDataPoints: 100}
	}
	res := func(name, path, url string) Call {
		return Call{Kind: "callResource", Name: name, DataSource: ds, Path: path, Method: "GET", URL: url}
	}
	return Scenario{Calls: []Call{
		{Kind: "checkHealth", Name: "conformance", DataSource: ds},
		{Kind: "checkHealth", Name: "broken", DataSource: &DataSource{UID: "broken", Name: "broken", ID: 2, JSONData: strPtr("{not json"), LastUpdatedMS: 1}},
		{Kind: "queryData", DataSource: ds, Queries: []Query{
			q("A", "gridIntensity", `{"refId":"A","queryType":"gridIntensity","provider":"aws","regions":["eu-west-1","us-east-1"],"format":"timeseries"}`),
			q("T", "gridIntensity", `{"refId":"T","queryType":"gridIntensity","provider":"aws","regions":["eu-west-1","us-east-1"],"format":"table"}`),
			q("B", "gridIntensity", `{"refId":"B","queryType":"gridIntensity","regions":"eu-west-1"}`),
			q("C", "noSuchType", `{"refId":"C","queryType":"noSuchType"}`),
			q("D", "gridIntensity", `{"refId":`),
		}},
		res("query-types", "query-types", "query-types"),
		res("regions", "regions", "regions?provider=aws"),
		res("nope", "nope", "nope"),
	}}
}

// ---------------------------------------------------------------------------------------------
// Results

type HealthResult struct {
	Status      int32   `json:"status"`
	StatusName  string  `json:"statusName"`
	Message     string  `json:"message"`
	JSONDetails string  `json:"jsonDetails"`
	RPCError    string  `json:"rpcError,omitempty"`
	RPCCode     string  `json:"rpcCode,omitempty"`
	DurationMs  float64 `json:"durationMs"`
}

type QueryResult struct {
	Error       string   `json:"error"`
	Status      int32    `json:"status"`
	ErrorSource string   `json:"errorSource"`
	FrameCount  int      `json:"frameCount"`
	Frames      []string `json:"frames"` // paths relative to the output directory
	FrameBytes  []int    `json:"frameBytes"`
	JSONMeta    string   `json:"jsonMeta,omitempty"`
	Missing     bool     `json:"missing,omitempty"` // no response for this refId in the map
	RPCError    string   `json:"rpcError,omitempty"`
	RPCCode     string   `json:"rpcCode,omitempty"`
	DurationMs  float64  `json:"durationMs"` // of the whole QueryData RPC
}

type ResourceResult struct {
	Code       int32               `json:"code"`
	Headers    map[string][]string `json:"headers"`
	Body       string              `json:"body"`
	Messages   int                 `json:"messages"`
	RPCError   string              `json:"rpcError,omitempty"`
	RPCCode    string              `json:"rpcCode,omitempty"`
	DurationMs float64             `json:"durationMs"`
}

type MetricsResult struct {
	Prometheus string  `json:"prometheus"`
	RPCError   string  `json:"rpcError,omitempty"`
	RPCCode    string  `json:"rpcCode,omitempty"`
	DurationMs float64 `json:"durationMs"`
}

type CallLog struct {
	Kind       string  `json:"kind"`
	Name       string  `json:"name"`
	DurationMs float64 `json:"durationMs"`
	RPCError   string  `json:"rpcError,omitempty"`
}

type KillResult struct {
	Called          bool    `json:"called"`
	AliveBeforeKill bool    `json:"aliveBeforeKill"`
	KillReturnedMs  float64 `json:"killReturnedMs"` // duration of client.Kill()
	ExitObservedMs  float64 `json:"exitObservedMs"` // first time client.Exited() was true, from the start of Kill (-1: never)
	Exited          bool    `json:"exited"`         // client.Exited() after Kill returned
	ExitedWithin2s  bool    `json:"exitedWithin2s"` // exited on its own within 2 s of Kill (not force-killed)
	ForcedKill      bool    `json:"forcedKill"`     // go-plugin had to SIGKILL it after its 2 s grace period
	ExitCode        int     `json:"exitCode"`       // -1 when killed by a signal
	Signal          string  `json:"signal,omitempty"`
	GoPluginKillLog string  `json:"goPluginKill"` // what go-plugin 1.0.1's Kill does, for the reader
}

type HealthPing struct {
	GoPluginPing      string `json:"goPluginPing"`            // "ok" or the error of ClientProtocol.Ping (Health/Check "plugin")
	ServicePlugin     string `json:"servicePlugin,omitempty"` // grpc.health.v1 status for "plugin"
	ServiceEmpty      string `json:"serviceEmpty,omitempty"`  // grpc.health.v1 status for ""
	ServicePluginErr  string `json:"servicePluginError,omitempty"`
	ServiceEmptyError string `json:"serviceEmptyError,omitempty"`
}

// StdioProbe records what current go-plugin clients (>= 1.5, as in Grafana) do once at connect and
// go-plugin 1.0.1 does not: open plugin.GRPCStdio/StreamStdio. Grafana tolerates Unimplemented and
// Unavailable; the point is that the plugin survives it.
type StdioProbe struct {
	Code     string `json:"code"`
	Messages int    `json:"messages"`
	Error    string `json:"error,omitempty"`
}

type Results struct {
	Executable        string                    `json:"executable"`
	Args              []string                  `json:"args"`
	Host              string                    `json:"host"`
	Fatal             string                    `json:"fatal,omitempty"`
	NegotiatedVersion int                       `json:"negotiatedVersion"`
	Protocol          string                    `json:"protocol"`
	StartMs           float64                   `json:"startMs"` // exec → handshake line parsed → gRPC client connected
	Ping              *HealthPing               `json:"ping,omitempty"`
	Stdio             *StdioProbe               `json:"stdio,omitempty"`
	Health            map[string]HealthResult   `json:"health"`
	Queries           map[string]QueryResult    `json:"queries"`
	Resources         map[string]ResourceResult `json:"resources"`
	Metrics           map[string]MetricsResult  `json:"metrics,omitempty"`
	Calls             []CallLog                 `json:"calls"`
	Kill              KillResult                `json:"kill"`
	TotalMs           float64                   `json:"totalMs"`
}

// ---------------------------------------------------------------------------------------------
// go-plugin plugin set: the same names Grafana's SDK uses (backend/grpcplugin), each returning a
// pluginv2 stub over the shared connection, as Grafana's GRPCClient implementations do.

type grpcStub struct {
	plugin.NetRPCUnsupportedPlugin
	newClient func(*grpc.ClientConn) interface{}
}

func (p *grpcStub) GRPCServer(*plugin.GRPCBroker, *grpc.Server) error {
	return errors.New("conformance host: client only")
}

func (p *grpcStub) GRPCClient(_ context.Context, _ *plugin.GRPCBroker, c *grpc.ClientConn) (interface{}, error) {
	return p.newClient(c), nil
}

func pluginSet() plugin.PluginSet {
	return plugin.PluginSet{
		"diagnostics": &grpcStub{newClient: func(c *grpc.ClientConn) interface{} { return pluginv2.NewDiagnosticsClient(c) }},
		"resource":    &grpcStub{newClient: func(c *grpc.ClientConn) interface{} { return pluginv2.NewResourceClient(c) }},
		"data":        &grpcStub{newClient: func(c *grpc.ClientConn) interface{} { return pluginv2.NewDataClient(c) }},
	}
}

// ---------------------------------------------------------------------------------------------

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

func rpcErr(err error) (string, string) {
	if err == nil {
		return "", ""
	}
	if s, ok := status.FromError(err); ok {
		return s.Message(), s.Code().String()
	}
	return err.Error(), ""
}

func pluginContext(ds *DataSource) *pluginv2.PluginContext {
	pc := &pluginv2.PluginContext{
		OrgId:         1,
		PluginId:      "greenops-carbon-datasource",
		User:          &pluginv2.User{Login: "admin", Name: "admin", Email: "admin@localhost", Role: "Admin"},
		GrafanaConfig: map[string]string{"GF_APP_URL": "http://localhost:3000/", "GF_CONCURRENT_QUERY_COUNT": "2"},
		PluginVersion: "conformance",
		UserAgent:     "Grafana/conformance-host",
	}
	if ds != nil {
		jd := "{}"
		if ds.JSONData != nil {
			jd = *ds.JSONData
		}
		pc.DataSourceInstanceSettings = &pluginv2.DataSourceInstanceSettings{
			Id:                      ds.ID,
			Name:                    ds.Name,
			Url:                     ds.URL,
			JsonData:                []byte(jd),
			DecryptedSecureJsonData: ds.Secure,
			LastUpdatedMS:           ds.LastUpdatedMS,
			Uid:                     ds.UID,
		}
	}
	return pc
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_.-]`)

func epochMS(s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return 0, err
	}
	return t.UnixNano() / int64(time.Millisecond), nil
}

type runner struct {
	out         string
	callTimeout time.Duration
	diag        pluginv2.DiagnosticsClient
	data        pluginv2.DataClient
	resource    pluginv2.ResourceClient
	res         *Results
}

func (r *runner) ctx() (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), r.callTimeout)
}

func (r *runner) checkHealth(c Call) {
	name := c.Name
	if name == "" && c.DataSource != nil {
		name = c.DataSource.UID
	}
	ctx, cancel := r.ctx()
	defer cancel()
	t0 := time.Now()
	resp, err := r.diag.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: pluginContext(c.DataSource), Headers: map[string]string{}})
	hr := HealthResult{DurationMs: ms(time.Since(t0))}
	hr.RPCError, hr.RPCCode = rpcErr(err)
	if resp != nil {
		hr.Status = int32(resp.Status)
		hr.StatusName = resp.Status.String()
		hr.Message = resp.Message
		hr.JSONDetails = string(resp.JsonDetails)
	}
	r.res.Health[name] = hr
	r.res.Calls = append(r.res.Calls, CallLog{Kind: c.Kind, Name: name, DurationMs: hr.DurationMs, RPCError: hr.RPCError})
}

func (r *runner) collectMetrics(c Call) {
	name := c.Name
	if name == "" {
		name = "metrics"
	}
	ctx, cancel := r.ctx()
	defer cancel()
	t0 := time.Now()
	resp, err := r.diag.CollectMetrics(ctx, &pluginv2.CollectMetricsRequest{PluginContext: pluginContext(c.DataSource)})
	mr := MetricsResult{DurationMs: ms(time.Since(t0))}
	mr.RPCError, mr.RPCCode = rpcErr(err)
	if resp != nil && resp.Metrics != nil {
		mr.Prometheus = string(resp.Metrics.Prometheus)
	}
	if r.res.Metrics == nil {
		r.res.Metrics = map[string]MetricsResult{}
	}
	r.res.Metrics[name] = mr
	r.res.Calls = append(r.res.Calls, CallLog{Kind: c.Kind, Name: name, DurationMs: mr.DurationMs, RPCError: mr.RPCError})
}

func (r *runner) queryData(c Call) error {
	req := &pluginv2.QueryDataRequest{PluginContext: pluginContext(c.DataSource), Headers: map[string]string{}}
	for _, q := range c.Queries {
		from, err := epochMS(q.From)
		if err != nil {
			return fmt.Errorf("query %s: from: %v", q.RefID, err)
		}
		to, err := epochMS(q.To)
		if err != nil {
			return fmt.Errorf("query %s: to: %v", q.RefID, err)
		}
		req.Queries = append(req.Queries, &pluginv2.DataQuery{
			RefId:         q.RefID,
			QueryType:     q.QueryType,
			Json:          []byte(q.JSON),
			IntervalMS:    q.IntervalMS,
			MaxDataPoints: q.MaxDataPoints,
			TimeRange:     &pluginv2.TimeRange{FromEpochMS: from, ToEpochMS: to},
		})
	}
	ctx, cancel := r.ctx()
	defer cancel()
	t0 := time.Now()
	resp, err := r.data.QueryData(ctx, req)
	dur := ms(time.Since(t0))
	msg, code := rpcErr(err)
	r.res.Calls = append(r.res.Calls, CallLog{Kind: c.Kind, Name: c.Name, DurationMs: dur, RPCError: msg})
	for _, q := range c.Queries {
		qr := QueryResult{DurationMs: dur, RPCError: msg, RPCCode: code, Frames: []string{}, FrameBytes: []int{}}
		if err == nil {
			dr, ok := resp.Responses[q.RefID]
			if !ok || dr == nil {
				qr.Missing = true
			} else {
				qr.Error, qr.Status, qr.ErrorSource = dr.Error, dr.Status, dr.ErrorSource
				qr.JSONMeta = string(dr.JsonMeta)
				qr.FrameCount = len(dr.Frames)
				for i, f := range dr.Frames {
					rel := filepath.Join("frames", fmt.Sprintf("%s-%d.arrow", unsafeName.ReplaceAllString(q.RefID, "_"), i))
					if werr := ioutil.WriteFile(filepath.Join(r.out, rel), f, 0o644); werr != nil {
						return werr
					}
					qr.Frames = append(qr.Frames, rel)
					qr.FrameBytes = append(qr.FrameBytes, len(f))
				}
			}
		}
		r.res.Queries[q.RefID] = qr
	}
	// Responses for refIds nobody asked for are a contract violation worth seeing.
	if err == nil {
		asked := map[string]bool{}
		for _, q := range c.Queries {
			asked[q.RefID] = true
		}
		var extra []string
		for k := range resp.Responses {
			if !asked[k] {
				extra = append(extra, k)
			}
		}
		sort.Strings(extra)
		for _, k := range extra {
			dr := resp.Responses[k]
			r.res.Queries["unexpected:"+k] = QueryResult{Error: dr.Error, Status: dr.Status, ErrorSource: dr.ErrorSource, FrameCount: len(dr.Frames), Frames: []string{}, FrameBytes: []int{}}
		}
	}
	return nil
}

func (r *runner) callResource(c Call) {
	name := c.Name
	if name == "" {
		name = c.Path
	}
	headers := map[string]*pluginv2.StringList{}
	for k, v := range c.Headers {
		headers[k] = &pluginv2.StringList{Values: v}
	}
	method := c.Method
	if method == "" {
		method = "GET"
	}
	ctx, cancel := r.ctx()
	defer cancel()
	t0 := time.Now()
	rr := ResourceResult{Headers: map[string][]string{}}
	stream, err := r.resource.CallResource(ctx, &pluginv2.CallResourceRequest{
		PluginContext: pluginContext(c.DataSource), Path: c.Path, Method: method, Url: c.URL, Headers: headers, Body: []byte(c.Body),
	})
	var body []byte
	for err == nil {
		var m *pluginv2.CallResourceResponse
		m, err = stream.Recv()
		if err == io.EOF {
			err = nil
			break
		}
		if err != nil {
			break
		}
		if rr.Messages == 0 {
			rr.Code = m.Code
			for k, v := range m.Headers {
				if v != nil {
					rr.Headers[k] = v.Values
				} else {
					rr.Headers[k] = []string{}
				}
			}
		}
		rr.Messages++
		body = append(body, m.Body...)
	}
	rr.Body = string(body)
	rr.DurationMs = ms(time.Since(t0))
	rr.RPCError, rr.RPCCode = rpcErr(err)
	r.res.Resources[name] = rr
	r.res.Calls = append(r.res.Calls, CallLog{Kind: c.Kind, Name: name, DurationMs: rr.DurationMs, RPCError: rr.RPCError})
}

func (r *runner) ping(cp plugin.ClientProtocol, conn *grpc.ClientConn) {
	p := &HealthPing{GoPluginPing: "ok"}
	if err := cp.Ping(); err != nil {
		p.GoPluginPing = err.Error()
	}
	hc := healthv1.NewHealthClient(conn)
	for _, svc := range []string{"plugin", ""} {
		ctx, cancel := r.ctx()
		resp, err := hc.Check(ctx, &healthv1.HealthCheckRequest{Service: svc})
		cancel()
		st, msg := "", ""
		if err != nil {
			m, code := rpcErr(err)
			msg = code + ": " + m
		} else {
			st = resp.Status.String()
		}
		if svc == "plugin" {
			p.ServicePlugin, p.ServicePluginErr = st, msg
		} else {
			p.ServiceEmpty, p.ServiceEmptyError = st, msg
		}
	}
	r.res.Ping = p
}

func (r *runner) probeStdio(conn *grpc.ClientConn) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	p := &StdioProbe{}
	stream, err := conn.NewStream(ctx, &grpc.StreamDesc{ServerStreams: true}, "/plugin.GRPCStdio/StreamStdio")
	if err == nil {
		err = stream.SendMsg(&empty.Empty{})
	}
	if err == nil {
		err = stream.CloseSend()
	}
	for err == nil {
		// StdioData{channel, data} decodes into Empty with its fields skipped: only the count matters.
		if err = stream.RecvMsg(&empty.Empty{}); err == nil {
			p.Messages++
		}
	}
	if err == io.EOF {
		p.Code = codes.OK.String()
	} else {
		p.Error, p.Code = rpcErr(err)
		if p.Code == codes.DeadlineExceeded.String() {
			p.Error = "" // a live stdio stream: fine
		}
	}
	r.res.Stdio = p
}

func writeResults(out string, res *Results) {
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance-host: marshal results:", err)
		os.Exit(2)
	}
	if err := ioutil.WriteFile(filepath.Join(out, "results.json"), append(b, '\n'), 0o644); err != nil {
		fmt.Fprintln(os.Stderr, "conformance-host: write results:", err)
		os.Exit(2)
	}
}

const goPluginKillNote = "go-plugin 1.0.1 Client.Kill: GRPCClient.Close() = broker.Close(); GRPCController/Shutdown(Empty) " +
	"(error ignored, no deadline other than process exit); conn.Close(); if that succeeded, wait up to 2 s for the " +
	"process to exit, else process.Kill() (SIGKILL); then wait for the client goroutines. Same flow as current go-plugin."

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
		fmt.Fprintln(os.Stderr, "conformance-host:", err)
		os.Exit(2)
	}

	scenario := defaultScenario()
	if *scenarioPath != "" {
		b, err := ioutil.ReadFile(*scenarioPath)
		if err == nil {
			// Either {"calls": [...]} or the bare list of calls.
			scenario = Scenario{}
			if trimmed := strings.TrimSpace(string(b)); strings.HasPrefix(trimmed, "[") {
				err = json.Unmarshal(b, &scenario.Calls)
			} else {
				err = json.Unmarshal(b, &scenario)
			}
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "conformance-host: scenario:", err)
			os.Exit(2)
		}
	}

	if err := os.MkdirAll(filepath.Join(*out, "frames"), 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "conformance-host:", err)
		os.Exit(2)
	}
	logFile, err := os.Create(filepath.Join(*out, "host.log"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance-host:", err)
		os.Exit(2)
	}
	defer logFile.Close()
	stderrFile, err := os.Create(filepath.Join(*out, "plugin-stderr.log"))
	if err != nil {
		fmt.Fprintln(os.Stderr, "conformance-host:", err)
		os.Exit(2)
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

	// Exactly Grafana's client configuration (grafana pkg/plugins/backendplugin/grpcplugin/client.go
	// newClientConfig + SDK backend/grpcplugin/handshake.go): no AutoMTLS, no StartTimeout (go-plugin's
	// default of 1 minute), only protocol version 2, gRPC only. Stderr is teed to a file for diagnosis
	// only; it does not change what the plugin sees.
	cmd := exec.Command(exe, flag.Args()[1:]...)
	client := plugin.NewClient(&plugin.ClientConfig{
		HandshakeConfig: plugin.HandshakeConfig{
			ProtocolVersion:  2,
			MagicCookieKey:   "grafana_plugin_type",
			MagicCookieValue: "datasource",
		},
		VersionedPlugins: map[int]plugin.PluginSet{2: pluginSet()},
		AllowedProtocols: []plugin.Protocol{plugin.ProtocolGRPC},
		Cmd:              cmd,
		Logger:           logger,
		Stderr:           stderrFile,
	})

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
	for name, dst := range map[string]interface{}{"diagnostics": &r.diag, "resource": &r.resource, "data": &r.data} {
		raw, err := rpcClient.Dispense(name)
		if err != nil {
			fatal("dispense %s: %v", name, err)
		}
		switch d := dst.(type) {
		case *pluginv2.DiagnosticsClient:
			*d = raw.(pluginv2.DiagnosticsClient)
		case *pluginv2.ResourceClient:
			*d = raw.(pluginv2.ResourceClient)
		case *pluginv2.DataClient:
			*d = raw.(pluginv2.DataClient)
		}
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

// kill does what Grafana does when it stops a plugin (client.Kill) and measures how the process ended.
func kill(client *plugin.Client, cmd *exec.Cmd, res *Results) {
	if res.Kill.Called || cmd.Process == nil {
		return
	}
	res.Kill.Called = true
	res.Kill.AliveBeforeKill = !client.Exited()

	t0 := time.Now()
	stop := make(chan struct{})
	observed := make(chan time.Duration, 1)
	go func() {
		tick := time.NewTicker(time.Millisecond)
		defer tick.Stop()
		for {
			if client.Exited() {
				observed <- time.Since(t0)
				return
			}
			select {
			case <-stop:
				return
			case <-tick.C:
			}
		}
	}()
	client.Kill()
	res.Kill.KillReturnedMs = ms(time.Since(t0))
	// Kill waits for go-plugin's goroutines, including the one that calls cmd.Wait and sets Exited.
	select {
	case d := <-observed:
		res.Kill.ExitObservedMs = ms(d)
	case <-time.After(100 * time.Millisecond):
	}
	close(stop)
	res.Kill.Exited = client.Exited()

	if ps := cmd.ProcessState; ps != nil {
		res.Kill.ExitCode = ps.ExitCode()
		if ws, ok := ps.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			res.Kill.Signal = ws.Signal().String()
			res.Kill.ForcedKill = ws.Signal() == syscall.SIGKILL
		}
	}
	res.Kill.ExitedWithin2s = res.Kill.Exited && !res.Kill.ForcedKill &&
		res.Kill.ExitObservedMs >= 0 && res.Kill.ExitObservedMs <= 2000
}
