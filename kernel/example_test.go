package kernel_test

import (
	"encoding/json"
	"fmt"

	"gonsim/kernel"
)

// A Signer frames and signs messages as they go on the wire, and refuses
// tampered or replayed ones.
func ExampleSigner() {
	s, err := kernel.NewSigner("hmac-sha256", []byte("secret"))
	if err != nil {
		panic(err)
	}
	frames, _ := s.Encode(&kernel.Message{
		Identities: [][]byte{[]byte("client-1")},
		Header:     kernel.Header{MsgID: "1", MsgType: "execute_request", Version: kernel.ProtocolVersion},
		Content:    json.RawMessage(`{"code":"x := 6*7"}`),
	})
	fmt.Printf("%d frames: %s %s <signature> ...\n", len(frames), frames[0], frames[1])

	m, err := s.Decode(frames)
	fmt.Println(m.Header.MsgType, string(m.Content), err)

	_, err = s.Decode(frames) // the same signature again
	fmt.Println(err)

	frames[len(frames)-1] = []byte(`{"code":"os.Exit(1)"}`)
	_, err = s.Decode(frames)
	fmt.Println(err)

	_, err = kernel.NewSigner("hmac-sha3", nil)
	fmt.Println(err)
	// Output:
	// 7 frames: client-1 <IDS|MSG> <signature> ...
	// execute_request {"code":"x := 6*7"} <nil>
	// replayed signature
	// bad signature
	// unknown signature_scheme "hmac-sha3" (known: hmac-md5, hmac-sha1, hmac-sha224, hmac-sha256, hmac-sha384, hmac-sha512)
}
