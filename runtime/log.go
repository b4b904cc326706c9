package runtime

import (
	"context"
	"log/slog"
	"net/http"
	"time"
)

// logSink writes a session's log lines. WithLogger installs the only
// one, so that a program that never calls it links none of log/slog
// (about 110 KB of a binary).
type logSink interface {
	attempt(ctx context.Context, cfg *config, call *Call, rawURL string, resp *http.Response, err error, n int, d time.Duration)
	retrying(ctx context.Context, cfg *config, call *Call, rawURL string, n int, wait time.Duration, reason error)
}

type slogSink struct{ l *slog.Logger }

func (s slogSink) attempt(ctx context.Context, cfg *config, call *Call, rawURL string, resp *http.Response, err error, n int, d time.Duration) {
	attrs := []slog.Attr{
		slog.String("method", call.Method),
		slog.String("url", redactURL(mustParse(rawURL), cfg.redact)),
		slog.Int("attempt", n),
		slog.Duration("duration", d),
	}
	if resp != nil {
		attrs = append(attrs, slog.Int("status", resp.StatusCode))
		if cfg.logHeaders {
			attrs = append(attrs, slog.Any("response_header", redactHeader(resp.Header, cfg.redact)))
			if resp.Request != nil {
				attrs = append(attrs, slog.Any("request_header", redactHeader(resp.Request.Header, cfg.redact)))
			}
		}
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", redactErr(err).Error()))
	}
	s.l.LogAttrs(ctx, slog.LevelDebug, "runtime: http attempt", attrs...)
}

func (s slogSink) retrying(ctx context.Context, cfg *config, call *Call, rawURL string, n int, wait time.Duration, reason error) {
	s.l.LogAttrs(ctx, slog.LevelInfo, "runtime: retrying",
		slog.String("method", call.Method), slog.String("url", redactURL(mustParse(rawURL), cfg.redact)),
		slog.Int("attempt", n), slog.Duration("wait", wait), slog.String("reason", reason.Error()))
}
