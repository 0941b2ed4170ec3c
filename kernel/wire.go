package kernel

import (
	"bytes"
	"crypto/hmac"
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"crypto/sha512"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"slices"
	"strings"
	"sync"
	"time"
)

// delimiter separates the routing identities from the signed part of a
// message.
const delimiter = "<IDS|MSG>"

// Signer signs and verifies messages with the connection file's key and
// signature_scheme. A Signer with an empty key signs nothing and accepts
// everything, as the protocol prescribes.
type Signer struct {
	newHash func() hash.Hash // nil when unsigned
	key     []byte

	mu   sync.Mutex
	seen map[string]struct{} // signatures already accepted, to refuse replays
	fifo []string            // seen, oldest first, for eviction
}

// maxSeen bounds the replay history (jupyter_client keeps 2^16 too).
const maxSeen = 1 << 16

var schemes = map[string]func() hash.Hash{
	"hmac-sha256": sha256.New,
	"hmac-sha224": sha256.New224,
	"hmac-sha384": sha512.New384,
	"hmac-sha512": sha512.New,
	"hmac-sha1":   sha1.New,
	"hmac-md5":    md5.New,
}

// NewSigner returns a Signer for scheme ("hmac-sha256", "hmac-sha512", …;
// "" means hmac-sha256). An unknown scheme is an error naming the known ones.
func NewSigner(scheme string, key []byte) (*Signer, error) {
	if scheme == "" {
		scheme = "hmac-sha256"
	}
	h, ok := schemes[scheme]
	if !ok {
		known := make([]string, 0, len(schemes))
		for k := range schemes {
			known = append(known, k)
		}
		slices.Sort(known)
		return nil, fmt.Errorf("unknown signature_scheme %q (known: %s)", scheme, strings.Join(known, ", "))
	}
	s := &Signer{seen: make(map[string]struct{})}
	if len(key) > 0 {
		s.newHash = h
		s.key = append([]byte(nil), key...)
	}
	return s, nil
}

// Sign returns the lowercase hex signature of the four JSON parts.
func (s *Signer) Sign(parts [4][]byte) []byte {
	if s.newHash == nil {
		return []byte{}
	}
	return hexDigest(s.mac(parts))
}

func (s *Signer) mac(parts [4][]byte) []byte {
	m := hmac.New(s.newHash, s.key)
	for _, p := range parts {
		m.Write(p)
	}
	return m.Sum(nil)
}

func hexDigest(sum []byte) []byte {
	out := make([]byte, hex.EncodedLen(len(sum)))
	hex.Encode(out, sum)
	return out
}

// Errors of Verify and Decode; they name why a message was dropped.
var (
	ErrNoDelimiter  = errors.New("no <IDS|MSG> delimiter")
	ErrShortMessage = errors.New("fewer than 5 frames after the delimiter")
	ErrUnsigned     = errors.New("missing signature")
	ErrBadSignature = errors.New("bad signature")
	ErrReplayed     = errors.New("replayed signature")
)

// Verify checks sig against the four parts in constant time and refuses a
// signature it has already accepted once.
func (s *Signer) Verify(sig []byte, parts [4][]byte) error {
	if s.newHash == nil {
		return nil
	}
	if len(sig) == 0 {
		return ErrUnsigned
	}
	want := hexDigest(s.mac(parts))
	// The frontend's hex may be upper case; compare case-folded, still in
	// constant time over the expected length.
	if !hmac.Equal(want, bytes.ToLower(sig)) {
		return ErrBadSignature
	}
	key := string(want)
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, dup := s.seen[key]; dup {
		return ErrReplayed
	}
	s.seen[key] = struct{}{}
	s.fifo = append(s.fifo, key)
	if len(s.fifo) > maxSeen {
		// Forget the oldest tenth at once so eviction is amortised.
		n := maxSeen / 10
		for _, k := range s.fifo[:n] {
			delete(s.seen, k)
		}
		s.fifo = append(s.fifo[:0:0], s.fifo[n:]...)
	}
	return nil
}

// Header is a message header (and, copied, a parent header).
type Header struct {
	MsgID    string `json:"msg_id"`
	Session  string `json:"session"`
	Username string `json:"username"`
	Date     string `json:"date"`
	MsgType  string `json:"msg_type"`
	Version  string `json:"version"`
}

// Message is one decoded Jupyter message.
type Message struct {
	Identities [][]byte // routing prefix (ROUTER) or topic (PUB)
	Header     Header
	// Parent is the parent header as received or to send: raw JSON so that
	// unknown fields survive the round trip.
	Parent   json.RawMessage
	Metadata map[string]any
	Content  json.RawMessage
	Buffers  [][]byte
	// RawHeader is the header exactly as received, echoed as the parent of
	// replies so clients see their own header unchanged.
	RawHeader json.RawMessage

	received time.Time // when the kernel read it, for stop_on_error
}

// Decode parses the frames of a received message and verifies its
// signature before any JSON is parsed.
func (s *Signer) Decode(frames [][]byte) (*Message, error) {
	i := 0
	for i < len(frames) && string(frames[i]) != delimiter {
		i++
	}
	if i == len(frames) {
		return nil, ErrNoDelimiter
	}
	rest := frames[i+1:]
	if len(rest) < 5 {
		return nil, ErrShortMessage
	}
	parts := [4][]byte{rest[1], rest[2], rest[3], rest[4]}
	if err := s.Verify(rest[0], parts); err != nil {
		return nil, err
	}
	m := &Message{Identities: frames[:i], Buffers: rest[5:]}
	if err := json.Unmarshal(parts[0], &m.Header); err != nil {
		return nil, fmt.Errorf("header: %w", err)
	}
	if m.Header.MsgType == "" {
		return nil, errors.New("header: no msg_type")
	}
	m.RawHeader = json.RawMessage(parts[0])
	if !isJSONObject(parts[1]) {
		return nil, errors.New("parent_header: not a JSON object")
	}
	m.Parent = json.RawMessage(parts[1])
	if err := json.Unmarshal(parts[2], &m.Metadata); err != nil {
		return nil, fmt.Errorf("metadata: %w", err)
	}
	if !isJSONObject(parts[3]) {
		return nil, errors.New("content: not a JSON object")
	}
	m.Content = json.RawMessage(parts[3])
	return m, nil
}

func isJSONObject(b []byte) bool {
	var v map[string]json.RawMessage
	return json.Unmarshal(b, &v) == nil && v != nil
}

// Encode signs and frames a message: identities, delimiter, signature,
// header, parent, metadata, content, buffers.
func (s *Signer) Encode(m *Message) ([][]byte, error) {
	header, err := json.Marshal(m.Header)
	if err != nil {
		return nil, err
	}
	parent := []byte(m.Parent)
	if len(parent) == 0 {
		parent = []byte("{}")
	}
	meta := []byte("{}")
	if len(m.Metadata) > 0 {
		if meta, err = marshalClean(m.Metadata); err != nil {
			return nil, fmt.Errorf("metadata: %w", err)
		}
	}
	content := []byte(m.Content)
	if len(content) == 0 {
		content = []byte("{}")
	}
	parts := [4][]byte{header, parent, meta, content}
	frames := make([][]byte, 0, len(m.Identities)+6+len(m.Buffers))
	frames = append(frames, m.Identities...)
	frames = append(frames, []byte(delimiter), s.Sign(parts))
	frames = append(frames, parts[:]...)
	frames = append(frames, m.Buffers...)
	return frames, nil
}

// marshalClean marshals v; when v holds NaN or ±Inf (which JSON cannot
// express and encoding/json refuses) they become null, as ipykernel's
// json_clean does, instead of losing the whole message.
func marshalClean(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err == nil {
		return b, nil
	}
	var uve *json.UnsupportedValueError
	if !errors.As(err, &uve) {
		return nil, err
	}
	return json.Marshal(cleanJSON(v))
}
