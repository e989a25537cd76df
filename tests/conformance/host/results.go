package main

import (
	"encoding/json"
	"fmt"
	"io/ioutil"
	"path/filepath"
	"regexp"
	"time"

	"google.golang.org/grpc/status"
)

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

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// rpcErr splits an RPC error into the rpcError / rpcCode fields of a result.
func rpcErr(err error) (string, string) {
	if err == nil {
		return "", ""
	}
	if s, ok := status.FromError(err); ok {
		return s.Message(), s.Code().String()
	}
	return err.Error(), ""
}

var unsafeName = regexp.MustCompile(`[^A-Za-z0-9_.-]`)

// writeFrame writes frame n of refID's DataResponse to <out>/frames/<refId>-<n>.arrow and returns
// its path relative to out.
func writeFrame(out, refID string, n int, frame []byte) (string, error) {
	rel := filepath.Join("frames", fmt.Sprintf("%s-%d.arrow", unsafeName.ReplaceAllString(refID, "_"), n))
	return rel, ioutil.WriteFile(filepath.Join(out, rel), frame, 0o644)
}

func writeResults(out string, res *Results) {
	b, err := json.MarshalIndent(res, "", "  ")
	if err != nil {
		die("marshal results:", err)
	}
	if err := ioutil.WriteFile(filepath.Join(out, "results.json"), append(b, '\n'), 0o644); err != nil {
		die("write results:", err)
	}
}
