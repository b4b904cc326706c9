// Package oauth2compat adapts token sources between golang.org/x/oauth2
// and runtime, so credential libraries built on x/oauth2 (Google, Azure)
// plug into a runtime.Session, and runtime token sources serve x/oauth2
// users.
package oauth2compat

import (
	"context"
	"errors"

	"github.com/genclient/genclient/runtime"
	"golang.org/x/oauth2"
)

// FromOAuth2 returns a runtime.TokenSource over ts. x/oauth2 token
// sources take no context; the context of each call is checked before
// asking ts.
func FromOAuth2(ts oauth2.TokenSource) runtime.TokenSource {
	return runtime.TokenSourceFunc(func(ctx context.Context) (*runtime.Token, error) {
		if ts == nil {
			return nil, errors.New("oauth2compat: nil TokenSource")
		}
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		t, err := ts.Token()
		if err != nil {
			return nil, err
		}
		return &runtime.Token{AccessToken: runtime.NewSecret(t.AccessToken), TokenType: t.Type(), Expiry: t.Expiry}, nil
	})
}

// ToOAuth2 returns an oauth2.TokenSource over ts, calling it with ctx.
func ToOAuth2(ctx context.Context, ts runtime.TokenSource) oauth2.TokenSource {
	return tokenSource{ctx: ctx, ts: ts}
}

type tokenSource struct {
	ctx context.Context
	ts  runtime.TokenSource
}

func (s tokenSource) Token() (*oauth2.Token, error) {
	t, err := s.ts.Token(s.ctx)
	if err != nil {
		return nil, err
	}
	return &oauth2.Token{AccessToken: t.AccessToken.Reveal(), TokenType: t.TokenType, Expiry: t.Expiry}, nil
}
