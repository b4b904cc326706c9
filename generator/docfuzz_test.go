package generator

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/genclient/genclient/internal/docgrammar"
)

// FuzzDocuments builds OpenAPI documents from the fuzzer's bytes with
// package docgrammar, each byte a choice in a grammar of what real
// documents hold, with names that collide with each other and with what
// the generator and Go declare. Byte mutations of a YAML seed
// (FuzzGenerate) seldom stay a document; these always are one, so the
// fuzzer explores combinations rather than syntax.
// Each document goes through checkGenerate: loaded, generated twice to the
// same bytes, parsed and type-checked.
//
// TestDocuments runs a fixed set of these documents every time.
func FuzzDocuments(f *testing.F) {
	for seed := range uint64(16) {
		f.Add(docgrammar.Seed(seed, 64))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkDocument(t, docgrammar.Document(data))
	})
}

// TestDocuments checks 500 documents of FuzzDocuments' grammar built from
// fixed pseudo-random bytes, and that the loader accepts every one.
func TestDocuments(t *testing.T) {
	n := uint64(500)
	if testing.Short() {
		n = 40
	}
	var refused []string
	for seed := range n {
		data := docgrammar.Seed(seed, 256)
		doc := docgrammar.Document(data)
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			if !checkDocument(t, doc) {
				refused = append(refused, fmt.Sprint(seed))
			}
		})
	}
	// All of these are valid documents, and the loader takes all of
	// them today: a refusal is a regression, or a grammar change that
	// needs a look.
	if len(refused) > 0 {
		t.Errorf("the loader refused %d of %d documents (seeds %s)", len(refused), n, strings.Join(refused, " "))
	}
}

// checkDocument writes doc and checks it with checkGenerate, reporting
// whether the loader accepted it.
func checkDocument(t *testing.T, doc map[string]any) bool {
	t.Helper()
	data, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "doc.json")
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	defer func() {
		if t.Failed() {
			t.Logf("document:\n%s", data)
		}
	}()
	return checkGenerate(t, p)
}
