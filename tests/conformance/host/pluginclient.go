package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os/exec"

	hclog "github.com/hashicorp/go-hclog"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"

	// Generated at build time from src/backend/protocol/proto/pluginv2.proto. The host does not import
	// the Go code generated from health.proto and plugin.proto (the build script only compiles it):
	// go-plugin already links grpc's grpc_health_v1 and its own internal "plugin" package, and
	// golang/protobuf 1.3 panics on a second registration of the same enum
	// (grpc.health.v1.HealthCheckResponse.ServingStatus). The wire format is the same.
	"greenops.local/conformance/pluginv2"
)

// newClient configures the go-plugin client that starts exe (not started yet: client.Client() does).
//
// Exactly Grafana's client configuration (grafana pkg/plugins/backendplugin/grpcplugin/client.go
// newClientConfig + SDK backend/grpcplugin/handshake.go): no AutoMTLS, no StartTimeout (go-plugin's
// default of 1 minute), only protocol version 2, gRPC only. Stderr is teed to a file for diagnosis
// only; it does not change what the plugin sees.
func newClient(exe string, args []string, logger hclog.Logger, stderr io.Writer) (*plugin.Client, *exec.Cmd) {
	cmd := exec.Command(exe, args...)
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
		Stderr:           stderr,
	})
	return client, cmd
}

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

// dispense fills the runner's pluginv2 clients from the plugin set.
func dispense(rpcClient plugin.ClientProtocol, r *runner) error {
	for name, dst := range map[string]interface{}{"diagnostics": &r.diag, "resource": &r.resource, "data": &r.data} {
		raw, err := rpcClient.Dispense(name)
		if err != nil {
			return fmt.Errorf("dispense %s: %v", name, err)
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
	return nil
}
