// Package runtime is what every client genclient generates imports: a
// session with a tuned connection pool, credentials, retries with
// backoff, pagination, TLS options, timeouts, proxies, hooks and typed
// errors. A user of a generated client needs the first part of this
// documentation; the last section lists what only generated code calls.
//
// # Creating a client
//
// A generated NewClient takes the server URL and [Option]s, which are the
// same type for the client and for one call:
//
//	c, err := petstore.NewClient(petstore.DefaultServerURL,
//		petstore.WithBearerAuth(os.Getenv("PETSTORE_TOKEN")), // one option per security scheme
//		runtime.WithRetry(runtime.RetryPolicy{MaxAttempts: 4}),
//		runtime.WithTimeout(30*time.Second),
//	)
//	pet, err := c.GetPet(ctx, 42, runtime.WithHeader("X-Trace", id)) // this call only
//
// Options: [WithUserAgent], [WithHeader], [WithoutHeader], [WithTimeout], [WithAttemptTimeout],
// [WithRetry], [WithNoRetry], [WithRetryBudget], [WithIdempotencyKey],
// [WithTLS], [WithInsecureSkipVerify], [WithProxy], [WithNoProxy],
// [WithTransportConfig], [WithHTTPClient], [WithRoundTripper],
// [WithMiddleware], [WithRequestHook], [WithResponseHook], [WithLogger],
// [WithLogHeaders], [WithRedactNames], [WithCookieJar], [WithMaxRedirects],
// [WithTrustedOrigins], [WithMaxPages], [WithResponse],
// [WithResponseHeaders], [WithCharsets], [WithClock]. Their values: [RetryPolicy],
// [RetryBudget] ([NewRetryBudget]), [TLSOptions], [TransportConfig],
// [Middleware], [RoundTripperFunc], [ResponseMeta], [Clock] and [Timer].
// The generated client holds a [Session]; [New] builds one directly.
// Limits: [MaxErrorBody], [MaxEventSize], [MaxMessageSize].
//
// What an option adds (client certificates and CA files, log/slog, the
// HTTP cache, the tables of legacy charsets) is linked into a program
// only when it uses that option, so a small consumer's binary is about
// what net/http and encoding/json alone would make it.
//
// # Credentials
//
// [Auth] values: [BasicAuth], [BearerToken], [BearerTokenSource] (a
// [TokenSource]), [APIKey], [DigestAuth], [ClientCredentials]
// ([ClientCredentialsConfig]), AWS Signature Version 4 with [SigV4]
// ([SigV4Config], credentials from [StaticAWSCredentials], an
// [AWSCredentialsFunc] or any [AWSCredentialsProvider] of
// [AWSCredentials]), or your own [SignerFunc], [Signer] or [Auth] (one
// that answers a challenge is a [Challenger]; a [TokenSource] of [Token]s,
// or a [TokenSourceFunc], that can drop a rejected token an
// [Invalidator]; one that signs the final request a [Signer]), or AWS
// Signature Version 4: [SigV4] with a [SigV4Config] and an
// [AWSCredentialsProvider] of [AWSCredentials] ([StaticAWSCredentials],
// [AWSCredentialsFunc]). Give one with
// [WithAuth] for every request, or use the generated With{Scheme} options,
// which send each credential only to the operations whose security asks
// for it, and only to the API's origin. [Secret] ([NewSecret]) keeps a value out of
// logs and errors; [WithInsecureCleartextAuth] allows credentials over
// plain http.
//
// # Caching and cookies
//
// [WithCache] gives a session a private HTTP cache (RFC 9111) for GET
// and HEAD: fresh responses are served without a request, stale ones are
// revalidated with their ETag or Last-Modified (a 304 returns the stored
// body), Vary and credentials separate entries, and unsafe methods
// invalidate. It keeps its entries in a [CacheStore]: by default a
// [MemoryCache] ([NewMemoryCache], [DefaultCacheSize] bytes, least
// recently used first out); see the CacheStore example for a disk store.
// Without WithCache nothing is cached; a 304 to the caller's own
// conditional request is a [*NotModifiedError] either way.
//
// A session has no cookie jar unless given one with [WithCookieJar];
// [Session.CookieJar] returns it. The jar of package runtime/cookiejar
// knows the public suffix list and saves and restores its cookies as
// JSON or as a Netscape cookies.txt file, for use in another process.
//
// # Values
//
// Optional fields are [Opt] ([Some], [None]); a struct with nullable
// fields names those that are null in its NullFields (see [Marshal]);
// [Nullable] ([Null], [NullableOf]) is absent, null or a value elsewhere
// (a required argument of a nullable type); format date is [Date]
// ([DateOf], [ParseDate]);
// file uploads are [File]; a binary response is an open [*Response].
// Outside a call, [Marshal] and [Unmarshal] encode and decode generated
// types as a call does (exact member names, unknown members kept).
// The properties a response has beyond its schema are kept in a
// struct's AdditionalProperties field, an [Unknown] ([Unknown.Get],
// [Unknown.All], [Unknown.Set], [Unknown.Delete], [Unknown.Len]).
//
// # Pagination and streams
//
// Generated {Name}All methods return an iter.Seq2 that fetches one page
// at a time; [Page] is one page with its items, [Link] and [ParseLinks]
// read Link headers; [WithMaxPages] bounds a walk, and [ErrPaginationLoop]
// [ErrCrossOriginLink] and [ErrMaxPages] stop one that goes wrong. Event streams yield
// [Event]s; [ReadEvents] and [ReadJSONStream] read a stream you hold.
//
// # Errors
//
// An error status is an [*APIError] (status, header, a bounded body, the
// document's error model in Model; [Problem] for RFC 9457 bodies); a
// failure to send or read is a [*TransportError]; a body that does not
// decode is a [*DecodeError]; a stream that fails midway a
// [*StreamError] or [*MessageError]; a proxy that refuses a [*ProxyError];
// a 304 a [*NotModifiedError] ([ErrNotModified]); a call cut short by its
// context an [*InterruptedError]. Use errors.As, or [ModelOf] (which
// generated packages wrap as As{Model}) for the declared model. Sentinels:
// [ErrRequired], [ErrInvalidValue], [ErrEmptyPathParam],
// [ErrRetryAfterTooLong], [ErrBodyNotReplayable], [ErrTooManyRedirects],
// [ErrInsecureRedirect], [ErrInsecureCredential], [ErrAttemptTimeout],
// [ErrReadIdleTimeout], [ErrMessageTooLarge], [ErrSessionClosed],
// [ErrClientCertificateRequired].
//
// # For generated code
//
// These exist for the code genclient writes and are not meant to be
// called by hand; their signatures follow the generator and may change
// with it. The documentation of each ends with "For generated code.":
//
//   - building a request: [NewCall] and the methods of [Call], [PathArg],
//     [PathStyle], the Style constants, [ArrayFormat], [Encoding],
//     [FormOf], [FormatParam], [JSONParam], [JSONBody], [Requirement],
//     [WithDefaultSecurity], [WithCredential], [NewIdempotencyKey];
//   - sending it and decoding the answer: [Exec], [Decode], [DecodeTo],
//     [DecodeFunc], [DecodeHeaders], [Text], [Stream], [JSONStream],
//     [StreamFormat], [ErrSeq], [Events], [NewErrorModel];
//   - pagination: [All], [AllAt], [AllFunc], [AllPaged], [Paging], [Pages],
//     [PagesFunc], [NextLink];
//   - JSON of generated types: [MarshalUnion], [UnmarshalUnion],
//     [UnionTags], [MarshalUnset],
//     [MarshalVariant], [MarshalTagged], [OneVariant], [DecodeUnion], [Discriminator], [Variant],
//     [VariantPtr], [VariantVal], [IsNull], [ModelText], [IsOneOf] (the
//     Valid method of a string enum);
//   - error models: [NewErrorModel], shared by the operations whose only
//     error response is "default".
//
// Request bodies a user passes to a generated {Name}WithBody method are
// [Body] values: [BytesBody], [ReaderBody], [TextBody], [FormBody],
// [MultipartBody] with [Part]s ([FieldPart], [FilePart], [ReaderPart]);
// generated code builds multipart bodies with [Multipart] ([NewMultipart]).
package runtime
