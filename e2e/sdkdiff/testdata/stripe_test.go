package sdkdiff

// stripe-go against the client generated from Stripe's document in the
// APIs.guru directory.

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"example.com/sdkdiff/stgen"
	"github.com/genclient/genclient/runtime"
	"github.com/stripe/stripe-go/v82"
)

// The generated names this file uses that come from inline schemas (the
// generator names them by their title when one shape has it, else after
// their place: operation, property, variant kind); they change when its
// naming does.
type (
	stCustomerAddress   = stgen.OptionalFieldsAddress
	stCustomFieldItem   = stgen.CustomFieldParams
	stCustomersCreated  = stgen.RangeQuerySpecs
	stChargesCreated    = stgen.RangeQuerySpecs
	stEventsCreated     = stgen.RangeQuerySpecs
	stLineItem          = stgen.LineItemParams
	stLinePriceData     = stgen.PriceDataWithProductData
	stLineProductData   = stgen.ProductData
	stPriceTier         = stgen.Tier
	stSubscriptionItem  = stgen.SubscriptionItemCreateParams
	stCancelDetails     = stgen.CancellationDetailsParam
	stUpdateItem        = stgen.SubscriptionItemUpdateParams
	stAutoPaymentMethod = stgen.AutomaticPaymentMethodsParam
)

var (
	stAddress        = stgen.NewAddressUnionOptionalFieldsAddress
	stCustomerMeta   = stgen.NewMetadataStringMap
	stCustomFields   = stgen.NewPostCustomFieldsCustomFieldParamsArray
	stCustomersRange = stgen.NewGetCreatedRangeQuerySpecs
	stChargesRange   = stgen.NewGetCreatedRangeQuerySpecs
	stChargesAt      = stgen.NewGetCreatedInt
	stEventsRange    = stgen.NewGetCreatedRangeQuerySpecs
	stChargeMeta     = stgen.NewMetadataStringMap
	stUpToInf        = func() stgen.TierUpTo {
		return stgen.NewTierUpToTierUpToInf(stgen.TierUpToInfInf)
	}
	stUpTo        = stgen.NewTierUpToInt
	stTrialEndNow = func() *stgen.TrialEnd {
		v := stgen.NewTrialEndNow(stgen.NowNow)
		return &v
	}
	stTaxRates = func(ids ...string) *stgen.TaxRates {
		v := stgen.NewTaxRatesStringArray(ids)
		return &v
	}
	stSubMeta = func(m map[string]string) *stgen.Metadata {
		v := stgen.NewMetadataStringMap(m)
		return &v
	}
	stRefundMeta = func(m map[string]string) *stgen.Metadata {
		v := stgen.NewMetadataStringMap(m)
		return &v
	}
	stWebhookMeta = func(m map[string]string) *stgen.Metadata {
		v := stgen.NewMetadataStringMap(m)
		return &v
	}
	stCouponMeta = func(m map[string]string) *stgen.Metadata {
		v := stgen.NewMetadataStringMap(m)
		return &v
	}
	stProductImages = func(urls ...string) *stgen.PostProductsIDRequestImages {
		v := stgen.NewPostProductsIDRequestImagesStringArray(urls)
		return &v
	}
	stProductIDMeta = func(m map[string]string) *stgen.Metadata {
		v := stgen.NewMetadataStringMap(m)
		return &v
	}
	stInvoiceFields = stgen.NewPostCustomFieldsCustomFieldParamsArray
	stInvoiceField  = func(name, value string) stgen.CustomFieldParams {
		return stgen.CustomFieldParams{Name: name, Value: value}
	}
	stInvoiceMeta = func(m map[string]string) *stgen.Metadata {
		v := stgen.NewMetadataStringMap(m)
		return &v
	}
	stUpdateItemsMeta = func(m map[string]string) *stgen.Metadata {
		v := stgen.NewMetadataStringMap(m)
		return &v
	}
)

// Differences kept on purpose, for every Stripe case.
var stPurpose = map[string]string{
	"Accept": "stripe-go sends no Accept header; the document's responses are application/json, which the runtime asks for",
}

// stDeletePurpose is the difference of a DELETE.
var stDeletePurpose = map[string]string{
	"Idempotency": "stripe-go sends an Idempotency-Key on DELETE too; a client-wide WithIdempotencyKey(\"\") keys the methods that are not idempotent (POST, PATCH): DELETE is (RFC 9110), and Stripe documents that a key on a DELETE has no effect",
}

func TestStripe(t *testing.T) {
	rec := &recorder{}
	backends := stripe.NewBackendsWithConfig(&stripe.BackendConfig{HTTPClient: &http.Client{Transport: rec}, MaxNetworkRetries: stripe.Int64(0),
		EnableTelemetry: stripe.Bool(false), LeveledLogger: &stripe.LeveledLogger{Level: stripe.LevelNull}})
	sc := stripe.NewClient("sk_test_123", stripe.WithBackends(backends))
	c, err := stgen.NewClient(stgen.DefaultServerURL, runtime.WithRoundTripper(rec), stgen.WithBearerAuth("sk_test_123"),
		runtime.WithRetry(runtime.RetryPolicy{MaxAttempts: 1}), runtime.WithIdempotencyKey(""))
	if err != nil {
		t.Fatal(err)
	}
	s := func(v string) *string { return stripe.String(v) }
	i := stripe.Int64
	b := stripe.Bool
	ss := func(v ...string) []*string { return stripe.StringSlice(v) }
	same := func(skip ...string) func(t *testing.T, o, u any) {
		return func(t *testing.T, o, u any) { sameJSON(t, sdkCanon(o), u, skip...) }
	}
	// list compares the items stripe-go's iterator yielded with the
	// data of our page.
	list := func(t *testing.T, o, u any) {
		data, err := jsonPath(u, "data")
		if err != nil {
			t.Fatal(err)
		}
		sameJSON(t, sdkCanon(o), data)
	}
	cases := []diffCase{
		{name: "customers create (nested address, metadata, arrays of strings and of objects, expand)", resp: customerJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Customers.Create(ctx, &stripe.CustomerCreateParams{
					Email: s("jenny.rosen@example.com"), Name: s("Jenny Rosen"), Description: s("a&b=c d"),
					Address:          &stripe.AddressParams{Line1: s("510 Townsend St"), City: s("San Francisco"), PostalCode: s("94103"), Country: s("US")},
					Metadata:         map[string]string{"order_id": "6735", "note": "x y"},
					PreferredLocales: ss("en", "fr"),
					TaxIDData:        []*stripe.CustomerCreateTaxIDDataParams{{Type: s("eu_vat"), Value: s("DE123456789")}, {Type: s("gb_vat"), Value: s("GB123456789")}},
					InvoiceSettings: &stripe.CustomerCreateInvoiceSettingsParams{CustomFields: []*stripe.CustomerCreateInvoiceSettingsCustomFieldParams{
						{Name: s("PO"), Value: s("123")}, {Name: s("Ref"), Value: s("a/b")}}},
					Expand: ss("default_source", "tax_ids"),
				})
			},
			ours: func(ctx context.Context) (any, error) {
				addr := stAddress(stCustomerAddress{Line1: runtime.Some("510 Townsend St"), City: runtime.Some("San Francisco"), PostalCode: runtime.Some("94103"), Country: runtime.Some("US")})
				meta := stCustomerMeta(map[string]string{"order_id": "6735", "note": "x y"})
				fields := stCustomFields([]stCustomFieldItem{{Name: "PO", Value: "123"}, {Name: "Ref", Value: "a/b"}})
				return c.PostCustomers(ctx, &stgen.PostCustomersRequest{
					Email: runtime.Some("jenny.rosen@example.com"), Name: runtime.Some("Jenny Rosen"), Description: runtime.Some("a&b=c d"),
					Address: &addr, Metadata: &meta, PreferredLocales: []string{"en", "fr"},
					TaxIDData:       []stgen.DataParams{{Type: stgen.GetInvoicesUpcomingCustomerDetailsTaxIDsItemTypeEuVat, Value: "DE123456789"}, {Type: stgen.GetInvoicesUpcomingCustomerDetailsTaxIDsItemTypeGbVat, Value: "GB123456789"}},
					InvoiceSettings: &stgen.CustomerParam{CustomFields: &fields},
					Expand:          []string{"default_source", "tax_ids"},
				})
			}},
		{name: "customers retrieve (escaped path, expand in the query)", resp: customerJSON, purpose: map[string]string{
			"Path": "a space in a path segment is %20; stripe-go escapes path parameters with url.QueryEscape, which writes +, a literal plus in a path (RFC 3986)",
		}, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Customers.Retrieve(ctx, "cus a/b", &stripe.CustomerRetrieveParams{Params: stripe.Params{Expand: ss("default_source", "invoice_settings.default_payment_method")}})
			},
			ours: func(ctx context.Context) (any, error) {
				v, err := c.GetCustomersCustomer(ctx, "cus a/b", &stgen.GetCustomersCustomerParams{Expand: []string{"default_source", "invoice_settings.default_payment_method"}})
				if err != nil {
					return nil, err
				}
				return v.Customer, nil
			}},
		{name: "customers retrieve a deleted customer (union variant)", resp: `{"id":"cus_gone","object":"customer","deleted":true}`,
			decoded: func(t *testing.T, o, u any) { sameJSON(t, sdkCanon(o), u) },
			official: func(ctx context.Context) (any, error) {
				return sc.V1Customers.Retrieve(ctx, "cus_gone", nil)
			},
			ours: func(ctx context.Context) (any, error) {
				v, err := c.GetCustomersCustomer(ctx, "cus_gone", nil)
				if err != nil {
					return nil, err
				}
				if v.DeletedCustomer == nil {
					t.Errorf("a deleted customer decoded into %+v", v)
				}
				return v.DeletedCustomer, nil
			}},
		{name: "customers update (metadata)", resp: customerJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Customers.Update(ctx, "cus_NffrFeUfNV2Hib", &stripe.CustomerUpdateParams{Params: stripe.Params{Metadata: map[string]string{"order_id": "6735"}}, PreferredLocales: ss("de")})
			},
			ours: func(ctx context.Context) (any, error) {
				meta := stgen.NewMetadataStringMap(map[string]string{"order_id": "6735"})
				return c.PostCustomersCustomer(ctx, "cus_NffrFeUfNV2Hib", &stgen.PostCustomersCustomerRequest{Metadata: &meta, PreferredLocales: []string{"de"}})
			}},
		{name: "customers delete", resp: `{"id":"cus_NffrFeUfNV2Hib","object":"customer","deleted":true}`, purpose: stDeletePurpose, decoded: same(),
			official: func(ctx context.Context) (any, error) { return sc.V1Customers.Delete(ctx, "cus_NffrFeUfNV2Hib", nil) },
			ours:     func(ctx context.Context) (any, error) { return c.DeleteCustomersCustomer(ctx, "cus_NffrFeUfNV2Hib") }},
		{name: "customers list (deepObject range, paging)", resp: listOf("/v1/customers", customerJSON), decoded: list,
			official: func(ctx context.Context) (any, error) {
				return collect(sc.V1Customers.List(ctx, &stripe.CustomerListParams{Email: s("jenny@example.com"), CreatedRange: &stripe.RangeQueryParams{GreaterThanOrEqual: 1700000000, LesserThan: 1800000000},
					ListParams: stripe.ListParams{Limit: i(3), StartingAfter: s("cus_1")}}))
			},
			ours: func(ctx context.Context) (any, error) {
				created := stCustomersRange(stCustomersCreated{Gte: runtime.Some(1700000000), Lt: runtime.Some(1800000000)})
				return c.GetCustomers(ctx, &stgen.GetCustomersParams{Email: runtime.Some("jenny@example.com"), Created: &created, Limit: runtime.Some(3), StartingAfter: runtime.Some("cus_1")})
			}},
		{name: "customers search (query language in the query)", resp: searchOf("/v1/customers/search", customerJSON), decoded: list,
			official: func(ctx context.Context) (any, error) {
				return collect(sc.V1Customers.Search(ctx, &stripe.CustomerSearchParams{SearchParams: stripe.SearchParams{Query: "name:'Jane Doe' AND metadata['foo']:'bar'", Limit: i(10)}}))
			},
			ours: func(ctx context.Context) (any, error) {
				return c.GetCustomersSearch(ctx, "name:'Jane Doe' AND metadata['foo']:'bar'", &stgen.GetCustomersSearchParams{Limit: runtime.Some(10)})
			}},
		{name: "customers create tax id", resp: `{"id":"txi_1","object":"tax_id","country":"DE","created":1680000000,"customer":"cus_1","livemode":false,"type":"eu_vat","value":"DE123456789","verification":{"status":"pending","verified_address":null,"verified_name":null}}`, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1TaxIDs.Create(ctx, &stripe.TaxIDCreateParams{Customer: s("cus_1"), Type: s("eu_vat"), Value: s("DE123456789")})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostCustomersCustomerTaxIDs(ctx, "cus_1", stgen.PostCustomersCustomerTaxIDsRequest{Type: stgen.GetInvoicesUpcomingCustomerDetailsTaxIDsItemTypeEuVat, Value: "DE123456789"})
			}},
		{name: "charges create (metadata union, shipping)", resp: chargeJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Charges.Create(ctx, &stripe.ChargeCreateParams{Amount: i(2000), Currency: s("usd"), Source: &stripe.PaymentSourceSourceParams{Token: s("tok_visa")},
					Description: s("My First Test Charge"), Params: stripe.Params{Metadata: map[string]string{"order": "1"}}})
			},
			ours: func(ctx context.Context) (any, error) {
				meta := stChargeMeta(map[string]string{"order": "1"})
				return c.PostCharges(ctx, &stgen.PostChargesRequest{Amount: runtime.Some(2000), Currency: runtime.Some("usd"), Source: runtime.Some("tok_visa"),
					Description: runtime.Some("My First Test Charge"), Metadata: &meta})
			}},
		{name: "charges retrieve (expanded customer variant)", resp: chargeExpandedJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Charges.Retrieve(ctx, "ch_3MmlLrLkdIwHu7ix0snN0B15", &stripe.ChargeRetrieveParams{Params: stripe.Params{Expand: ss("customer")}})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.GetChargesCharge(ctx, "ch_3MmlLrLkdIwHu7ix0snN0B15", &stgen.GetChargesChargeParams{Expand: []string{"customer"}})
			}},
		{name: "charges capture", resp: chargeJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Charges.Capture(ctx, "ch_1", &stripe.ChargeCaptureParams{Amount: i(1500), ReceiptEmail: s("a@example.com")})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostChargesChargeCapture(ctx, "ch_1", &stgen.PostChargesChargeCaptureRequest{Amount: runtime.Some(1500), ReceiptEmail: runtime.Some("a@example.com")})
			}},
		{name: "charges list (created range and exact)", resp: listOf("/v1/charges", chargeJSON), decoded: list,
			official: func(ctx context.Context) (any, error) {
				return collect(sc.V1Charges.List(ctx, &stripe.ChargeListParams{Customer: s("cus_1"), CreatedRange: &stripe.RangeQueryParams{GreaterThan: 1, LesserThanOrEqual: 2}}))
			},
			ours: func(ctx context.Context) (any, error) {
				created := stChargesRange(stChargesCreated{Gt: runtime.Some(1), Lte: runtime.Some(2)})
				return c.GetCharges(ctx, &stgen.GetChargesParams{Customer: runtime.Some("cus_1"), Created: &created})
			}},
		{name: "charges list (created as an integer variant)", resp: listOf("/v1/charges", chargeJSON), decoded: list,
			official: func(ctx context.Context) (any, error) {
				return collect(sc.V1Charges.List(ctx, &stripe.ChargeListParams{Created: i(1700000000), ListParams: stripe.ListParams{Expand: ss("data.customer")}}))
			},
			ours: func(ctx context.Context) (any, error) {
				created := stChargesAt(1700000000)
				return c.GetCharges(ctx, &stgen.GetChargesParams{Created: &created, Expand: []string{"data.customer"}})
			}},
		{name: "payment intents create (array of strings, nested object, metadata)", resp: paymentIntentJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1PaymentIntents.Create(ctx, &stripe.PaymentIntentCreateParams{Amount: i(2000), Currency: s("usd"),
					AutomaticPaymentMethods: &stripe.PaymentIntentCreateAutomaticPaymentMethodsParams{Enabled: b(true)},
					Metadata:                map[string]string{"integration_check": "accept_a_payment"}, Customer: s("cus_1"), Confirm: b(false),
					PaymentMethodTypes: ss("card", "link")})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostPaymentIntents(ctx, stgen.PostPaymentIntentsRequest{Amount: 2000, Currency: "usd",
					AutomaticPaymentMethods: &stAutoPaymentMethod{Enabled: true},
					Metadata:                map[string]string{"integration_check": "accept_a_payment"}, Customer: runtime.Some("cus_1"), Confirm: runtime.Some(false),
					PaymentMethodTypes: []string{"card", "link"}})
			}},
		{name: "payment intents retrieve (expanded payment method variant)", resp: paymentIntentExpandedJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1PaymentIntents.Retrieve(ctx, "pi_1", &stripe.PaymentIntentRetrieveParams{ClientSecret: s("pi_1_secret_x"), Params: stripe.Params{Expand: ss("payment_method")}})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.GetPaymentIntentsIntent(ctx, "pi_1", &stgen.GetPaymentIntentsIntentParams{ClientSecret: runtime.Some("pi_1_secret_x"), Expand: []string{"payment_method"}})
			}},
		{name: "payment intents confirm", resp: paymentIntentJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1PaymentIntents.Confirm(ctx, "pi_1", &stripe.PaymentIntentConfirmParams{PaymentMethod: s("pm_card_visa"), ReturnURL: s("https://example.com/return?a=b&c=d")})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostPaymentIntentsIntentConfirm(ctx, "pi_1", &stgen.PostPaymentIntentsIntentConfirmRequest{PaymentMethod: runtime.Some("pm_card_visa"), ReturnURL: runtime.Some("https://example.com/return?a=b&c=d")})
			}},
		{name: "payment intents cancel", resp: paymentIntentJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1PaymentIntents.Cancel(ctx, "pi_1", &stripe.PaymentIntentCancelParams{CancellationReason: s("requested_by_customer")})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostPaymentIntentsIntentCancel(ctx, "pi_1", &stgen.PostPaymentIntentsIntentCancelRequest{CancellationReason: runtime.Some(stgen.PostPaymentIntentsIntentCancelRequestCancellationReasonRequestedByCustomer)})
			}},
		{name: "checkout sessions create (line items: array of objects with nested price data and metadata)", resp: checkoutSessionJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1CheckoutSessions.Create(ctx, &stripe.CheckoutSessionCreateParams{Mode: s("payment"), SuccessURL: s("https://example.com/success?session_id={CHECKOUT_SESSION_ID}"),
					LineItems: []*stripe.CheckoutSessionCreateLineItemParams{
						{Price: s("price_1MotwRLkdIwHu7ixYcPLm5uZ"), Quantity: i(2)},
						{PriceData: &stripe.CheckoutSessionCreateLineItemPriceDataParams{Currency: s("usd"), UnitAmount: i(500),
							ProductData: &stripe.CheckoutSessionCreateLineItemPriceDataProductDataParams{Name: s("T-shirt"), Metadata: map[string]string{"size": "M"}}}, Quantity: i(1)},
					},
					Metadata: map[string]string{"cart": "42"}, PaymentMethodTypes: ss("card")})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostCheckoutSessions(ctx, stgen.PostCheckoutSessionsRequest{Mode: runtime.Some(stgen.ModePayment), SuccessURL: "https://example.com/success?session_id={CHECKOUT_SESSION_ID}",
					LineItems: []stLineItem{
						{Price: runtime.Some("price_1MotwRLkdIwHu7ixYcPLm5uZ"), Quantity: runtime.Some(2)},
						{PriceData: &stLinePriceData{Currency: "usd", UnitAmount: runtime.Some(500), ProductData: &stLineProductData{Name: "T-shirt", Metadata: map[string]string{"size": "M"}}}, Quantity: runtime.Some(1)},
					},
					Metadata: map[string]string{"cart": "42"}, PaymentMethodTypes: []stgen.PostCheckoutSessionsRequestPaymentMethodTypesItem{stgen.PostCheckoutSessionsRequestPaymentMethodTypesItemCard}})
			}},
		{name: "checkout sessions list line items", resp: listOf("/v1/checkout/sessions/cs_1/line_items", lineItemJSON), decoded: list,
			official: func(ctx context.Context) (any, error) {
				return collect(sc.V1CheckoutSessions.ListLineItems(ctx, &stripe.CheckoutSessionListLineItemsParams{Session: s("cs_1"), ListParams: stripe.ListParams{Limit: i(5)}}))
			},
			ours: func(ctx context.Context) (any, error) {
				return c.GetCheckoutSessionsSessionLineItems(ctx, "cs_1", &stgen.GetCheckoutSessionsSessionLineItemsParams{Limit: runtime.Some(5)})
			}},
		{name: "products create (images, metadata)", resp: productJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Products.Create(ctx, &stripe.ProductCreateParams{Name: s("Gold Plan"), Images: ss("https://example.com/a.png", "https://example.com/b.png"),
					Metadata: map[string]string{"tier": "gold"}, Shippable: b(false)})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostProducts(ctx, stgen.PostProductsRequest{Name: "Gold Plan", Images: []string{"https://example.com/a.png", "https://example.com/b.png"},
					Metadata: map[string]string{"tier": "gold"}, Shippable: runtime.Some(false)})
			}},
		{name: "products update (array and metadata unions)", resp: productJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Products.Update(ctx, "prod_1", &stripe.ProductUpdateParams{Images: ss("https://example.com/c.png"), Params: stripe.Params{Metadata: map[string]string{"tier": "silver"}}})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostProductsID(ctx, "prod_1", &stgen.PostProductsIDRequest{Images: stProductImages("https://example.com/c.png"), Metadata: stProductIDMeta(map[string]string{"tier": "silver"})})
			}},
		{name: "prices create (tiers: array of objects with an int-or-inf union, recurring)", resp: priceJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Prices.Create(ctx, &stripe.PriceCreateParams{Currency: s("usd"), Product: s("prod_1"), BillingScheme: s("tiered"), TiersMode: s("graduated"),
					Recurring: &stripe.PriceCreateRecurringParams{Interval: s("month"), IntervalCount: i(1)},
					Tiers:     []*stripe.PriceCreateTierParams{{UpTo: i(5), UnitAmount: i(500)}, {UpToInf: b(true), UnitAmount: i(400), FlatAmount: i(100)}}})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostPrices(ctx, stgen.PostPricesRequest{Currency: "usd", Product: runtime.Some("prod_1"), BillingScheme: runtime.Some(stgen.BillingSchemeTiered), TiersMode: runtime.Some(stgen.TiersModeGraduated),
					Recurring: &stgen.RecurringObject{Interval: stgen.GetInvoicesUpcomingLinesSubscriptionItemsItemPriceDataRecurringIntervalMonth, IntervalCount: runtime.Some(1)},
					Tiers:     []stPriceTier{{UpTo: stUpTo(5), UnitAmount: runtime.Some(500)}, {UpTo: stUpToInf(), UnitAmount: runtime.Some(400), FlatAmount: runtime.Some(100)}}})
			}},
		{name: "prices list (array in the query, deepObject recurring)", resp: listOf("/v1/prices", priceJSON), decoded: list,
			official: func(ctx context.Context) (any, error) {
				return collect(sc.V1Prices.List(ctx, &stripe.PriceListParams{LookupKeys: ss("gold", "silver"), Recurring: &stripe.PriceListRecurringParams{Interval: s("month")},
					Active: b(true), Type: s("recurring")}))
			},
			ours: func(ctx context.Context) (any, error) {
				return c.GetPrices(ctx, &stgen.GetPricesParams{LookupKeys: []string{"gold", "silver"}, Recurring: &stgen.AllPricesRecurringParams{Interval: runtime.Some(stgen.GetInvoicesUpcomingLinesSubscriptionItemsItemPriceDataRecurringIntervalMonth)},
					Active: runtime.Some(true), Type: runtime.Some(stgen.GetPricesTypeRecurring)})
			}},
		{name: "subscriptions create (items with metadata, tax rates, trial_end \"now\" union)", resp: subscriptionJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Subscriptions.Create(ctx, &stripe.SubscriptionCreateParams{Customer: s("cus_1"),
					Items:           []*stripe.SubscriptionCreateItemParams{{Price: s("price_1"), Quantity: i(2), Metadata: map[string]string{"seat": "a"}}, {Price: s("price_2")}},
					DefaultTaxRates: ss("txr_1", "txr_2"), TrialEndNow: b(true), Metadata: map[string]string{"plan": "x"}, Expand: ss("latest_invoice.payment_intent")})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostSubscriptions(ctx, stgen.PostSubscriptionsRequest{Customer: "cus_1",
					Items:           []stSubscriptionItem{{Price: runtime.Some("price_1"), Quantity: runtime.Some(2), Metadata: map[string]string{"seat": "a"}}, {Price: runtime.Some("price_2")}},
					DefaultTaxRates: stTaxRates("txr_1", "txr_2"), TrialEnd: stTrialEndNow(), Metadata: stSubMeta(map[string]string{"plan": "x"}), Expand: []string{"latest_invoice.payment_intent"}})
			}},
		{name: "subscriptions update (items: id, deleted, metadata)", resp: subscriptionJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Subscriptions.Update(ctx, "sub_1", &stripe.SubscriptionUpdateParams{ProrationBehavior: s("none"), CancelAtPeriodEnd: b(true),
					Items: []*stripe.SubscriptionUpdateItemParams{{ID: s("si_1"), Deleted: b(true)}, {Price: s("price_3"), Metadata: map[string]string{"k": "v"}}}})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostSubscriptionsSubscriptionExposedID(ctx, "sub_1", &stgen.PostSubscriptionsSubscriptionExposedIDRequest{ProrationBehavior: runtime.Some(stgen.ProrationBehaviorNone), CancelAtPeriodEnd: runtime.Some(true),
					Items: []stUpdateItem{{ID: runtime.Some("si_1"), Deleted: runtime.Some(true)}, {Price: runtime.Some("price_3"), Metadata: stUpdateItemsMeta(map[string]string{"k": "v"})}}})
			}},
		{name: "subscriptions cancel (DELETE with a form body)", resp: subscriptionJSON, purpose: map[string]string{
			"Query":       "stripe-go sends the parameters of a DELETE in the query; the document declares them as the form body of the DELETE",
			"Body":        "the document declares a form body for this DELETE, which is sent; stripe-go sends none",
			"ContentType": "the form body's media type, which stripe-go does not send with a DELETE",
			"Idempotency": stDeletePurpose["Idempotency"],
		}, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Subscriptions.Cancel(ctx, "sub_1", &stripe.SubscriptionCancelParams{InvoiceNow: b(true), Prorate: b(false),
					CancellationDetails: &stripe.SubscriptionCancelCancellationDetailsParams{Comment: s("too pricey"), Feedback: s("too_expensive")}})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.DeleteSubscriptionsSubscriptionExposedID(ctx, "sub_1", &stgen.DeleteSubscriptionsSubscriptionExposedIDRequest{InvoiceNow: runtime.Some(true), Prorate: runtime.Some(false),
					CancellationDetails: &stCancelDetails{Comment: runtime.Some("too pricey"), Feedback: runtime.Some(stgen.CancellationDetailsParamFeedbackTooExpensive)}})
			}},
		{name: "invoices create (custom fields: array of objects in a union)", resp: invoiceJSON, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Invoices.Create(ctx, &stripe.InvoiceCreateParams{Customer: s("cus_1"), AutoAdvance: b(false), CollectionMethod: s("send_invoice"), DaysUntilDue: i(30),
					CustomFields: []*stripe.InvoiceCreateCustomFieldParams{{Name: s("PO"), Value: s("1")}, {Name: s("Dept"), Value: s("R&D")}}, Metadata: map[string]string{"k": "v"}})
			},
			ours: func(ctx context.Context) (any, error) {
				fields := stInvoiceFields([]stgen.CustomFieldParams{stInvoiceField("PO", "1"), stInvoiceField("Dept", "R&D")})
				return c.PostInvoices(ctx, &stgen.PostInvoicesRequest{Customer: runtime.Some("cus_1"), AutoAdvance: runtime.Some(false), CollectionMethod: runtime.Some(stgen.CollectionMethodSendInvoice), DaysUntilDue: runtime.Some(30),
					CustomFields: &fields, Metadata: stInvoiceMeta(map[string]string{"k": "v"})})
			}},
		{name: "invoices search", resp: searchOf("/v1/invoices/search", invoiceJSON), decoded: list,
			official: func(ctx context.Context) (any, error) {
				return collect(sc.V1Invoices.Search(ctx, &stripe.InvoiceSearchParams{SearchParams: stripe.SearchParams{Query: "total>999 AND metadata['order_id']:'6735'", Page: s("next_1")}}))
			},
			ours: func(ctx context.Context) (any, error) {
				return c.GetInvoicesSearch(ctx, "total>999 AND metadata['order_id']:'6735'", &stgen.GetInvoicesSearchParams{Page: runtime.Some("next_1")})
			}},
		{name: "refunds create", resp: `{"id":"re_1","object":"refund","amount":100,"charge":"ch_1","created":1692942318,"currency":"usd","metadata":{"why":"dup"},"payment_intent":"pi_1","reason":"duplicate","status":"succeeded"}`, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Refunds.Create(ctx, &stripe.RefundCreateParams{Charge: s("ch_1"), Amount: i(100), Reason: s("duplicate"), Metadata: map[string]string{"why": "dup"}})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostRefunds(ctx, &stgen.PostRefundsRequest{Charge: runtime.Some("ch_1"), Amount: runtime.Some(100), Reason: runtime.Some(stgen.ReasonEnumDuplicate), Metadata: stRefundMeta(map[string]string{"why": "dup"})})
			}},
		{name: "balance retrieve", resp: `{"object":"balance","available":[{"amount":666670,"currency":"usd","source_types":{"card":666670}}],"connect_reserved":[{"amount":0,"currency":"usd"}],"livemode":false,"pending":[{"amount":61414,"currency":"usd","source_types":{"card":61414}}]}`, decoded: same(),
			official: func(ctx context.Context) (any, error) { return sc.V1Balance.Retrieve(ctx, nil) },
			ours:     func(ctx context.Context) (any, error) { return c.GetBalance(ctx, nil) }},
		{name: "files create (multipart upload to the files host)", resp: fileJSON, purpose: map[string]string{
			"Body": "the document declares the part file as a plain string (no format: binary), so it is sent as a field without a file name; stripe-go sends a file part named after the file",
		}, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Files.Create(ctx, &stripe.FileCreateParams{FileReader: strings.NewReader("evidence"), Filename: s("e.txt"), Purpose: s("dispute_evidence"),
					FileLinkData: &stripe.FileCreateFileLinkDataParams{Create: b(true)}})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostFiles(ctx, stgen.PostFilesMultipart{File: "evidence", Purpose: stgen.PostFilesRequestPurposeDisputeEvidence, FileLinkData: &stgen.FileLinkCreationParams{Create: true}})
			}},
		{name: "payment methods attach", resp: `{"id":"pm_1","object":"payment_method","billing_details":{"address":{"city":null,"country":null,"line1":null,"line2":null,"postal_code":null,"state":null},"email":null,"name":null,"phone":null},"card":{"brand":"visa","checks":{"address_line1_check":null,"address_postal_code_check":null,"cvc_check":"pass"},"country":"US","exp_month":8,"exp_year":2026,"fingerprint":"fp","funding":"credit","last4":"4242","networks":{"available":["visa"],"preferred":null}},"created":1,"customer":"cus_1","livemode":false,"metadata":{},"type":"card"}`, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1PaymentMethods.Attach(ctx, "pm_1", &stripe.PaymentMethodAttachParams{Customer: s("cus_1")})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostPaymentMethodsPaymentMethodAttach(ctx, "pm_1", stgen.PostPaymentMethodsPaymentMethodAttachRequest{Customer: "cus_1"})
			}},
		{name: "setup intents create", resp: `{"id":"seti_1","object":"setup_intent","client_secret":"seti_1_secret","created":1,"customer":"cus_1","livemode":false,"metadata":{"k":"v"},"payment_method_types":["card"],"status":"requires_payment_method","usage":"off_session"}`, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1SetupIntents.Create(ctx, &stripe.SetupIntentCreateParams{Customer: s("cus_1"), PaymentMethodTypes: ss("card"), Usage: s("off_session"), Metadata: map[string]string{"k": "v"}})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostSetupIntents(ctx, &stgen.PostSetupIntentsRequest{Customer: runtime.Some("cus_1"), PaymentMethodTypes: []string{"card"}, Usage: runtime.Some(stgen.UsageOffSession), Metadata: map[string]string{"k": "v"}})
			}},
		{name: "coupons create (map of objects, nested array)", resp: `{"id":"Z4OV52SU","object":"coupon","amount_off":null,"created":1678037688,"currency":"usd","currency_options":{"eur":{"amount_off":400}},"duration":"repeating","duration_in_months":3,"livemode":false,"max_redemptions":null,"metadata":{"a":"b"},"name":"25.5% off","percent_off":25.5,"redeem_by":null,"times_redeemed":0,"valid":true}`, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1Coupons.Create(ctx, &stripe.CouponCreateParams{PercentOff: stripe.Float64(25.5), Duration: s("repeating"), DurationInMonths: i(3), Name: s("25.5% off"),
					AppliesTo:       &stripe.CouponCreateAppliesToParams{Products: ss("prod_1", "prod_2")},
					CurrencyOptions: map[string]*stripe.CouponCreateCurrencyOptionsParams{"eur": {AmountOff: i(400)}}, Metadata: map[string]string{"a": "b"}})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostCoupons(ctx, &stgen.PostCouponsRequest{PercentOff: runtime.Some(25.5), Duration: runtime.Some(stgen.DurationRepeating), DurationInMonths: runtime.Some(3), Name: runtime.Some("25.5% off"),
					AppliesTo:       &stgen.AppliesToParams{Products: []string{"prod_1", "prod_2"}},
					CurrencyOptions: map[string]stgen.PostCouponsRequestCurrencyOptionsValue{"eur": {AmountOff: 400}}, Metadata: stCouponMeta(map[string]string{"a": "b"})})
			}},
		{name: "webhook endpoints create (array of enums)", resp: `{"id":"we_1","object":"webhook_endpoint","api_version":null,"application":null,"created":1,"description":null,"enabled_events":["charge.failed","charge.succeeded"],"livemode":false,"metadata":{"env":"test"},"secret":"whsec_x","status":"enabled","url":"https://example.com/hook"}`, decoded: same(),
			official: func(ctx context.Context) (any, error) {
				return sc.V1WebhookEndpoints.Create(ctx, &stripe.WebhookEndpointCreateParams{URL: s("https://example.com/hook"), EnabledEvents: ss("charge.failed", "charge.succeeded"), Metadata: map[string]string{"env": "test"}})
			},
			ours: func(ctx context.Context) (any, error) {
				return c.PostWebhookEndpoints(ctx, stgen.PostWebhookEndpointsRequest{URL: "https://example.com/hook",
					EnabledEvents: []stgen.PostWebhookEndpointsRequestEnabledEventsItem{stgen.PostWebhookEndpointsRequestEnabledEventsItemChargeFailed, stgen.PostWebhookEndpointsRequestEnabledEventsItemChargeSucceeded},
					Metadata:      stWebhookMeta(map[string]string{"env": "test"})})
			}},
		{name: "events list (array of types, range)", resp: listOf("/v1/events", eventJSON), decoded: list,
			official: func(ctx context.Context) (any, error) {
				return collect(sc.V1Events.List(ctx, &stripe.EventListParams{Types: ss("charge.succeeded", "charge.failed"), CreatedRange: &stripe.RangeQueryParams{GreaterThanOrEqual: 5}, DeliverySuccess: b(false)}))
			},
			ours: func(ctx context.Context) (any, error) {
				created := stEventsRange(stEventsCreated{Gte: runtime.Some(5)})
				return c.GetEvents(ctx, &stgen.GetEventsParams{Types: []string{"charge.succeeded", "charge.failed"}, Created: &created, DeliverySuccess: runtime.Some(false)})
			}},
		{name: "error model (402 card error)", status: 402, resp: `{"error":{"code":"card_declined","decline_code":"insufficient_funds","doc_url":"https://stripe.com/docs/error-codes/card-declined","message":"Your card has insufficient funds.","param":"","type":"card_error","charge":"ch_1"}}`,
			official: func(ctx context.Context) (any, error) {
				_, err := sc.V1Charges.Create(ctx, &stripe.ChargeCreateParams{Amount: i(2000), Currency: s("usd")})
				var e *stripe.Error
				if !errors.As(err, &e) {
					return nil, err
				}
				return map[string]any{"code": string(e.Code), "decline_code": string(e.DeclineCode), "message": e.Msg, "type": string(e.Type), "doc_url": e.DocURL}, err
			},
			ours: func(ctx context.Context) (any, error) {
				_, err := c.PostCharges(ctx, &stgen.PostChargesRequest{Amount: runtime.Some(2000), Currency: runtime.Some("usd")})
				m, ok := stgen.AsError(err)
				if !ok {
					t.Errorf("no Error in %v", err)
					return nil, err
				}
				e := m.Error
				return map[string]any{"code": e.Code.Value, "decline_code": e.DeclineCode.Value, "message": e.Message.Value, "type": string(e.Type), "doc_url": e.DocURL.Value}, err
			},
			decoded: func(t *testing.T, o, u any) { sameJSON(t, o, u) }},
	}
	run(t, "Stripe (stripe-go)", rec, stPurpose, cases)
}

// collect drains a stripe-go list iterator: the first page, since the
// canned page says has_more: false.
func collect[T any](seq stripe.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// jsonPath returns the member name of v's JSON encoding.
func jsonPath(v any, name string) (any, error) {
	b, err := runtime.Marshal(v)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := runtime.Unmarshal(b, &m); err != nil {
		return nil, err
	}
	return m[name], nil
}

func listOf(url string, items ...string) string {
	return `{"object":"list","url":"` + url + `","has_more":false,"data":[` + strings.Join(items, ",") + `]}`
}

func searchOf(url string, items ...string) string {
	return `{"object":"search_result","url":"` + url + `","has_more":false,"next_page":null,"data":[` + strings.Join(items, ",") + `]}`
}

const customerJSON = `{"id":"cus_NffrFeUfNV2Hib","object":"customer","address":{"city":"San Francisco","country":"US","line1":"510 Townsend St","line2":null,"postal_code":"94103","state":null},"balance":0,"created":1680893993,"currency":null,"default_source":null,"delinquent":false,"description":"a&b=c d","discount":null,"email":"jennyrosen@example.com","invoice_prefix":"0759376C","invoice_settings":{"custom_fields":[{"name":"PO","value":"123"}],"default_payment_method":"pm_1","footer":null,"rendering_options":null},"livemode":false,"metadata":{"order_id":"6735"},"name":"Jenny Rosen","next_invoice_sequence":1,"phone":null,"preferred_locales":["en","fr"],"shipping":null,"tax_exempt":"none","test_clock":null}`

const chargeJSON = `{"id":"ch_3MmlLrLkdIwHu7ix0snN0B15","object":"charge","amount":1099,"amount_captured":1099,"amount_refunded":0,"balance_transaction":"txn_3MmlLrLkdIwHu7ix0uke3Ezy","billing_details":{"address":{"city":null,"country":null,"line1":null,"line2":null,"postal_code":null,"state":null},"email":null,"name":null,"phone":null},"calculated_statement_descriptor":"Stripe","captured":true,"created":1679090539,"currency":"usd","customer":"cus_1","description":null,"disputed":false,"failure_code":null,"failure_message":null,"fraud_details":{},"livemode":false,"metadata":{"order":"1"},"outcome":{"network_status":"approved_by_network","reason":null,"risk_level":"normal","risk_score":32,"seller_message":"Payment complete.","type":"authorized"},"paid":true,"payment_intent":null,"payment_method":"card_1MmlLrLkdIwHu7ixIJwEWSNR","payment_method_details":{"card":{"brand":"visa","country":"US","exp_month":3,"exp_year":2024,"fingerprint":"mToisGZ01V71BCos","funding":"credit","last4":"4242","network":"visa"},"type":"card"},"receipt_url":"https://pay.stripe.com/receipts/x","refunded":false,"refunds":{"object":"list","data":[],"has_more":false,"url":"/v1/charges/ch_3MmlLrLkdIwHu7ix0snN0B15/refunds"},"status":"succeeded"}`

// chargeExpandedJSON is chargeJSON with its customer expanded.
var chargeExpandedJSON = strings.Replace(chargeJSON, `"customer":"cus_1"`, `"customer":`+customerJSON, 1)

const paymentIntentJSON = `{"id":"pi_1","object":"payment_intent","amount":2000,"amount_capturable":0,"amount_received":0,"automatic_payment_methods":{"enabled":true},"capture_method":"automatic","client_secret":"pi_1_secret_x","confirmation_method":"automatic","created":1680800504,"currency":"usd","customer":"cus_1","latest_charge":"ch_1","livemode":false,"metadata":{"integration_check":"accept_a_payment"},"payment_method":"pm_1","payment_method_types":["card","link"],"status":"requires_payment_method"}`

// paymentIntentExpandedJSON has its payment method and latest charge
// expanded.
var paymentIntentExpandedJSON = strings.Replace(strings.Replace(paymentIntentJSON, `"payment_method":"pm_1"`, `"payment_method":{"id":"pm_1","object":"payment_method","created":1,"customer":"cus_1","livemode":false,"metadata":{},"type":"card","billing_details":{"email":"a@example.com"},"card":{"brand":"visa","last4":"4242","exp_month":8,"exp_year":2026}}`, 1),
	`"latest_charge":"ch_1"`, `"latest_charge":`+chargeJSON, 1)

const checkoutSessionJSON = `{"id":"cs_test_1","object":"checkout.session","amount_subtotal":1500,"amount_total":1500,"automatic_tax":{"enabled":false,"status":null},"cancel_url":null,"created":1679600215,"currency":"usd","customer":null,"expires_at":1679686615,"livemode":false,"metadata":{"cart":"42"},"mode":"payment","payment_method_types":["card"],"payment_status":"unpaid","status":"open","success_url":"https://example.com/success","total_details":{"amount_discount":0,"amount_shipping":0,"amount_tax":0},"url":"https://checkout.stripe.com/c/pay/cs_test_1"}`

const lineItemJSON = `{"id":"li_1","object":"item","amount_discount":0,"amount_subtotal":1000,"amount_tax":0,"amount_total":1000,"currency":"usd","description":"T-shirt","price":{"id":"price_1","object":"price","active":true,"billing_scheme":"per_unit","created":1,"currency":"usd","livemode":false,"metadata":{},"product":"prod_1","type":"one_time","unit_amount":500},"quantity":2}`

const productJSON = `{"id":"prod_1","object":"product","active":true,"created":1678833149,"default_price":null,"description":null,"images":["https://example.com/a.png","https://example.com/b.png"],"livemode":false,"metadata":{"tier":"gold"},"name":"Gold Plan","package_dimensions":null,"shippable":false,"statement_descriptor":null,"tax_code":null,"unit_label":null,"updated":1678833149,"url":null}`

const priceJSON = `{"id":"price_1","object":"price","active":true,"billing_scheme":"tiered","created":1679431181,"currency":"usd","livemode":false,"lookup_key":"gold","metadata":{},"nickname":null,"product":"prod_1","recurring":{"aggregate_usage":null,"interval":"month","interval_count":1,"usage_type":"licensed"},"tax_behavior":"unspecified","tiers":[{"flat_amount":null,"flat_amount_decimal":null,"unit_amount":500,"unit_amount_decimal":"500","up_to":5},{"flat_amount":100,"flat_amount_decimal":"100","unit_amount":400,"unit_amount_decimal":"400","up_to":null}],"tiers_mode":"graduated","type":"recurring","unit_amount":null}`

const subscriptionJSON = `{"id":"sub_1","object":"subscription","billing_cycle_anchor":1679609767,"cancel_at_period_end":false,"collection_method":"charge_automatically","created":1679609767,"currency":"usd","current_period_end":1682288167,"current_period_start":1679609767,"customer":"cus_1","default_tax_rates":[{"id":"txr_1","object":"tax_rate","active":true,"created":1,"display_name":"VAT","inclusive":false,"livemode":false,"percentage":19}],"items":{"object":"list","data":[{"id":"si_1","object":"subscription_item","created":1679609768,"metadata":{"seat":"a"},"price":{"id":"price_1","object":"price","active":true,"currency":"usd","product":"prod_1","type":"recurring","unit_amount":1000},"quantity":2,"subscription":"sub_1"}],"has_more":false,"url":"/v1/subscription_items?subscription=sub_1"},"latest_invoice":"in_1","livemode":false,"metadata":{"plan":"x"},"start_date":1679609767,"status":"active","trial_end":null}`

const invoiceJSON = `{"id":"in_1","object":"invoice","amount_due":0,"amount_paid":0,"amount_remaining":0,"attempt_count":0,"attempted":false,"auto_advance":false,"collection_method":"send_invoice","created":1680644467,"currency":"usd","custom_fields":[{"name":"PO","value":"1"}],"customer":"cus_1","days_until_due":30,"livemode":false,"lines":{"object":"list","data":[],"has_more":false,"url":"/v1/invoices/in_1/lines"},"metadata":{"k":"v"},"number":null,"status":"draft","total":0}`

const fileJSON = `{"id":"file_1","object":"file","created":1680000000,"expires_at":null,"filename":"e.txt","links":{"object":"list","data":[{"id":"link_1","object":"file_link","created":1,"expired":false,"file":"file_1","livemode":false,"metadata":{},"url":"https://files.stripe.com/links/x"}],"has_more":false,"url":"/v1/file_links?file=file_1"},"purpose":"dispute_evidence","size":8,"title":null,"type":"txt","url":"https://files.stripe.com/v1/files/file_1/contents"}`

const eventJSON = `{"id":"evt_1","object":"event","api_version":"2022-11-15","created":1680064028,"data":{"object":{"id":"ch_1","object":"charge","amount":100}},"livemode":false,"pending_webhooks":0,"request":{"id":"req_1","idempotency_key":"k"},"type":"charge.succeeded"}`
