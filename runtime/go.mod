module github.com/genclient/genclient/runtime

go 1.24.0

require (
	golang.org/x/net v0.50.0
	golang.org/x/oauth2 v0.35.0
)

require golang.org/x/text v0.34.0
