package enums

// Copied next to the generated enums client by TestGolden.

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/genclient/genclient/runtime"
)

func TestValid(t *testing.T) {
	for v, want := range map[Color]bool{ColorRed: true, ColorGreen: true, ColorBlue: true, "Red": false, "": false, "purple": false} {
		if got := v.Valid(); got != want {
			t.Errorf("Color(%q).Valid() = %v, want %v", v, got, want)
		}
	}
	for v, want := range map[LightMode]bool{LightModeBlinkFast: true, "blink": false} {
		if got := v.Valid(); got != want {
			t.Errorf("LightMode(%q).Valid() = %v, want %v", v, got, want)
		}
	}
	for v, want := range map[Level]bool{Level1: true, Level3: true, 0: false, 4: false} {
		if got := v.Valid(); got != want {
			t.Errorf("Level(%d).Valid() = %v, want %v", v, got, want)
		}
	}
}

func TestInvalidEnumParameterFailsBeforeIO(t *testing.T) {
	hits := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hits++
		w.Header().Set("Content-Type", "application/json")
		w.Write([]byte(`[{"color":"red"}]`))
	}))
	defer srv.Close()
	c, err := NewClient(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListLights(context.Background(), &ListLightsParams{Color: "purple"}); !errors.Is(err, runtime.ErrInvalidValue) {
		t.Fatalf("ListLights with color purple: %v, want ErrInvalidValue", err)
	}
	if hits != 0 {
		t.Fatalf("the server was called %d times for an invalid argument", hits)
	}
	lights, err := c.ListLights(context.Background(), &ListLightsParams{Color: ColorRed})
	if err != nil || len(lights) != 1 || lights[0].Color != ColorRed || hits != 1 {
		t.Fatalf("ListLights with color red: %v, %v (hits %d)", lights, err, hits)
	}
}
