package runtime

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The AWS SigV4 test suite (aws-sig-v4-test-suite): credentials,
// region, service and date shared by every vector, and the published
// Authorization signature of each request.
var (
	suiteCreds = AWSCredentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: NewSecret("wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY")}
	suiteTime  = time.Date(2015, 8, 30, 12, 36, 0, 0, time.UTC)
)

func TestSigV4SuiteVectors(t *testing.T) {
	for _, v := range []struct {
		name, method, target string
		header               http.Header
		body                 string
		signed, sig          string
	}{
		{"get-vanilla", "GET", "/", nil, "", "host;x-amz-date", "5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31"},
		{"get-unreserved", "GET", "/-._~0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz", nil, "", "host;x-amz-date", "07ef7494c76fa4850883e2b006601f940f8a34d404d0cfa977f52a65bbf5f24f"},
		{"get-slashes", "GET", "//example//", nil, "", "host;x-amz-date", "9a624bd73a37c9a373b5312afbebe7a714a789de108f0bdfe846570885f57e84"},
		{"get-vanilla-query-order-key-case", "GET", "/?Param2=value2&Param1=value1", nil, "", "host;x-amz-date", "b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500"},
		{"get-vanilla-query-order-value", "GET", "/?Param1=value2&Param1=value1", nil, "", "host;x-amz-date", "5772eed61e12b33fae39ee5e7012498b51d56abc0abb7c60486157bd471c4694"},
		{"get-vanilla-utf8-query", "GET", "/?\u1234=bar", nil, "", "host;x-amz-date", "2cdec8eed098649ff3a119c94853b13c643bcf08f8b0a1d91e12c9027818dd04"},
		{"get-header-value-order", "GET", "/", http.Header{"My-Header1": {"value4", "value1", "value3", "value2"}}, "", "host;my-header1;x-amz-date", "08c7e5a9acfcfeb3ab6b2185e75ce8b1deb5e634ec47601a50643f830c755c01"},
		{"get-header-key-duplicate", "GET", "/", http.Header{"My-Header1": {"value2", "value2", "value1"}}, "", "host;my-header1;x-amz-date", "c9d5ea9f3f72853aea855b47ea873832890dbdd183b4468f858259531a5138ea"},
		{"get-header-value-trim", "GET", "/", http.Header{"My-Header1": {" value1"}, "My-Header2": {`"a   b   c"`}}, "", "host;my-header1;my-header2;x-amz-date", "acc3ed3afb60bb290fc8d2dd0098b9911fcaa05412b367055dee359757a9c736"},
		{"post-x-www-form-urlencoded", "POST", "/", http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}, "Param1=value1", "content-type;host;x-amz-date", "ff11897932ad3f4e8b18135d722051e5ac45fc38421b1da7b9d196a0fe09473a"},
	} {
		t.Run(v.name, func(t *testing.T) {
			req, err := http.NewRequest(v.method, "https://example.amazonaws.com"+v.target, strings.NewReader(v.body))
			if err != nil {
				t.Fatal(err)
			}
			for k, vs := range v.header {
				req.Header[k] = vs
			}
			a := SigV4(SigV4Config{Region: "us-east-1", Service: "service", Now: func() time.Time { return suiteTime },
				Credentials: AWSCredentialsFunc(func(context.Context) (AWSCredentials, error) { return suiteCreds, nil })})
			if err := a.Apply(req); err != nil {
				t.Fatal(err)
			}
			want := "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=" + v.signed + ", Signature=" + v.sig
			if got := req.Header.Get("Authorization"); got != want {
				t.Errorf("\ngot  %s\nwant %s", got, want)
			}
			if req.Header.Get("X-Amz-Date") != "20150830T123600Z" {
				t.Error(req.Header)
			}
		})
	}
}

// SigV4 runs after the API key, re-signs each attempt with a fresh date,
// refreshes expiring credentials and sends unsigned payloads for
// streams.
func TestSigV4InSession(t *testing.T) {
	var dates, auths []string
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		dates = append(dates, r.Header.Get("X-Amz-Date"))
		auths = append(auths, r.Header.Get("Authorization"))
		if r.Header.Get("X-Api-Key") == "" || r.Header.Get("X-Amz-Security-Token") == "" {
			t.Errorf("header missing: %v", r.Header)
		}
		if n.Add(1) == 1 {
			w.WriteHeader(503)
		}
	}))
	defer srv.Close()
	clock := suiteTime
	var fetched atomic.Int32
	provider := AWSCredentialsFunc(func(context.Context) (AWSCredentials, error) {
		fetched.Add(1)
		c := suiteCreds
		c.SessionToken = NewSecret("tok")
		c.Expires = clock.Add(90 * time.Second)
		return c, nil
	})
	s, _ := newSession(t, srv.URL,
		WithAuth(SigV4(SigV4Config{Region: "eu-west-1", Service: "execute-api", Credentials: provider,
			Now: func() time.Time { clock = clock.Add(time.Minute); return clock }})),
		WithAuth(APIKey("header", "X-Api-Key", "k")))
	if err := Exec(bg(), s, NewCall("PUT", "/x").JSON(map[string]int{"a": 1})); err != nil {
		t.Fatal(err)
	}
	if len(dates) != 2 || dates[0] == dates[1] || !strings.Contains(auths[1], "SignedHeaders=accept;content-type;host;x-amz-date;x-amz-security-token;x-api-key,") {
		t.Fatalf("dates %v auths %v", dates, auths)
	}
	if fetched.Load() != 2 { // the second attempt is within a minute of expiry
		t.Errorf("%d credential fetches", fetched.Load())
	}
	// A one-shot body is sent with UNSIGNED-PAYLOAD.
	var got string
	srv2 := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = r.Header.Get("X-Amz-Content-Sha256")
		io.Copy(io.Discard, r.Body)
	}))
	defer srv2.Close()
	s2, _ := newSession(t, srv2.URL, WithAuth(SigV4(SigV4Config{Region: "us-east-1", Service: "s3", Credentials: StaticAWSCredentials("A", "S", "")})))
	if err := Exec(bg(), s2, NewCall("PUT", "/b/k").WithBody(ReaderBody("application/octet-stream", io.MultiReader(strings.NewReader("data")), 4))); err != nil || got != unsignedPayload {
		t.Fatal(got, err)
	}
	if err := Exec(bg(), s2, NewCall("PUT", "/b/k").WithBody(BytesBody("text/plain", []byte("data")))); err != nil || got != "3a6eb0790f39ac87c94f3856b2dd2c5d110e6811602261a9a923d3bb23adc8b7" {
		t.Fatal(got, err)
	}
	// Bad configurations fail in New, a failing provider per call.
	for _, c := range []SigV4Config{{Service: "s3", Credentials: StaticAWSCredentials("a", "b", "")}, {Region: "r", Service: "s3"}} {
		if _, err := New(srv.URL, WithAuth(SigV4(c))); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	boom := errors.New("no role")
	s3, _ := newSession(t, srv2.URL, WithAuth(SigV4(SigV4Config{Region: "r", Service: "s", Credentials: AWSCredentialsFunc(func(context.Context) (AWSCredentials, error) { return AWSCredentials{}, boom })})))
	if err := Exec(bg(), s3, NewCall("GET", "/")); !errors.Is(err, boom) {
		t.Fatal(err)
	}
	if s := SigV4(SigV4Config{Region: "r", Service: "s"}).(interface{ String() string }).String(); strings.Contains(s, "wJal") {
		t.Error(s)
	}
}
