package ir

import "strings"

// Operation is one HTTP operation of the API.
type Operation struct {
	// Name is the Go method name within its service, without stutter:
	// operationId "issues/get" under service "Issues" becomes "Get".
	Name string
	// FullName is unique across the whole API and prefixes the names of the
	// operation's own types ("IssuesGet" → "IssuesGetParams").
	FullName string
	ID       string // operationId as written; "" if the document has none
	Method   string // upper case: "GET", "POST", ...
	// Server is the URL of the first of the operation's own servers (its
	// servers, else its path item's), variables at their defaults; ""
	// when it is served from the document's servers. Stripe's file
	// uploads go to https://files.stripe.com/ this way.
	Server string
	Path   string // the path template: "/pets/{petId}"
	Doc    Doc
	Tags   []string // as in the document

	// Params holds every parameter: path parameters in the order they
	// appear in Path, then the others sorted by (In, WireName).
	Params []*Param
	// ParamsType is the Go name of the struct holding the optional
	// non-path parameters ("ListPetsParams"); "" when there are none.
	// Required non-path parameters are method arguments, after the path
	// parameters, in Params order.
	ParamsType string

	Body *Body // nil when the operation takes no request body

	// Responses are sorted: exact status codes ascending, then ranges
	// ("2XX"), then "default".
	Responses []*Response

	// Security is the operation's requirement list: nil means the API
	// default (API.Security) applies; an empty non-nil slice means the
	// operation needs no credentials.
	Security []Requirement

	Pagination *Pagination // nil when the operation does not paginate

	// Idempotent is true for PUT, DELETE and safe methods, and for an
	// operation that declares an Idempotency-Key header parameter.
	Idempotent bool

	// ResultType is the Go name of the struct the method returns when the
	// operation's 2xx responses have different JSON types (one field per
	// status); "" when one type (or none) covers every 2xx response.
	ResultType string
	// HeadersType is the Go name of the struct of the response headers
	// the 2xx responses declare (read with runtime.WithResponseHeaders);
	// "" when they declare none.
	HeadersType string
	// MultipartType is the Go name of the request type generated for a
	// multipart/form-data body whose schema is an object (its binary
	// properties become runtime.File); "" when there is none.
	MultipartType string

	Pos Pos // where the operation is defined, for messages
}

// ParamIn says where a parameter goes.
type ParamIn int

// Where a parameter goes, in the order Params are sorted.
const (
	InPath ParamIn = iota
	InQuery
	InHeader
	InCookie
)

// String returns the OpenAPI spelling: "path", "query", "header", "cookie".
func (in ParamIn) String() string {
	switch in {
	case InPath:
		return "path"
	case InQuery:
		return "query"
	case InHeader:
		return "header"
	case InCookie:
		return "cookie"
	}
	return "unknown"
}

// Param is one operation parameter.
type Param struct {
	Name     string // Go name: a lowerCamel argument name for required path/arg params, an exported field name otherwise
	WireName string // as sent on the wire
	In       ParamIn
	Required bool
	Type     Type
	Doc      Doc

	// Style is the OpenAPI style ("simple", "label", "matrix", "form",
	// "spaceDelimited", "pipeDelimited", "deepObject"), defaulted per In.
	Style   string
	Explode bool // defaulted: true for form, false otherwise

	AllowReserved bool
	// ContentType is set when the parameter is described by content (for
	// example "application/json") instead of by style and schema.
	ContentType string
}

// Body is an operation's request body.
type Body struct {
	Required bool
	Doc      Doc
	// Contents holds one entry per media type; the first is the default
	// (the JSON one when there is one), the others in document order
	// sorted by MediaType.
	Contents []*Content
}

// BodyKind classifies a media type by how it is encoded.
type BodyKind int

// Body kinds.
const (
	KindJSON        BodyKind = iota // application/json and */*+json
	KindForm                        // application/x-www-form-urlencoded
	KindMultipart                   // multipart/form-data and other multipart/*
	KindText                        // text/plain and other text/* (not event-stream)
	KindEventStream                 // text/event-stream
	KindBinary                      // everything else: streamed bytes
	// KindJSONStream is a response that is a sequence of JSON values, one
	// per message: application/x-ndjson, application/jsonl,
	// application/json-seq (RFC 7464), application/stream+json, and the
	// gRPC-gateway streams of Swagger 2.0 documents (Content.Envelope).
	// Content.Type is the type of one message.
	KindJSONStream
)

// Content is a body or response in one media type.
type Content struct {
	MediaType string // "application/json", "application/vnd.github+json"
	Kind      BodyKind
	Type      Type // nil when the media type declares no schema
	// Encoding holds per-property encoding for form and multipart bodies,
	// sorted by Property.
	Encoding []*Encoding
	// Examples holds the media type's examples: its example, then the
	// entries of its examples map (references resolved) sorted by name,
	// each checked against the media type's schema. Entries with only an
	// externalValue are left out; then those made from the parts of an
	// inline schema without a named type (see Example.Part). The loader
	// fills it only when asked to check examples
	// (loader.Options.CheckExamples): it costs load time.
	Examples []Example
	// Envelope is set on a KindJSONStream response whose every message
	// wraps the value as {"result": …} or reports a failure as
	// {"error": …} (a gRPC-gateway stream); nil otherwise.
	Envelope *Envelope
	// Method is set on request body contents other than the first (the
	// default, sent by the operation's own method): the Go name of the
	// method of the same service that sends the body in this media type,
	// "AddPetWithForm". It is unique among the service's methods. ""
	// when another content's method covers this one (every raw media type
	// goes through one {Name}WithBody taking the content type). On the
	// event stream of a response (see Operation.StreamAlternative) it is
	// the method that asks for the stream, "CreateChatCompletionStream".
	Method string
}

// Envelope describes the wrapping of the messages of a gRPC-gateway
// stream: Content.Type is the type of the "result" member.
type Envelope struct {
	// Error is the type of the "error" member (a failure reported after
	// the 2xx status), nil when the document declares none.
	Error Type
}

// Encoding is an OpenAPI encoding object for one property.
type Encoding struct {
	Property      string // the property's wire name
	ContentType   string
	Style         string
	Explode       bool
	AllowReserved bool
}

// Response is one declared response of an operation.
type Response struct {
	// Status is as written: "200", "2XX", "default".
	Status string
	// Code is the numeric status for an exact code, 0 for a range or
	// "default".
	Code     int
	Doc      Doc
	Contents []*Content // first is the default, as for Body
	Headers  []*Header  // sorted by WireName
	// IsError is true for 4xx/5xx codes and ranges, and for "default" when
	// the operation declares some 2xx response.
	IsError bool
}

// Header is a declared response header.
type Header struct {
	Name     string // Go field name
	WireName string // canonical form is not applied: as in the document
	Type     Type
	Required bool
	Doc      Doc
}

// PaginationKind says how an operation's pages are linked.
type PaginationKind int

// Pagination kinds.
const (
	// PageLink follows RFC 8288 Link: <...>; rel="next" response headers.
	PageLink PaginationKind = iota
	// PageCursor passes a value from the response body back as a query
	// parameter (configured by x-pagination).
	PageCursor
	// PageOffset increments a numeric query parameter by the number of
	// items received (x-pagination).
	PageOffset
	// PageNumber increments a numeric query parameter by one, from 1
	// (x-pagination style "page").
	PageNumber
	// PageURL follows the next page's URL held in the response body at
	// CursorPath (nextLink, @odata.nextLink, links.next).
	PageURL
)

// Pagination describes how to walk all pages of a list operation.
type Pagination struct {
	Kind PaginationKind
	Item Type // the element type of one page

	// For PageCursor, PageOffset and PageNumber: the query parameter that
	// selects the page, and for PageCursor the dotted JSON path of the
	// next cursor. ItemsPath is the dotted JSON path of the items within
	// the response body ("" for a top-level array); for PageLink it is
	// "" or one property name.
	Param      string
	CursorPath string
	ItemsPath  string
	// CursorItem, for PageCursor, is the property of the last item of a
	// page that is the next cursor (Stripe's starting_after=<last id>),
	// instead of CursorPath. HasMore is the dotted JSON path of a boolean
	// that says whether another page follows ("" when none).
	CursorItem string
	HasMore    string
	// Detected is true when no x-pagination declared the scheme and the
	// loader recognised it from the response's shape.
	Detected bool
}

// SchemeKind is the kind of a security scheme.
type SchemeKind int

// Security scheme kinds.
const (
	SchemeHTTPBasic SchemeKind = iota
	SchemeHTTPBearer
	SchemeHTTPDigest
	SchemeHTTPOther // another http scheme: credentials passed verbatim in Authorization
	SchemeAPIKey
	SchemeOAuth2
	SchemeOpenIDConnect
	SchemeMutualTLS
)

// SecurityScheme is one components.securitySchemes entry.
type SecurityScheme struct {
	Key    string // the key in components.securitySchemes
	GoName string // exported identifier derived from Key: "BearerAuth"
	Kind   SchemeKind
	Doc    Doc

	HTTPScheme   string  // for http schemes: "basic", "bearer", ...
	BearerFormat string  // for bearer
	In           ParamIn // for apiKey: InHeader, InQuery or InCookie
	ParamName    string  // for apiKey: the header, query or cookie name

	// For OAuth2: the client-credentials flow, if declared, and the
	// others' URLs for documentation.
	TokenURL         string // clientCredentials.tokenUrl only; "" without that flow
	AuthorizationURL string
	Scopes           []string // union of all flows' scopes, sorted
	OpenIDConnectURL string
}

// Requirement is one alternative of a security requirement list: every
// scheme in it must be satisfied (AND); a list of Requirements is an OR.
// An empty Requirement means "no credentials" is an accepted alternative.
type Requirement []SchemeUse

// SchemeUse names one scheme of a requirement and the scopes it needs.
type SchemeUse struct {
	Scheme string   // SecurityScheme.Key
	Scopes []string // as in the document
}

// IsSuccess reports whether r is a 2xx response (a code or 2XX), or the
// "default" of an operation that declares no 2xx, which its method then
// returns as its result.
func (r *Response) IsSuccess() bool {
	return r.Code >= 200 && r.Code < 300 || strings.EqualFold(r.Status, "2XX") || r.Status == "default" && !r.IsError
}

// StreamAlternative returns the event stream a successful response of o
// offers besides the content its method decodes (OpenAI's chat
// completions: application/json, or text/event-stream when the body asks
// for a stream), or nil. The first successful response with content
// decides, as it does for the method's result.
func (o *Operation) StreamAlternative() *Content {
	for _, r := range o.Responses {
		if !r.IsSuccess() || len(r.Contents) == 0 {
			continue
		}
		if r.Contents[0].Kind == KindEventStream {
			return nil
		}
		for _, c := range r.Contents[1:] {
			if c.Kind == KindEventStream {
				return c
			}
		}
		return nil
	}
	return nil
}
