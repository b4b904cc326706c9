package oauth2compat

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/genclient/genclient/runtime"
	"golang.org/x/oauth2"
)

func TestRoundTrip(t *testing.T) {
	exp := time.Now().Add(time.Hour)
	src := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: "abc", TokenType: "Bearer", Expiry: exp})
	rts := FromOAuth2(src)
	tok, err := rts.Token(context.Background())
	if err != nil || tok.AccessToken.Reveal() != "abc" || !tok.Expiry.Equal(exp) {
		t.Fatal(tok, err)
	}
	back, err := ToOAuth2(context.Background(), rts).Token()
	if err != nil || back.AccessToken != "abc" || back.TokenType != "Bearer" {
		t.Fatal(back, err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := rts.Token(ctx); !errors.Is(err, context.Canceled) {
		t.Error(err)
	}
	if _, err := FromOAuth2(nil).Token(context.Background()); err == nil {
		t.Error("nil source")
	}
	failing := runtime.TokenSourceFunc(func(context.Context) (*runtime.Token, error) { return nil, errors.New("x") })
	if _, err := ToOAuth2(context.Background(), failing).Token(); err == nil {
		t.Error("error lost")
	}
	if _, err := FromOAuth2(oauth2.ReuseTokenSource(nil, failingSrc{})).Token(context.Background()); err == nil {
		t.Error("error lost")
	}
}

type failingSrc struct{}

func (failingSrc) Token() (*oauth2.Token, error) { return nil, errors.New("nope") }
