package etcde2e

// User code: every call is plain Go against the generated client (no
// strconv, no hand-built request, no raw JSON). Each decoded value is
// checked against the server's bytes by the harness (check, checkStream).

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"example.com/etcde2e/etcd"
	"github.com/genclient/genclient/runtime"
)

func TestKV(t *testing.T) {
	c, rec := newClient(t)
	ctx := context.Background()
	values := map[string][]byte{
		"kv/a": {0x00, 0xff, 0xfe, 0x01},
		"kv/b": []byte("\x80binary\x00value"),
		"kv/c": bytes.Repeat([]byte{0xc3, 0x28}, 100),
	}
	prefix, end := []byte("kv/"), []byte("kv0") // the prefix "kv/" ends before "kv0"
	var first int64
	for _, k := range []string{"kv/a", "kv/b", "kv/c"} {
		put, err := c.Kv.Put(ctx, etcd.EtcdserverpbPutRequest{Key: []byte(k), Value: values[k]})
		must(t, err)
		check(t, rec, "/v3/kv/put", put)
		if first == 0 {
			first = put.Header.Revision.Value()
		}
	}
	if first <= 0 {
		t.Fatalf("revision %d", first)
	}

	all, err := c.Kv.Range(ctx, etcd.EtcdserverpbRangeRequest{Key: prefix, RangeEnd: end})
	must(t, err)
	check(t, rec, "/v3/kv/range", all)
	if all.Count.Value() != 3 || len(all.Kvs) != 3 {
		t.Fatalf("prefix range: count %d, %d kvs", all.Count.Value(), len(all.Kvs))
	}
	for _, kv := range all.Kvs {
		if !bytes.Equal(kv.Value, values[string(kv.Key)]) {
			t.Errorf("%q = %x, want %x", kv.Key, kv.Value, values[string(kv.Key)])
		}
		if kv.CreateRevision.Value() < first || kv.Version.Value() != 1 {
			t.Errorf("%q: create revision %d, version %d", kv.Key, kv.CreateRevision.Value(), kv.Version.Value())
		}
	}

	top, err := c.Kv.Range(ctx, etcd.EtcdserverpbRangeRequest{
		Key: prefix, RangeEnd: end, Limit: runtime.Some[int64](2),
		SortOrder: etcd.RangeRequestSortOrderDescend, SortTarget: etcd.RangeRequestSortTargetKey,
	})
	must(t, err)
	check(t, rec, "/v3/kv/range", top)
	if len(top.Kvs) != 2 || string(top.Kvs[0].Key) != "kv/c" || string(top.Kvs[1].Key) != "kv/b" || !top.More.Value() || top.Count.Value() != 3 {
		t.Errorf("limit 2, descending: %d kvs, more %v, count %d", len(top.Kvs), top.More.Value(), top.Count.Value())
	}

	counted, err := c.Kv.Range(ctx, etcd.EtcdserverpbRangeRequest{Key: prefix, RangeEnd: end, CountOnly: runtime.Some(true)})
	must(t, err)
	check(t, rec, "/v3/kv/range", counted)
	if counted.Count.Value() != 3 || len(counted.Kvs) != 0 {
		t.Errorf("count only: count %d, %d kvs", counted.Count.Value(), len(counted.Kvs))
	}

	_, err = c.Kv.Put(ctx, etcd.EtcdserverpbPutRequest{Key: []byte("kv/a"), Value: []byte("new")})
	must(t, err)
	old, err := c.Kv.Range(ctx, etcd.EtcdserverpbRangeRequest{Key: []byte("kv/a"), Revision: runtime.Some(first)})
	must(t, err)
	check(t, rec, "/v3/kv/range", old)
	if len(old.Kvs) != 1 || !bytes.Equal(old.Kvs[0].Value, values["kv/a"]) || old.Header.Revision.Value() <= first {
		t.Errorf("range at revision %d: %+v", first, old.Kvs)
	}

	del, err := c.Kv.DeleteRange(ctx, etcd.EtcdserverpbDeleteRangeRequest{Key: prefix, RangeEnd: end, PrevKv: runtime.Some(true)})
	must(t, err)
	check(t, rec, "/v3/kv/deleterange", del)
	if del.Deleted.Value() != 3 || len(del.PrevKvs) != 3 {
		t.Fatalf("delete range: deleted %d, %d previous kvs", del.Deleted.Value(), len(del.PrevKvs))
	}
	for _, kv := range del.PrevKvs {
		want := values[string(kv.Key)]
		if string(kv.Key) == "kv/a" {
			want = []byte("new")
		}
		if !bytes.Equal(kv.Value, want) {
			t.Errorf("previous %q = %x, want %x", kv.Key, kv.Value, want)
		}
	}

	// A transaction: if txn/k is "1", set it to "2", else read it.
	_, err = c.Kv.Put(ctx, etcd.EtcdserverpbPutRequest{Key: []byte("txn/k"), Value: []byte("1")})
	must(t, err)
	txn := etcd.EtcdserverpbTxnRequest{
		Compare: []etcd.EtcdserverpbCompare{{
			Key: []byte("txn/k"), Target: etcd.CompareCompareTargetValue,
			Result: etcd.CompareCompareResultEqual, Value: []byte("1"),
		}},
		Success: []etcd.EtcdserverpbRequestOp{{RequestPut: &etcd.EtcdserverpbPutRequest{Key: []byte("txn/k"), Value: []byte("2"), PrevKv: runtime.Some(true)}}},
		Failure: []etcd.EtcdserverpbRequestOp{{RequestRange: &etcd.EtcdserverpbRangeRequest{Key: []byte("txn/k")}}},
	}
	won, err := c.Kv.Txn(ctx, txn)
	must(t, err)
	check(t, rec, "/v3/kv/txn", won)
	if !won.Succeeded.Value() || len(won.Responses) != 1 || won.Responses[0].ResponsePut == nil ||
		!bytes.Equal(won.Responses[0].ResponsePut.PrevKv.Value, []byte("1")) {
		t.Errorf("txn success branch: %+v", won)
	}
	lost, err := c.Kv.Txn(ctx, txn)
	must(t, err)
	check(t, rec, "/v3/kv/txn", lost)
	if lost.Succeeded.Value() || len(lost.Responses) != 1 || lost.Responses[0].ResponseRange == nil ||
		len(lost.Responses[0].ResponseRange.Kvs) != 1 || !bytes.Equal(lost.Responses[0].ResponseRange.Kvs[0].Value, []byte("2")) {
		t.Errorf("txn failure branch: %+v", lost)
	}
}

func TestWatch(t *testing.T) {
	c, rec := newClient(t)
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// The writer makes one change each time the watcher has received the
	// previous one, so the events arrive one by one, in messages of
	// their own, while the stream stays open.
	changes := []func() error{
		func() error {
			_, err := c.Kv.Put(ctx, etcd.EtcdserverpbPutRequest{Key: []byte("w/1"), Value: []byte{0x01, 0x00}})
			return err
		},
		func() error {
			_, err := c.Kv.Put(ctx, etcd.EtcdserverpbPutRequest{Key: []byte("w/2"), Value: []byte{0x02}})
			return err
		},
		func() error {
			_, err := c.Kv.Put(ctx, etcd.EtcdserverpbPutRequest{Key: []byte("w/1"), Value: []byte{0x03}})
			return err
		},
		func() error {
			_, err := c.Kv.DeleteRange(ctx, etcd.EtcdserverpbDeleteRangeRequest{Key: []byte("w/2")})
			return err
		},
	}
	next := make(chan bool, 1)
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for _, change := range changes {
			if !<-next {
				return
			}
			if err := change(); err != nil {
				t.Errorf("writer: %v", err)
				return
			}
		}
	}()
	var msgs []etcd.EtcdserverpbWatchResponse
	var events []etcd.MvccpbEvent
	watch := etcd.EtcdserverpbWatchRequest{CreateRequest: &etcd.EtcdserverpbWatchCreateRequest{
		Key: []byte("w/"), RangeEnd: []byte("w0"), PrevKv: runtime.Some(true),
	}}
	for m, err := range c.Watch.Watch(ctx, watch) {
		if err != nil {
			next <- false
			t.Fatal(err)
		}
		msgs = append(msgs, m)
		events = append(events, m.Events...)
		if len(events) == len(changes) {
			break
		}
		next <- true
	}
	wg.Wait()
	checkStream(t, rec, "/v3/watch", msgs)
	if len(msgs) != 1+len(changes) || !msgs[0].Created.Value() {
		t.Errorf("%d messages (want the creation, then one per change), created %v", len(msgs), msgs[0].Created.Value())
	}
	want := []struct {
		typ        etcd.EventEventType
		key        string
		value, old []byte
	}{
		{etcd.EventEventTypePut, "w/1", []byte{0x01, 0x00}, nil},
		{etcd.EventEventTypePut, "w/2", []byte{0x02}, nil},
		{etcd.EventEventTypePut, "w/1", []byte{0x03}, []byte{0x01, 0x00}},
		{etcd.EventEventTypeDelete, "w/2", nil, []byte{0x02}},
	}
	for i, ev := range events {
		// PUT is the enum's default: proto3 JSON leaves it out.
		typ := ev.Type
		if typ == "" {
			typ = etcd.EventEventTypePut
		}
		var old []byte
		if ev.PrevKv != nil {
			old = ev.PrevKv.Value
		}
		if typ != want[i].typ || string(ev.Kv.Key) != want[i].key || !bytes.Equal(ev.Kv.Value, want[i].value) || !bytes.Equal(old, want[i].old) {
			t.Errorf("event %d: %s %q=%x (previous %x), want %s %q=%x (previous %x)", i, typ, ev.Kv.Key, ev.Kv.Value, old,
				want[i].typ, want[i].key, want[i].value, want[i].old)
		}
		if i > 0 && ev.Kv.ModRevision.Value() <= events[i-1].Kv.ModRevision.Value() {
			t.Errorf("event %d: revision %d after %d", i, ev.Kv.ModRevision.Value(), events[i-1].Kv.ModRevision.Value())
		}
	}

	// Cancelling the context ends a watch that is waiting for events.
	cctx, ccancel := context.WithCancel(ctx)
	defer ccancel()
	var errs []error
	for m, err := range c.Watch.Watch(cctx, watch) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		if m.Created.Value() {
			ccancel()
		}
	}
	if len(errs) != 1 || !errors.Is(errs[0], context.Canceled) {
		t.Errorf("cancelled watch: %v", errs)
	}
}

func TestLease(t *testing.T) {
	c, rec := newClient(t)
	ctx := context.Background()
	g, err := c.Lease.Grant(ctx, etcd.EtcdserverpbLeaseGrantRequest{TTL: runtime.Some[int64](60)})
	must(t, err)
	check(t, rec, "/v3/lease/grant", g)
	if g.ID.Value() == 0 || g.TTL.Value() != 60 {
		t.Fatalf("grant: ID %d, TTL %d", g.ID.Value(), g.TTL.Value())
	}
	_, err = c.Kv.Put(ctx, etcd.EtcdserverpbPutRequest{Key: []byte("lease/k"), Value: []byte("v"), Lease: g.ID})
	must(t, err)

	var alive []etcd.EtcdserverpbLeaseKeepAliveResponse
	for m, err := range c.Lease.KeepAlive(ctx, etcd.EtcdserverpbLeaseKeepAliveRequest{ID: g.ID}) {
		must(t, err)
		alive = append(alive, m)
	}
	checkStream(t, rec, "/v3/lease/keepalive", alive)
	if len(alive) != 1 || alive[0].ID != g.ID || alive[0].TTL.Value() != 60 {
		t.Errorf("keep-alive: %+v", alive)
	}

	ttl, err := c.Lease.TimeToLive(ctx, etcd.EtcdserverpbLeaseTimeToLiveRequest{ID: g.ID, Keys: runtime.Some(true)})
	must(t, err)
	check(t, rec, "/v3/lease/timetolive", ttl)
	if ttl.GrantedTTL.Value() != 60 || ttl.TTL.Value() <= 0 || ttl.TTL.Value() > 60 || len(ttl.Keys) != 1 || string(ttl.Keys[0]) != "lease/k" {
		t.Errorf("time to live: granted %d, TTL %d, keys %q", ttl.GrantedTTL.Value(), ttl.TTL.Value(), ttl.Keys)
	}

	rv, err := c.Lease.Revoke(ctx, etcd.EtcdserverpbLeaseRevokeRequest{ID: g.ID})
	must(t, err)
	check(t, rec, "/v3/lease/revoke", rv)
	gone, err := c.Kv.Range(ctx, etcd.EtcdserverpbRangeRequest{Key: []byte("lease/k"), CountOnly: runtime.Some(true)})
	must(t, err)
	if gone.Count.Value() != 0 {
		t.Errorf("the key of a revoked lease is still there")
	}

	// The lease is gone: revoking it again is a typed 404.
	_, err = c.Lease.Revoke(ctx, etcd.EtcdserverpbLeaseRevokeRequest{ID: g.ID})
	var apiErr *runtime.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 {
		t.Fatalf("revoking an unknown lease: %v", err)
	}
	if apiErr.Model != nil {
		t.Errorf("a 404 the document does not declare got a model: %#v", apiErr.Model)
	}
	if msg := err.Error(); !bytes.HasSuffix([]byte(msg), []byte(`"code":5}`)) || !bytes.Contains([]byte(msg), []byte("requested lease not found")) {
		t.Errorf("error text %q", msg)
	}
}

func TestSnapshot(t *testing.T) {
	c, rec := newClient(t)
	ctx := context.Background()
	status, err := c.Maintenance.Status(ctx, etcd.EtcdserverpbStatusRequest{})
	must(t, err)
	check(t, rec, "/v3/maintenance/status", status)
	if got := sent(t, rec, "/v3/maintenance/status"); got != "{}" {
		t.Errorf("an empty request sent %q, want {}", got)
	}
	if status.DbSize.Value() <= 0 || status.Version.Value() == "" || status.Header.MemberID.Value() == 0 {
		t.Errorf("status: %+v", status)
	}

	// Enough data for a snapshot of several chunks (etcd sends 32 KiB).
	big := bytes.Repeat([]byte{0x00, 0x9c, 0xff, 0x41}, 16<<10)
	for _, k := range []string{"snap/1", "snap/2", "snap/3"} {
		_, err := c.Kv.Put(ctx, etcd.EtcdserverpbPutRequest{Key: []byte(k), Value: big})
		must(t, err)
	}

	var chunks []etcd.EtcdserverpbSnapshotResponse
	var db []byte
	for m, err := range c.Maintenance.Snapshot(ctx, etcd.EtcdserverpbSnapshotRequest{}) {
		must(t, err)
		chunks = append(chunks, m)
		db = append(db, m.Blob...)
	}
	checkStream(t, rec, "/v3/maintenance/snapshot", chunks)
	if len(chunks) < 2 || len(db) == 0 {
		t.Fatalf("snapshot: %d chunks, %d bytes", len(chunks), len(db))
	}
	// Each chunk says how many bytes of the database follow it; the last
	// one is the database's SHA-256 digest.
	if r := chunks[0].RemainingBytes.Value(); r == 0 || r+uint64(len(chunks[0].Blob))+32 != uint64(len(db)) {
		t.Errorf("first chunk: %d bytes, %d remaining, of %d", len(chunks[0].Blob), r, len(db))
	}
	for i := 1; i < len(chunks); i++ {
		if prev, r := chunks[i-1].RemainingBytes.Value(), chunks[i].RemainingBytes.Value(); r > prev {
			t.Errorf("chunk %d: %d bytes remaining after %d", i, r, prev)
		}
	}
	if last := chunks[len(chunks)-1]; last.RemainingBytes.Value() != 0 || len(last.Blob) != 32 {
		t.Errorf("last chunk: %d bytes, %d remaining", len(last.Blob), last.RemainingBytes.Value())
	}
	if len(db) < 3*len(big) {
		t.Errorf("snapshot of %d bytes holds less than the %d written", len(db), 3*len(big))
	}
}

func TestAuth(t *testing.T) {
	c, rec := newClient(t)
	ctx := context.Background()
	_, err := c.Auth.RoleAdd(ctx, etcd.EtcdserverpbAuthRoleAddRequest{Name: runtime.Some("root")})
	must(t, err)
	_, err = c.Auth.UserAdd(ctx, etcd.EtcdserverpbAuthUserAddRequest{Name: runtime.Some("root"), Password: runtime.Some("s3cret")})
	must(t, err)
	_, err = c.Auth.UserGrantRole(ctx, etcd.EtcdserverpbAuthUserGrantRoleRequest{User: runtime.Some("root"), Role: runtime.Some("root")})
	must(t, err)
	en, err := c.Auth.Enable(ctx, etcd.EtcdserverpbAuthEnableRequest{})
	must(t, err)
	check(t, rec, "/v3/auth/enable", en)

	_, err = c.Kv.Put(ctx, etcd.EtcdserverpbPutRequest{Key: []byte("auth/k"), Value: []byte("v")})
	var apiErr *runtime.APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode < 400 {
		t.Errorf("a put without a token: %v", err)
	}

	auth, err := c.Auth.Authenticate(ctx, etcd.EtcdserverpbAuthenticateRequest{Name: runtime.Some("root"), Password: runtime.Some("s3cret")})
	must(t, err)
	check(t, rec, "/v3/auth/authenticate", auth)
	if auth.Token.Value() == "" {
		t.Fatal("no token")
	}
	ac, arec := newClient(t, etcd.WithAPIKey(auth.Token.Value()))
	_, err = ac.Kv.Put(ctx, etcd.EtcdserverpbPutRequest{Key: []byte("auth/k"), Value: []byte{0xff}})
	must(t, err)
	got, err := ac.Kv.Range(ctx, etcd.EtcdserverpbRangeRequest{Key: []byte("auth/k")})
	must(t, err)
	check(t, arec, "/v3/kv/range", got)
	if len(got.Kvs) != 1 || !bytes.Equal(got.Kvs[0].Value, []byte{0xff}) {
		t.Errorf("range with a token: %+v", got.Kvs)
	}
	dis, err := ac.Auth.Disable(ctx, etcd.EtcdserverpbAuthDisableRequest{})
	must(t, err)
	check(t, arec, "/v3/auth/disable", dis)
	_, err = c.Kv.Range(ctx, etcd.EtcdserverpbRangeRequest{Key: []byte("auth/k")})
	must(t, err)
}
