package runtime

import (
	"errors"
	"fmt"
	"testing"
)

type errModel struct {
	Message string `json:"message"`
}

func (e *errModel) Error() string { return ModelText("pkg: errModel", e) }

type otherModel struct{ Code int }

func TestErrorModelInOneStep(t *testing.T) {
	api := &APIError{StatusCode: 404, Model: &errModel{Message: "gone"}}
	err := fmt.Errorf("call: %w", api)
	var m *errModel
	if !errors.As(err, &m) || m.Message != "gone" {
		t.Errorf("errors.As: %v", m)
	}
	if got := m.Error(); got != `pkg: errModel: {"message":"gone"}` {
		t.Errorf("Error() = %q", got)
	}
	if m2, ok := ModelOf[errModel](err); !ok || m2.Message != "gone" {
		t.Errorf("ModelOf: %v %v", m2, ok)
	}
	if _, ok := ModelOf[otherModel](err); ok {
		t.Error("ModelOf found a model of another type")
	}
	// A body that did not decode: no model, the APIError is still there.
	bare := fmt.Errorf("call: %w", &APIError{StatusCode: 502, Body: []byte("<html>")})
	m = nil
	if errors.As(bare, &m) || m != nil {
		t.Errorf("errors.As found a model in a bare APIError: %v", m)
	}
	if _, ok := ModelOf[errModel](bare); ok {
		t.Error("ModelOf found a model in a bare APIError")
	}
	if _, ok := ModelOf[errModel](errors.New("plain")); ok {
		t.Error("ModelOf found a model in a plain error")
	}
	var apiErr *APIError
	if !errors.As(bare, &apiErr) || apiErr.StatusCode != 502 {
		t.Error("APIError not found")
	}
}
