package runtime

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"time"
)

// payload is a realistic response body: a value of generated-like types
// that keep unknown members, and the same types without the maps.
type payload struct {
	name  string
	keep  func() any // a new pointer to the keeping type
	plain func() any // a new pointer to the plain type
	value func() any // a pointer to a filled value of the keeping type
}

var payloads = []payload{
	{"github-repos", func() any { return new([]benchRepo) }, func() any { return new([]benchRepoPlain) }, githubPage},
	{"stripe-charges", func() any { return new(stripeList) }, func() any { return new(stripeListPlain) }, stripeCharges},
	{"openai-completion", func() any { return new(oaiCompletion) }, func() any { return new(oaiCompletionPlain) }, openaiCompletion},
	{"openai-chunk", func() any { return new(oaiChunk) }, func() any { return new(oaiChunkPlain) }, openaiChunk},
	{"k8s-pods", func() any { return new(k8sPodList) }, func() any { return new(k8sPodListPlain) }, k8sPods},
}

// input returns p's JSON: only declared members, or with two members
// unknown to the client in every object of a schema (extra).
func (p payload) input(t testing.TB, extra bool) []byte {
	v := p.value()
	if extra {
		addUnknown(reflect.ValueOf(v))
	}
	b, err := Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// addUnknown adds two members to the unknown-member map of every struct
// reachable from v.
func addUnknown(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			addUnknown(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			addUnknown(v.Index(i))
		}
	case reflect.Struct:
		c := codecOf(v.Type())
		if c.kind == kOpt || c.kind == kNullable {
			if !isZero(v, c) {
				addUnknown(optValue(v, c))
			}
			return
		}
		for i := range v.NumField() {
			if v.Type().Field(i).IsExported() {
				addUnknown(v.Field(i))
			}
		}
		if c.kind == kStruct && c.unknown {
			u := v.Field(c.extra).Addr().Interface().(*Unknown)
			*u = Unknown{}
			if u.Set("x_new_obj", json.RawMessage(`{"a":[1,2,3],"b":"c","d":null}`)) != nil ||
				u.Set("x_new_flag", json.RawMessage(`true`)) != nil {
				panic("Unknown.Set")
			}
		}
	}
}

// TestPayloads: every payload decodes the same into both types, with and
// without unknown members, and re-encodes as its input.
func TestPayloads(t *testing.T) {
	for _, p := range payloads {
		for _, extra := range []bool{false, true} {
			in := p.input(t, extra)
			keep, plain := p.keep(), p.plain()
			if err := Unmarshal(in, keep); err != nil {
				t.Fatalf("%s: %v", p.name, err)
			}
			if err := json.Unmarshal(in, plain); err != nil {
				t.Fatalf("%s: %v", p.name, err)
			}
			out, err := Marshal(keep)
			if err != nil || string(out) != string(in) {
				t.Errorf("%s extra=%v: re-encoded differently (%v):\n%s\n%s", p.name, extra, err, in, out)
			}
			if !extra {
				std, err := json.Marshal(plain)
				if err != nil || string(std) != string(in) {
					t.Errorf("%s: encoding/json encodes the plain value differently (%v):\n%s\n%s", p.name, err, in, std)
				}
			} else if n := strings.Count(string(in), `"x_new_flag"`); n < 3 {
				t.Errorf("%s: only %d objects with unknown members", p.name, n)
			}
		}
	}
}

// BenchmarkPayloadDecode compares encoding/json decoding into types
// without unknown-member maps (codec=encoding-json) with the runtime
// decoding into the types a client is generated with (codec=runtime), on
// responses with only declared members and with unknown ones in every
// object (members=unknown).
//
//	go test -run x -bench Payload -benchmem ./runtime | benchstat -col /codec -
func BenchmarkPayloadDecode(b *testing.B) {
	for _, p := range payloads {
		for _, extra := range []bool{false, true} {
			in := p.input(b, extra)
			members := map[bool]string{false: "declared", true: "unknown"}[extra]
			for _, codec := range []string{"encoding-json", "runtime"} {
				b.Run(fmt.Sprintf("payload=%s/members=%s/codec=%s", p.name, members, codec), func(b *testing.B) {
					b.SetBytes(int64(len(in)))
					b.ReportAllocs()
					for b.Loop() {
						var err error
						if codec == "runtime" {
							err = Unmarshal(in, p.keep())
						} else {
							err = json.Unmarshal(in, p.plain())
						}
						if err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

// BenchmarkPayloadEncode is BenchmarkPayloadDecode the other way: the
// decoded value encoded again.
func BenchmarkPayloadEncode(b *testing.B) {
	for _, p := range payloads {
		for _, extra := range []bool{false, true} {
			in := p.input(b, extra)
			keep, plain := p.keep(), p.plain()
			if err := Unmarshal(in, keep); err != nil {
				b.Fatal(err)
			}
			if err := json.Unmarshal(in, plain); err != nil {
				b.Fatal(err)
			}
			members := map[bool]string{false: "declared", true: "unknown"}[extra]
			for _, codec := range []string{"encoding-json", "runtime"} {
				b.Run(fmt.Sprintf("payload=%s/members=%s/codec=%s", p.name, members, codec), func(b *testing.B) {
					b.SetBytes(int64(len(in)))
					b.ReportAllocs()
					for b.Loop() {
						var err error
						if codec == "runtime" {
							_, err = Marshal(keep)
						} else {
							_, err = json.Marshal(plain)
						}
						if err != nil {
							b.Fatal(err)
						}
					}
				})
			}
		}
	}
}

func githubPage() any {
	var repos []benchRepo
	if err := Unmarshal(benchRepos(30, false), &repos); err != nil {
		panic(err)
	}
	return &repos
}

func stripeCharges() any {
	l := &stripeList{Object: "list", URL: "/v1/charges", HasMore: true}
	for i := range 10 {
		c := stripeCharge{
			ID: fmt.Sprintf("ch_3MmlLrLkdIwHu7ix0snN0B1%d", i), Object: "charge", Amount: int64(1000 + i*250), AmountCaptured: int64(1000 + i*250),
			BalanceTransaction: NullableOf(fmt.Sprintf("txn_3MmlLrLkdIwHu7ix0uke3Ez%d", i)),
			BillingDetails: stripeBilling{
				Address: NullableOf(stripeAddress{City: Null[string](), Country: NullableOf("US"), Line1: Null[string](), Line2: Null[string](),
					PostalCode: NullableOf("94107"), State: Null[string]()}),
				Email: NullableOf("jenny.rosen@example.com"), Name: NullableOf("Jenny Rosen"), Phone: Null[string](),
			},
			Captured: true, Created: 1679090539 + int64(i), Currency: "usd", Customer: NullableOf("cus_NffrFeUfNV2Hib"),
			Description: NullableOf("Order #" + fmt.Sprint(4000+i)), FailureCode: Null[string](), Metadata: map[string]string{"order_id": fmt.Sprint(6735 + i)},
			Outcome: NullableOf(stripeOutcome{NetworkStatus: NullableOf("approved_by_network"), Reason: Null[string](), RiskLevel: Some("normal"),
				RiskScore: Some(32 + i), SellerMessage: NullableOf("Payment complete."), Type: "authorized"}),
			Paid: true, PaymentIntent: NullableOf("pi_3MmlLrLkdIwHu7ix0qSr6KHm"), PaymentMethod: NullableOf("pm_1MmlLrLkdIwHu7ixIJwEWSNR"),
			PaymentMethodDetails: Some(stripePMDetails{Type: "card", Card: Some(stripeCard{Brand: NullableOf("visa"), Country: NullableOf("US"),
				ExpMonth: 3, ExpYear: 2027, Fingerprint: NullableOf("mToisGZ01V71BCos"), Funding: NullableOf("credit"), Last4: NullableOf("4242"),
				Network: NullableOf("visa")})}),
			ReceiptURL: NullableOf("https://pay.stripe.com/receipts/payment/CAcaFwoVYWNjdF8xTTJKVGtMa2RJd0h1N2l4KOvG06AGMgZfBXyr1aw6LBa9vaaSRWU96d8qBwz9z2J_CObiV_H2-e8RezSK_sw0KISesp4czsOUlVKY"),
			Status:     "succeeded",
		}
		l.Data = append(l.Data, c)
	}
	return l
}

func openaiCompletion() any {
	return &oaiCompletion{
		ID: "chatcmpl-abc123", Object: "chat.completion", Created: 1699896916, Model: "gpt-4o-mini-2024-07-18",
		Choices: []oaiChoice{{
			Index: 0, FinishReason: "tool_calls", Logprobs: Null[oaiLogprobs](),
			Message: oaiMessage{Role: "assistant", Content: Null[string](), Refusal: Null[string](), ToolCalls: []oaiToolCall{
				{ID: "call_abc123", Type: "function", Function: oaiFunctionCall{Name: "get_current_weather", Arguments: "{\n\"location\": \"Boston, MA\",\n\"unit\": \"celsius\"\n}"}},
				{ID: "call_def456", Type: "function", Function: oaiFunctionCall{Name: "get_forecast", Arguments: `{"location":"Boston, MA","days":3}`}},
			}},
		}},
		Usage:             Some(oaiUsage{PromptTokens: 82, CompletionTokens: 17, TotalTokens: 99, PromptTokensDetails: Some(oaiTokenDetails{CachedTokens: Some(0), AudioTokens: Some(0)})}),
		SystemFingerprint: Some("fp_44709d6fcb"), ServiceTier: NullableOf("default"),
	}
}

func openaiChunk() any {
	return &oaiChunk{
		ID: "chatcmpl-123", Object: "chat.completion.chunk", Created: 1694268190, Model: "gpt-4o-mini", SystemFingerprint: Some("fp_44709d6fcb"),
		Choices: []oaiChunkChoice{{Index: 0, FinishReason: Null[string](), Delta: oaiDelta{ToolCalls: []oaiChunkToolCall{
			{Index: 0, Function: Some(oaiChunkFunction{Arguments: Some(`ation": "Bos`)})},
		}}}},
	}
}

func k8sPods() any {
	ts := time.Date(2024, 5, 14, 9, 12, 44, 0, time.UTC)
	l := &k8sPodList{APIVersion: "v1", Kind: "PodList", Metadata: k8sListMeta{ResourceVersion: Some("48211093")}}
	for i := range 20 {
		name := fmt.Sprintf("web-7d4b9c8f6d-%05d", i)
		l.Items = append(l.Items, k8sPod{
			Metadata: k8sObjectMeta{
				Name: Some(name), Namespace: Some("production"), UID: Some(fmt.Sprintf("0f4c1c9e-6a51-4c5f-9d0e-3b2a1c%06d", i)),
				ResourceVersion: Some(fmt.Sprint(48210000 + i)), CreationTimestamp: Some(ts),
				Labels:          map[string]string{"app": "web", "pod-template-hash": "7d4b9c8f6d", "tier": "frontend"},
				Annotations:     map[string]string{"kubectl.kubernetes.io/restartedAt": "2024-05-14T09:12:00Z"},
				OwnerReferences: []k8sOwnerRef{{APIVersion: "apps/v1", Kind: "ReplicaSet", Name: "web-7d4b9c8f6d", UID: "5e2c7a41-1f0b-4d8e-a3c2-9b8d7e6f5a4b", Controller: Some(true), BlockOwnerDeletion: Some(true)}},
			},
			Spec: Some(k8sPodSpec{
				Containers: []k8sContainer{
					{Name: "web", Image: Some("registry.example.com/web:1.24.3"), Args: []string{"--port=8080", "--log-level=info"},
						Ports: []k8sPort{{ContainerPort: 8080, Protocol: Some("TCP"), Name: Some("http")}},
						Env:   []k8sEnv{{Name: "GOMAXPROCS", Value: Some("2")}, {Name: "ENV", Value: Some("production")}},
						Resources: Some(k8sResources{Limits: map[string]string{"cpu": "1", "memory": "512Mi"},
							Requests: map[string]string{"cpu": "250m", "memory": "256Mi"}}), ImagePullPolicy: Some("IfNotPresent")},
					{Name: "envoy", Image: Some("envoyproxy/envoy:v1.30.1"), Ports: []k8sPort{{ContainerPort: 9901, Protocol: Some("TCP")}},
						ImagePullPolicy: Some("IfNotPresent")},
				},
				RestartPolicy: Some("Always"), NodeName: Some(fmt.Sprintf("node-%d.example.internal", i%5)), ServiceAccountName: Some("web"),
				DNSPolicy: Some("ClusterFirst"), TerminationGracePeriodSeconds: Some(int64(30)),
			}),
			Status: Some(k8sPodStatus{
				Phase: Some("Running"), HostIP: Some(fmt.Sprintf("10.0.%d.%d", i%5, 10+i)), PodIP: Some(fmt.Sprintf("10.244.%d.%d", i%5, 100+i)),
				StartTime: Some(ts),
				Conditions: []k8sCondition{{Type: "Initialized", Status: "True", LastTransitionTime: Some(ts)},
					{Type: "Ready", Status: "True", LastTransitionTime: Some(ts)}, {Type: "PodScheduled", Status: "True", LastTransitionTime: Some(ts)}},
				ContainerStatuses: []k8sContainerStatus{
					{Name: "web", Ready: true, Image: "registry.example.com/web:1.24.3", ImageID: "registry.example.com/web@sha256:4f1c0e3b", ContainerID: Some("containerd://8b9f"), Started: Some(true)},
					{Name: "envoy", Ready: true, RestartCount: 1, Image: "envoyproxy/envoy:v1.30.1", ImageID: "docker.io/envoyproxy/envoy@sha256:9a1b", ContainerID: Some("containerd://1c2d"), Started: Some(true)},
				},
			}),
		})
	}
	return l
}
