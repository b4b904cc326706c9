// Package cookiejar provides a cookie jar for runtime.WithCookieJar that
// knows the public suffix list, so a response from foo.co.uk cannot set a
// cookie for every .co.uk site.
package cookiejar

import (
	"net/http"
	stdjar "net/http/cookiejar"

	"golang.org/x/net/publicsuffix"
)

// New returns an in-memory cookie jar using the public suffix list of
// golang.org/x/net/publicsuffix. It is safe for concurrent use.
func New() (http.CookieJar, error) {
	return stdjar.New(&stdjar.Options{PublicSuffixList: publicsuffix.List})
}
