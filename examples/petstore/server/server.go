// Package server is a real, in-memory petstore server for the example: it
// implements the OAI petstore-expanded document and validates every request
// it receives and every response it sends against that document with
// kin-openapi's openapi3filter. A request that violates the document gets a
// 400; a response that would violate it is replaced by a 500. Both are
// recorded, so tests can assert there were none.
package server

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// Pet is a stored pet.
type Pet struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Tag  string `json:"tag,omitempty"`
}

type apiError struct {
	Code    int32  `json:"code"`
	Message string `json:"message"`
}

// Server is a running petstore. Create it with Start; stop it with Close.
type Server struct {
	URL string // base URL of the API, e.g. "http://127.0.0.1:41234/api"

	srv *http.Server
	ln  net.Listener

	mu         sync.Mutex
	pets       map[int64]Pet
	nextID     int64
	violations []string
}

// Start loads spec (the petstore-expanded document), listens on a free
// loopback port and serves the API under /api.
func Start(spec []byte) (*Server, error) {
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(spec)
	if err != nil {
		return nil, fmt.Errorf("server: loading spec: %w", err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	s := &Server{ln: ln, pets: map[int64]Pet{}, nextID: 1}
	s.URL = "http://" + ln.Addr().String() + "/api"
	doc.Servers = openapi3.Servers{{URL: s.URL}}
	router, err := gorillamux.NewRouter(doc)
	if err != nil {
		ln.Close()
		return nil, fmt.Errorf("server: routing spec: %w", err)
	}
	v := openapi3filter.NewValidator(router,
		openapi3filter.Strict(true),
		openapi3filter.OnLog(func(_ context.Context, msg string, err error) {
			s.mu.Lock()
			s.violations = append(s.violations, fmt.Sprintf("%s: %v", msg, err))
			s.mu.Unlock()
		}),
		openapi3filter.OnErr(func(_ context.Context, w http.ResponseWriter, status int, _ openapi3filter.ErrCode, err error) {
			writeJSON(w, status, apiError{Code: int32(status), Message: err.Error()})
		}),
	)
	mux := http.NewServeMux()
	mux.HandleFunc("GET /api/pets", s.findPets)
	mux.HandleFunc("POST /api/pets", s.addPet)
	mux.HandleFunc("GET /api/pets/{id}", s.findPet)
	mux.HandleFunc("DELETE /api/pets/{id}", s.deletePet)
	s.srv = &http.Server{Handler: v.Middleware(mux)}
	go s.srv.Serve(ln)
	return s, nil
}

// Close stops the server and waits for its connections to end.
func (s *Server) Close() error {
	return s.srv.Shutdown(context.Background())
}

// Violations returns every request or response that did not match the
// document, in order.
func (s *Server) Violations() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.violations)
}

func (s *Server) findPets(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	var tags []string
	for _, t := range q["tags"] {
		tags = append(tags, strings.Split(t, ",")...)
	}
	limit := -1
	if l := q.Get("limit"); l != "" {
		n, err := strconv.Atoi(l)
		if err != nil {
			writeJSON(w, http.StatusBadRequest, apiError{Code: 400, Message: "bad limit"})
			return
		}
		limit = n
	}
	s.mu.Lock()
	out := []Pet{}
	for _, p := range s.pets {
		if len(tags) == 0 || slices.Contains(tags, p.Tag) {
			out = append(out, p)
		}
	}
	s.mu.Unlock()
	slices.SortFunc(out, func(a, b Pet) int { return int(a.ID - b.ID) })
	if limit >= 0 && len(out) > limit {
		out = out[:limit]
	}
	writeJSON(w, http.StatusOK, out)
}

func (s *Server) addPet(w http.ResponseWriter, r *http.Request) {
	var p Pet
	if err := json.NewDecoder(r.Body).Decode(&p); err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Code: 400, Message: "invalid body: " + err.Error()})
		return
	}
	s.mu.Lock()
	p.ID = s.nextID
	s.nextID++
	s.pets[p.ID] = p
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) lookup(w http.ResponseWriter, r *http.Request) (int64, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		writeJSON(w, http.StatusBadRequest, apiError{Code: 400, Message: "id must be an integer"})
		return 0, false
	}
	s.mu.Lock()
	_, ok := s.pets[id]
	s.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusNotFound, apiError{Code: 404, Message: fmt.Sprintf("pet %d not found", id)})
	}
	return id, ok
}

func (s *Server) findPet(w http.ResponseWriter, r *http.Request) {
	id, ok := s.lookup(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	p := s.pets[id]
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) deletePet(w http.ResponseWriter, r *http.Request) {
	id, ok := s.lookup(w, r)
	if !ok {
		return
	}
	s.mu.Lock()
	delete(s.pets, id)
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v) // a client gone away is not our concern
}
