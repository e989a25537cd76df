package main

import (
	"context"
	"fmt"
	"io"
	"sort"
	"time"

	"greenops.local/conformance/pluginv2" // see the import in pluginclient.go
)

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

// timed runs one RPC (including reading its stream, if any) under the per-call deadline and returns
// how long it took in milliseconds.
func (r *runner) timed(rpc func(ctx context.Context) error) (float64, error) {
	ctx, cancel := r.ctx()
	defer cancel()
	t0 := time.Now()
	err := rpc(ctx)
	return ms(time.Since(t0)), err
}

// logCall appends the call to results.calls, in scenario order.
func (r *runner) logCall(c Call, name string, durationMs float64, rpcError string) {
	r.res.Calls = append(r.res.Calls, CallLog{Kind: c.Kind, Name: name, DurationMs: durationMs, RPCError: rpcError})
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

func (r *runner) checkHealth(c Call) {
	name := c.resultName()
	var resp *pluginv2.CheckHealthResponse
	dur, err := r.timed(func(ctx context.Context) (err error) {
		resp, err = r.diag.CheckHealth(ctx, &pluginv2.CheckHealthRequest{PluginContext: pluginContext(c.DataSource), Headers: map[string]string{}})
		return err
	})
	hr := HealthResult{DurationMs: dur}
	hr.RPCError, hr.RPCCode = rpcErr(err)
	if resp != nil {
		hr.Status = int32(resp.Status)
		hr.StatusName = resp.Status.String()
		hr.Message = resp.Message
		hr.JSONDetails = string(resp.JsonDetails)
	}
	r.res.Health[name] = hr
	r.logCall(c, name, hr.DurationMs, hr.RPCError)
}

func (r *runner) collectMetrics(c Call) {
	name := c.resultName()
	var resp *pluginv2.CollectMetricsResponse
	dur, err := r.timed(func(ctx context.Context) (err error) {
		resp, err = r.diag.CollectMetrics(ctx, &pluginv2.CollectMetricsRequest{PluginContext: pluginContext(c.DataSource)})
		return err
	})
	mr := MetricsResult{DurationMs: dur}
	mr.RPCError, mr.RPCCode = rpcErr(err)
	if resp != nil && resp.Metrics != nil {
		mr.Prometheus = string(resp.Metrics.Prometheus)
	}
	if r.res.Metrics == nil {
		r.res.Metrics = map[string]MetricsResult{}
	}
	r.res.Metrics[name] = mr
	r.logCall(c, name, mr.DurationMs, mr.RPCError)
}

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

func queryDataRequest(c Call) (*pluginv2.QueryDataRequest, error) {
	req := &pluginv2.QueryDataRequest{PluginContext: pluginContext(c.DataSource), Headers: map[string]string{}}
	for _, q := range c.Queries {
		from, err := epochMS(q.From)
		if err != nil {
			return nil, fmt.Errorf("query %s: from: %v", q.RefID, err)
		}
		to, err := epochMS(q.To)
		if err != nil {
			return nil, fmt.Errorf("query %s: to: %v", q.RefID, err)
		}
		if q.FromMS != nil {
			from = *q.FromMS
		}
		if q.ToMS != nil {
			to = *q.ToMS
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
	return req, nil
}

// queryData records one QueryResult per refId asked for (frames written to files); the error is for
// what the host itself could not do (a bad time range in the scenario, a frame file not written).
func (r *runner) queryData(c Call) error {
	req, err := queryDataRequest(c)
	if err != nil {
		return err
	}
	var resp *pluginv2.QueryDataResponse
	dur, err := r.timed(func(ctx context.Context) (err error) {
		resp, err = r.data.QueryData(ctx, req)
		return err
	})
	msg, code := rpcErr(err)
	r.logCall(c, c.resultName(), dur, msg)
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
					rel, werr := writeFrame(r.out, q.RefID, i, f)
					if werr != nil {
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
	name := c.resultName()
	headers := map[string]*pluginv2.StringList{}
	for k, v := range c.Headers {
		headers[k] = &pluginv2.StringList{Values: v}
	}
	method := c.Method
	if method == "" {
		method = "GET"
	}
	rr := ResourceResult{Headers: map[string][]string{}}
	var body []byte
	dur, err := r.timed(func(ctx context.Context) error {
		stream, err := r.resource.CallResource(ctx, &pluginv2.CallResourceRequest{
			PluginContext: pluginContext(c.DataSource), Path: c.Path, Method: method, Url: c.URL, Headers: headers, Body: []byte(c.Body),
		})
		for err == nil {
			var m *pluginv2.CallResourceResponse
			m, err = stream.Recv()
			if err == io.EOF {
				return nil
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
		return err
	})
	rr.Body = string(body)
	rr.DurationMs = dur
	rr.RPCError, rr.RPCCode = rpcErr(err)
	r.res.Resources[name] = rr
	r.logCall(c, name, rr.DurationMs, rr.RPCError)
}
