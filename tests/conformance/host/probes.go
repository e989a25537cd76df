package main

import (
	"context"
	"io"
	"time"

	"github.com/golang/protobuf/ptypes/empty"
	plugin "github.com/hashicorp/go-plugin"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	healthv1 "google.golang.org/grpc/health/grpc_health_v1"
)

// ping records go-plugin's own Ping and grpc.health.v1 Check for "plugin" and "" (-ping).
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

// probeStdio opens plugin.GRPCStdio/StreamStdio for a second (-stdio); see StdioProbe.
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
