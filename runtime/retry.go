package runtime

import (
	"context"
	"errors"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Clock is the time source of a Session: backoff waits, attempt and
// read-idle timeouts, token expiry. The default is the system clock;
// tests inject a fake one (WithClock) so nothing really sleeps.
type Clock interface {
	Now() time.Time
	// AfterFunc calls f in its own goroutine once d has elapsed.
	AfterFunc(d time.Duration, f func()) Timer
}

// Timer is the handle AfterFunc returns; *time.Timer implements it.
type Timer interface {
	Stop() bool
	Reset(d time.Duration) bool
}

type systemClock struct{}

func (systemClock) Now() time.Time { return time.Now() }
func (systemClock) AfterFunc(d time.Duration, f func()) Timer {
	return time.AfterFunc(d, f)
}

// sleep waits d on clk, or until ctx ends.
func sleep(ctx context.Context, clk Clock, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	done := make(chan struct{})
	t := clk.AfterFunc(d, func() { close(done) })
	select {
	case <-done:
		return nil
	case <-ctx.Done():
		t.Stop()
		return ctx.Err()
	}
}

// RetryPolicy says which failures are retried and how long to wait.
// Zero fields take the defaults shown; see WithRetry.
//
// Whatever the policy, a request that is not idempotent (POST, PATCH) is
// retried only if it never left the client, carries an Idempotency-Key,
// is marked Call.Idempotent, or RetryNonIdempotent is set, or if the
// server answered 429 Too Many Requests, or 503 with a Retry-After, which
// both say it did not process the request (StrictNonIdempotent turns
// that off). A body that cannot be replayed is never resent.
type RetryPolicy struct {
	MaxAttempts    int           // 3: attempts in all, the first included; 1 disables retries
	InitialBackoff time.Duration // 500 ms: the wait before the first retry
	MaxBackoff     time.Duration // 8 s
	Multiplier     float64       // 2
	// Jitter is the random share taken off each wait: a wait d becomes
	// uniform in [d·(1-Jitter), d]. Default 0.5; negative: none.
	Jitter float64
	// MaxRetryAfter is the longest Retry-After the runtime waits for
	// (default 60 s). A longer one ends the call at once with an
	// *APIError whose RetryAfter says how long, matching
	// ErrRetryAfterTooLong.
	MaxRetryAfter time.Duration
	// MaxElapsed bounds the time spent on all attempts and waits; 0: only
	// the context and WithTimeout bound it.
	MaxElapsed time.Duration
	// Statuses lists retried status codes; nil: 408, 429, 500, 502, 503,
	// 504.
	Statuses []int
	// RetryNonIdempotent retries POST and PATCH like PUT.
	RetryNonIdempotent bool
	// StrictNonIdempotent stops the retry of a non-idempotent request
	// that was sent, even on a 429 or on a 503 with Retry-After. By
	// default those are retried (if in Statuses): they say the server
	// did not process the request.
	StrictNonIdempotent bool
	// ShouldRetry, when set, gets the runtime's decision for a failed
	// attempt (resp or err is nil) and returns the final one. It cannot
	// force a retry of a cancelled call or of a body that cannot be
	// replayed.
	ShouldRetry func(resp *http.Response, err error, retry bool) bool
}

// WithRetry sets the retry policy, for a Session or one call.
func WithRetry(p RetryPolicy) Option {
	return func(cfg *config) error {
		if p.MaxAttempts < 0 || p.InitialBackoff < 0 || p.MaxBackoff < 0 || p.Multiplier < 0 || p.Jitter > 1 || p.MaxRetryAfter < 0 || p.MaxElapsed < 0 {
			return errors.New("runtime: WithRetry: invalid policy")
		}
		cfg.retry = p
		return nil
	}
}

// WithNoRetry makes each call a single attempt.
func WithNoRetry() Option { return WithRetry(RetryPolicy{MaxAttempts: 1}) }

// ErrRetryAfterTooLong is matched (errors.Is) by an *APIError whose
// Retry-After exceeded RetryPolicy.MaxRetryAfter.
var ErrRetryAfterTooLong = errors.New("runtime: server asked to retry later than MaxRetryAfter")

func (p *RetryPolicy) attempts() int { return orDefault(p.MaxAttempts, 3) }
func (p *RetryPolicy) maxRA() time.Duration {
	return orDefault(p.MaxRetryAfter, 60*time.Second)
}

func (p *RetryPolicy) retryStatus(code int) bool {
	if p.Statuses == nil {
		switch code {
		case 408, 429, 500, 502, 503, 504:
			return true
		}
		return false
	}
	for _, c := range p.Statuses {
		if c == code {
			return true
		}
	}
	return false
}

// backoff returns the wait before retry number n (1 for the first).
func (p *RetryPolicy) backoff(n int) time.Duration {
	initial := orDefault(p.InitialBackoff, 500*time.Millisecond)
	maxB := orDefault(p.MaxBackoff, 8*time.Second)
	mult := p.Multiplier
	if mult == 0 {
		mult = 2
	}
	d := float64(initial) * math.Pow(mult, float64(n-1))
	if d > float64(maxB) || math.IsInf(d, 0) || math.IsNaN(d) {
		d = float64(maxB)
	}
	j := p.Jitter
	if j == 0 {
		j = 0.5
	}
	if j > 0 {
		d *= 1 - j*rand.Float64()
	}
	return time.Duration(d)
}

// retryAfterJitter adds 0–10 % (at most 1 s) to a server-chosen wait, so
// clients told the same date do not return in lockstep.
func retryAfterJitter(d time.Duration) time.Duration {
	if d <= 0 {
		return 0
	}
	extra := min(time.Duration(float64(d)*0.1*rand.Float64()), time.Second)
	if d > math.MaxInt64-extra {
		return time.Duration(math.MaxInt64) // saturate, never wrap negative
	}
	return d + extra
}

// parseRetryAfter reads Retry-After-Ms, then Retry-After as
// delay-seconds or an HTTP-date (all three forms). A date in the past
// gives 0. ok is false when neither header is present and valid.
func parseRetryAfter(h http.Header, now time.Time) (d time.Duration, ok bool) {
	if v := strings.TrimSpace(h.Get("Retry-After-Ms")); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms >= 0 && ms < 1e12 {
			return time.Duration(ms * float64(time.Millisecond)), true
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0, false
	}
	if isDigits(v) {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n > math.MaxInt64/int64(time.Second) {
			return time.Duration(math.MaxInt64), true
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	if d := t.Sub(now); d > 0 {
		return d, true
	}
	return 0, true
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// RetryBudget limits retries across all calls of a Session, so that
// layered retries do not multiply into a storm: each request deposits
// Ratio tokens, the bucket also refills PerSecond tokens per second, and
// each retry takes one token. Create one with NewRetryBudget and share it
// with WithRetryBudget; it is safe for concurrent use.
type RetryBudget struct {
	ratio, perSecond, max float64

	mu     sync.Mutex
	tokens float64
	last   time.Time
}

// NewRetryBudget returns a budget allowing retries of up to ratio of the
// requests (0.1 = 10 %) plus perSecond retries per second.
func NewRetryBudget(ratio, perSecond float64) *RetryBudget {
	m := max(10, perSecond*10)
	return &RetryBudget{ratio: ratio, perSecond: perSecond, max: m, tokens: m}
}

// WithRetryBudget shares b among the session's calls.
func WithRetryBudget(b *RetryBudget) Option {
	return func(cfg *config) error {
		cfg.budget = b
		return nil
	}
}

func (b *RetryBudget) refill(now time.Time) {
	if !b.last.IsZero() && now.After(b.last) {
		b.tokens += now.Sub(b.last).Seconds() * b.perSecond
	}
	b.last = now
	b.tokens = min(b.tokens, b.max)
}

func (b *RetryBudget) deposit(now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill(now)
	b.tokens = min(b.tokens+b.ratio, b.max)
}

func (b *RetryBudget) take(now time.Time) bool {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.refill(now)
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// isIdempotentMethod reports RFC 9110 §9.2.2 idempotency.
func isIdempotentMethod(m string) bool {
	switch m {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodTrace, http.MethodPut, http.MethodDelete:
		return true
	}
	return false
}
