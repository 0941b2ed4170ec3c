package kernel

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Known HMACs of "The quick brown fox jumps over the lazy dog" with key
// "key" (RFC 4231-style vectors, as computed by Python's hmac module),
// with the text split over the four signed parts.
func TestSignKnownVectors(t *testing.T) {
	parts := [4][]byte{[]byte("The quick "), []byte("brown fox "), []byte("jumps over "), []byte("the lazy dog")}
	tests := []struct{ scheme, want string }{
		{"hmac-sha256", "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"},
		{"", "f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8"},
		{"hmac-sha1", "de7c9b85b8b78aa6bc8a7a36f70a90701c9db4d9"},
		{"hmac-md5", "80070713463e7749b90c2dc24911e275"},
		{"hmac-sha512", "b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a"},
	}
	for _, tt := range tests {
		s, err := NewSigner(tt.scheme, []byte("key"))
		if err != nil {
			t.Fatalf("NewSigner(%q): %v", tt.scheme, err)
		}
		if got := string(s.Sign(parts)); got != tt.want {
			t.Errorf("Sign with %q = %s, want %s", tt.scheme, got, tt.want)
		}
		if err := s.Verify([]byte(strings.ToUpper(tt.want)), parts); err != nil {
			t.Errorf("Verify(upper-case hex) with %q: %v", tt.scheme, err)
		}
	}
}

func TestUnknownScheme(t *testing.T) {
	_, err := NewSigner("hmac-sha3000", []byte("k"))
	if err == nil || !strings.Contains(err.Error(), `unknown signature_scheme "hmac-sha3000"`) || !strings.Contains(err.Error(), "hmac-sha256") {
		t.Errorf("NewSigner(unknown) = %v", err)
	}
}

func TestDecode(t *testing.T) {
	signed, _ := NewSigner("hmac-sha256", []byte("k"))
	unsigned, _ := NewSigner("hmac-sha256", nil)
	msg := func(s *Signer, content string) [][]byte {
		f, err := s.Encode(&Message{Identities: [][]byte{[]byte("peer")},
			Header:  Header{MsgID: "m1", MsgType: "execute_request", Version: "5.3", Date: "2026-01-01T00:00:00Z"},
			Content: json.RawMessage(content), Buffers: [][]byte{[]byte("buf")}})
		if err != nil {
			t.Fatal(err)
		}
		return f
	}
	mutate := func(f [][]byte, i int, b string) [][]byte {
		f = cloneFrames(f)
		f[i] = []byte(b)
		return f
	}
	good := msg(signed, `{"code":"1"}`)
	tests := []struct {
		name   string
		signer *Signer
		frames [][]byte
		err    error  // wanted sentinel, or
		errMsg string // wanted message part
	}{
		{"good", signed, good, nil, ""},
		{"unsigned kernel accepts any signature", unsigned, mutate(good, 2, "whatever"), nil, ""},
		{"unsigned message", signed, mutate(good, 2, ""), ErrUnsigned, ""},
		{"bad signature", signed, mutate(good, 2, strings.Repeat("0", 64)), ErrBadSignature, ""},
		{"short signature", signed, mutate(good, 2, "ab"), ErrBadSignature, ""},
		{"content changed", signed, mutate(good, 6, `{"code":"2"}`), ErrBadSignature, ""},
		{"no delimiter", signed, [][]byte{[]byte("a"), []byte("b")}, ErrNoDelimiter, ""},
		{"too few frames", signed, good[:5], ErrShortMessage, ""},
		{"empty", signed, nil, ErrNoDelimiter, ""},
		{"header not json", unsigned, mutate(good, 3, "{"), nil, "header:"},
		{"no msg_type", unsigned, mutate(good, 3, `{"msg_id":"x"}`), nil, "no msg_type"},
		{"parent not object", unsigned, mutate(good, 4, `null`), nil, "parent_header"},
		{"metadata not json", unsigned, mutate(good, 5, `[`), nil, "metadata:"},
		{"content array", unsigned, mutate(good, 6, `[]`), nil, "content: not a JSON object"},
	}
	for _, tt := range tests {
		m, err := tt.signer.Decode(tt.frames)
		switch {
		case tt.err != nil:
			if !errors.Is(err, tt.err) {
				t.Errorf("%s: err = %v, want %v", tt.name, err, tt.err)
			}
		case tt.errMsg != "":
			if err == nil || !strings.Contains(err.Error(), tt.errMsg) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.errMsg)
			}
		case err != nil:
			t.Errorf("%s: %v", tt.name, err)
		default:
			if m.Header.MsgType != "execute_request" || string(m.Identities[0]) != "peer" || string(m.Buffers[0]) != "buf" || len(m.RawHeader) == 0 {
				t.Errorf("%s: decoded %+v", tt.name, m)
			}
		}
	}
	// The same signature twice is a replay.
	s2, _ := NewSigner("hmac-sha256", []byte("k"))
	if _, err := s2.Decode(good); err != nil {
		t.Fatal(err)
	}
	if _, err := s2.Decode(good); !errors.Is(err, ErrReplayed) {
		t.Errorf("replay: %v", err)
	}
}

// TestEncodeFrames pins the wire layout and that the signature covers
// exactly the four JSON parts as sent.
func TestEncodeFrames(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", []byte("k"))
	f, err := s.Encode(&Message{Identities: [][]byte{[]byte("a"), []byte("b")}, Header: Header{MsgType: "x"},
		Metadata: map[string]any{"v": 1.5}})
	if err != nil {
		t.Fatal(err)
	}
	if len(f) != 8 || string(f[2]) != delimiter || string(f[4]) == "" || string(f[5]) != "{}" || string(f[6]) != `{"v":1.5}` || string(f[7]) != "{}" {
		t.Fatalf("frames = %q", f)
	}
	if want := s.Sign([4][]byte{f[4], f[5], f[6], f[7]}); string(f[3]) != string(want) {
		t.Errorf("signature %s, want %s", f[3], want)
	}
	// Unsigned: empty signature frame.
	u, _ := NewSigner("hmac-sha256", nil)
	f, _ = u.Encode(&Message{Header: Header{MsgType: "x"}})
	if len(f[1]) != 0 {
		t.Errorf("unsigned signature = %q", f[1])
	}
}

func TestReplayHistoryIsBounded(t *testing.T) {
	s, _ := NewSigner("hmac-sha256", []byte("k"))
	for i := range maxSeen + 10 {
		p := [4][]byte{[]byte(strings.Repeat("x", i%7)), []byte{byte(i), byte(i >> 8), byte(i >> 16)}}
		if err := s.Verify(s.Sign(p), p); err != nil {
			t.Fatalf("message %d: %v", i, err)
		}
	}
	if len(s.seen) > maxSeen || len(s.seen) != len(s.fifo) {
		t.Errorf("seen %d, fifo %d", len(s.seen), len(s.fifo))
	}
}

func TestReadConnectionFile(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name, body string
		endpoint   string // of shell, when valid
		err        string
	}{
		{"tcp", `{"transport":"tcp","ip":"127.0.0.1","shell_port":5001,"iopub_port":5002,"stdin_port":5003,"control_port":5004,"hb_port":5005,"key":"k","signature_scheme":"hmac-sha256"}`, "tcp://127.0.0.1:5001", ""},
		{"ipc", `{"transport":"ipc","ip":"/tmp/kernel-1","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"","signature_scheme":"hmac-sha256"}`, "ipc:///tmp/kernel-1-1", ""},
		{"bad transport", `{"transport":"udp","ip":"x","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5}`, "", `transport "udp"`},
		{"bad scheme", `{"transport":"tcp","ip":"x","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"signature_scheme":"rot13"}`, "", `unknown signature_scheme "rot13"`},
		{"no port", `{"transport":"tcp","ip":"x","shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4}`, "", "hb_port 0 out of range"},
		{"no ip", `{"transport":"tcp","shell_port":1}`, "", `no "ip"`},
		{"not json", `{`, "", "unexpected end of JSON"},
	}
	for _, tt := range tests {
		path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".json")
		os.WriteFile(path, []byte(tt.body), 0o600)
		ci, err := ReadConnectionFile(path)
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) || !strings.Contains(err.Error(), path) {
				t.Errorf("%s: err = %v, want %q and the path", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("%s: %v", tt.name, err)
			continue
		}
		if got := ci.Endpoint(ci.ShellPort); got != tt.endpoint {
			t.Errorf("%s: endpoint %s, want %s", tt.name, got, tt.endpoint)
		}
	}
	if _, err := ReadConnectionFile(filepath.Join(dir, "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestQueryHistory(t *testing.T) {
	h := []historyEntry{{1, "a := 1", nil}, {2, "a", "1"}, {3, "b := 2", nil}, {4, "a", "1"}}
	n := func(i int) *int { return &i }
	tests := []struct {
		req  historyRequest
		want string
	}{
		{historyRequest{HistAccessType: "tail", N: n(2)}, "[[1 3 b := 2] [1 4 a]]"},
		{historyRequest{HistAccessType: "tail", N: n(9), Output: true}, "[[1 1 [a := 1 <nil>]] [1 2 [a 1]] [1 3 [b := 2 <nil>]] [1 4 [a 1]]]"},
		{historyRequest{HistAccessType: "range", Session: 1, Start: 2, Stop: n(3)}, "[[1 2 a]]"},
		{historyRequest{HistAccessType: "range", Session: 0, Start: 3}, "[[1 3 b := 2] [1 4 a]]"},
		{historyRequest{HistAccessType: "range", Session: 7, Start: 1}, "[]"},
		{historyRequest{HistAccessType: "search", Pattern: "a*"}, "[[1 1 a := 1] [1 2 a] [1 4 a]]"},
		{historyRequest{HistAccessType: "search", Pattern: "a*", Unique: true}, "[[1 1 a := 1] [1 4 a]]"},
		{historyRequest{HistAccessType: "search", Pattern: "?", N: n(1)}, "[[1 4 a]]"},
		{historyRequest{HistAccessType: "search", Pattern: "[!a]*"}, "[[1 3 b := 2]]"},
		{historyRequest{HistAccessType: "search", Pattern: "*:=*"}, "[[1 1 a := 1] [1 3 b := 2]]"},
		{historyRequest{HistAccessType: "bogus"}, "[]"},
	}
	for _, tt := range tests {
		got := queryHistory(h, tt.req)
		b, _ := json.Marshal(got)
		_ = b
		if s := sprint(got); s != tt.want {
			t.Errorf("%+v = %s, want %s", tt.req, s, tt.want)
		}
	}
}
