package kernel

import (
	"bytes"
	"testing"
)

// FuzzDecode feeds arbitrary frames to the decoder of a keyless and a
// keyed kernel: it must return an error or a message, never panic, and a
// decoded message must survive re-encoding.
func FuzzDecode(f *testing.F) {
	s, _ := NewSigner("hmac-sha256", nil)
	good, _ := s.Encode(&Message{Identities: [][]byte{[]byte("id")}, Header: Header{MsgID: "1", MsgType: "execute_request"},
		Content: []byte(`{"code":"1"}`)})
	f.Add(bytes.Join(good, []byte{0}))
	f.Add([]byte("<IDS|MSG>\x00\x00{}\x00{}\x00{}\x00{}"))
	f.Add([]byte("\x00\x00\x00"))
	f.Fuzz(func(t *testing.T, data []byte) {
		frames := bytes.Split(data, []byte{0})
		for _, key := range []string{"", "k"} {
			s, _ := NewSigner("hmac-sha256", []byte(key))
			m, err := s.Decode(frames)
			if err != nil {
				continue
			}
			out, err := s.Encode(m)
			if err != nil {
				t.Fatalf("re-encoding a decoded message: %v", err)
			}
			if _, err := s.Decode(out); err != nil {
				t.Fatalf("decoding the re-encoded message: %v", err)
			}
		}
	})
}
