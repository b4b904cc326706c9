// Package sigv4 checks the runtime's hand-written AWS Signature Version
// 4 signer against a server that verifies signatures the way AWS does:
// it reads the credential scope and signed-header list from the
// Authorization header, checks the date and the payload hash, rebuilds
// the request from what arrived on the wire and signs it again with
// AWS's own SDK signer (aws-sdk-go-v2), which must give the same
// signature. It lives outside the runtime's module so that the SDK never
// appears in the runtime's go.mod.
package sigv4

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/genclient/genclient/runtime"
)

const (
	akid   = "AKIDEXAMPLE"
	secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
	region = "eu-central-1"
)

// verifier is an AWS-style endpoint for one service.
type verifier struct {
	t        *testing.T
	service  string
	token    string
	verified atomic.Int32
}

func (v *verifier) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if err := v.verify(r); err != nil {
		w.WriteHeader(http.StatusForbidden)
		fmt.Fprintf(w, `{"message":%q}`, err.Error())
		return
	}
	v.verified.Add(1)
	io.WriteString(w, `{"ok":true}`)
}

func (v *verifier) verify(r *http.Request) error {
	auth := r.Header.Get("Authorization")
	rest, ok := strings.CutPrefix(auth, "AWS4-HMAC-SHA256 ")
	if !ok {
		return fmt.Errorf("not SigV4: %q", auth)
	}
	fields := map[string]string{}
	for _, f := range strings.Split(rest, ", ") {
		k, val, _ := strings.Cut(f, "=")
		fields[k] = val
	}
	scope := strings.Split(fields["Credential"], "/")
	if len(scope) != 5 || scope[0] != akid || scope[2] != region || scope[3] != v.service || scope[4] != "aws4_request" {
		return fmt.Errorf("credential scope %q", fields["Credential"])
	}
	when, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
	if err != nil || when.Format("20060102") != scope[1] {
		return fmt.Errorf("X-Amz-Date %q", r.Header.Get("X-Amz-Date"))
	}
	if d := time.Since(when); d > 15*time.Minute || d < -15*time.Minute {
		return fmt.Errorf("request time too skewed: %v", d)
	}
	if r.Header.Get("X-Amz-Security-Token") != v.token {
		return fmt.Errorf("security token %q", r.Header.Get("X-Amz-Security-Token"))
	}
	body, _ := io.ReadAll(r.Body)
	sum := sha256.Sum256(body)
	payload := hex.EncodeToString(sum[:])
	if h := r.Header.Get("X-Amz-Content-Sha256"); h != "" {
		if h != "UNSIGNED-PAYLOAD" && h != payload {
			return fmt.Errorf("payload hash %s, body hashes to %s", h, payload)
		}
		payload = h
	} else if v.service == "s3" {
		return fmt.Errorf("s3 needs X-Amz-Content-Sha256")
	}
	// Rebuild the request from the wire: the target as received and the
	// signed headers only.
	req, err := http.NewRequest(r.Method, "https://"+r.Host+r.RequestURI, nil)
	if err != nil {
		return err
	}
	req.Host = r.Host
	signed := strings.Split(fields["SignedHeaders"], ";")
	for _, h := range signed {
		if h == "host" || h == "x-amz-security-token" || h == "x-amz-date" {
			continue
		}
		vals := r.Header.Values(h)
		if len(vals) == 0 {
			return fmt.Errorf("signed header %s missing", h)
		}
		req.Header[http.CanonicalHeaderKey(h)] = vals
	}
	if !containsAll(signed, "host", "x-amz-date") || (v.token != "") != containsAll(signed, "x-amz-security-token") {
		return fmt.Errorf("signed headers %v", signed)
	}
	creds := aws.Credentials{AccessKeyID: akid, SecretAccessKey: secret, SessionToken: v.token}
	signer := v4.NewSigner(func(o *v4.SignerOptions) { o.DisableURIPathEscaping = v.service == "s3" })
	if err := signer.SignHTTP(context.Background(), creds, req, payload, v.service, region, when); err != nil {
		return err
	}
	want := req.Header.Get("Authorization")
	if want != auth {
		return fmt.Errorf("signature mismatch:\n got %s\nwant %s", auth, want)
	}
	return nil
}

func containsAll(list []string, names ...string) bool {
	for _, n := range names {
		found := false
		for _, x := range list {
			found = found || x == n
		}
		if !found {
			return false
		}
	}
	return true
}

func TestSigV4AgainstAWSVerifier(t *testing.T) {
	for _, service := range []string{"execute-api", "s3"} {
		for _, token := range []string{"", "FQoGZXIvYXdzEXAMPLETOKEN"} {
			t.Run(fmt.Sprintf("%s token=%v", service, token != ""), func(t *testing.T) {
				v := &verifier{t: t, service: service, token: token}
				srv := httptest.NewServer(v)
				defer srv.Close()
				s, err := runtime.New(srv.URL,
					runtime.WithAuth(runtime.SigV4(runtime.SigV4Config{Region: region, Service: service,
						Credentials: runtime.StaticAWSCredentials(akid, secret, token)})),
					runtime.WithAuth(runtime.APIKey("header", "X-Api-Key", "k")),
					runtime.WithHeader("X-Amz-Meta-Note", "a   b  c"))
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				calls := []*runtime.Call{
					runtime.NewCall("GET", "/"),
					runtime.NewCall("GET", "/items/{id}", "a b/ü").AddQuery("b", "2").AddQuery("a", "x y+z").AddQuery("a", "1"),
					runtime.NewCall("PUT", "/objects/{key}", "k~1").JSON(map[string]string{"name": "ü"}),
					runtime.NewCall("POST", "/upload").WithBody(runtime.ReaderBody("application/octet-stream", io.MultiReader(strings.NewReader("stream")), 6)),
					runtime.NewCall("POST", "/form").WithBody(runtime.FormBody(map[string][]string{"Param1": {"value1"}})),
				}
				for _, c := range calls {
					if err := runtime.Exec(context.Background(), s, c); err != nil {
						t.Errorf("%v: %v", c, err)
					}
				}
				if int(v.verified.Load()) != len(calls) {
					t.Errorf("%d of %d verified", v.verified.Load(), len(calls))
				}
			})
		}
	}
}
