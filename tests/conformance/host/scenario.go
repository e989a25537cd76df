package main

import (
	"encoding/json"
	"io/ioutil"
	"strings"
)

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
	RefID     string `json:"refId"`
	QueryType string `json:"queryType"`
	JSON      string `json:"json"` // raw bytes, sent as-is
	From      string `json:"from"` // RFC 3339
	To        string `json:"to"`   // RFC 3339
	// Raw epoch milliseconds, sent as-is when set (times RFC 3339 cannot write, e.g. int64's maximum).
	FromMS        *int64 `json:"fromMS"`
	ToMS          *int64 `json:"toMS"`
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

// resultName is the key of the call's result and its name in results.calls: Name, else the data
// source uid (checkHealth), the path (callResource) or "metrics" (collectMetrics). queryData results
// are keyed by refId, so its name stays as given.
func (c Call) resultName() string {
	if c.Name != "" {
		return c.Name
	}
	switch c.Kind {
	case "checkHealth":
		if c.DataSource != nil {
			return c.DataSource.UID
		}
	case "callResource":
		return c.Path
	case "collectMetrics":
		return "metrics"
	}
	return ""
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

// loadScenario reads the -scenario file; without one it is the fixed contract scenario.
func loadScenario(path string) (Scenario, error) {
	if path == "" {
		return defaultScenario(), nil
	}
	b, err := ioutil.ReadFile(path)
	if err != nil {
		return Scenario{}, err
	}
	// Either {"calls": [...]} or the bare list of calls.
	var scenario Scenario
	if trimmed := strings.TrimSpace(string(b)); strings.HasPrefix(trimmed, "[") {
		err = json.Unmarshal(b, &scenario.Calls)
	} else {
		err = json.Unmarshal(b, &scenario)
	}
	return scenario, err
}
