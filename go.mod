module github.com/genclient/genclient

go 1.26.0

require (
	github.com/aws/aws-sdk-go-v2 v1.48.0
	github.com/dave/jennifer v1.7.1
	github.com/getkin/kin-openapi v0.152.0
	github.com/google/go-github/v81 v81.0.0
	github.com/mccutchen/go-httpbin/v2 v2.26.0
	github.com/oasdiff/yaml3 v0.0.14
	github.com/openai/openai-go/v3 v3.98.0
	github.com/stripe/stripe-go/v82 v82.5.1
	golang.org/x/tools v0.52.0
)

require (
	github.com/aws/smithy-go v1.28.9 // indirect
	github.com/coder/websocket v1.8.15 // indirect
	github.com/google/go-querystring v1.1.0 // indirect
	github.com/tidwall/gjson v1.20.0 // indirect
	github.com/tidwall/match v1.1.1 // indirect
	github.com/tidwall/pretty v1.2.1 // indirect
	github.com/tidwall/sjson v1.2.5 // indirect
	golang.org/x/net v0.62.0 // indirect
)

require (
	github.com/genclient/genclient/runtime v0.0.0-00010101000000-000000000000
	github.com/go-openapi/jsonpointer v0.22.5 // indirect
	github.com/go-openapi/swag/jsonname v0.25.5 // indirect
	github.com/gorilla/mux v1.8.0 // indirect
	github.com/kr/pretty v0.3.1 // indirect
	github.com/oasdiff/yaml v0.1.1 // indirect
	github.com/santhosh-tekuri/jsonschema/v6 v6.0.3
	golang.org/x/mod v0.42.0
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/text v0.43.0 // indirect
)

replace github.com/genclient/genclient/runtime => ./runtime
