package kernel_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/go-zeromq/zmq4"

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

// upper is a toy language whose cells evaluate to themselves, shouted.
type upper struct{}

func (upper) Execute(ctx context.Context, code string, out kernel.Output) kernel.Result {
	out.Stream("stdout", "running "+code+"\n")
	return kernel.Result{Value: kernel.Bundle{"text/plain": strings.ToUpper(code)}}
}
func (upper) Evaluate(ctx context.Context, expr string) (kernel.Bundle, error) { return nil, nil }
func (upper) Complete(code string, cursor int) kernel.Completion               { return kernel.Completion{} }
func (upper) Inspect(code string, cursor, detail int) (kernel.Bundle, bool)    { return nil, false }
func (upper) IsComplete(code string) (string, string)                          { return "complete", "" }

// A kernel serves an Evaluator on the sockets of a connection file; here a
// bare zmq4 DEALER plays the frontend and runs one cell.
func Example() {
	dir, _ := os.MkdirTemp("", "kernel-example")
	defer os.RemoveAll(dir)
	ci := &kernel.ConnectionInfo{Transport: "ipc", IP: filepath.Join(dir, "k"), Key: "secret",
		SignatureScheme: "hmac-sha256", ShellPort: 1, IOPubPort: 2, StdinPort: 3, ControlPort: 4, HBPort: 5}
	k, err := kernel.New(ci, upper{}, kernel.Config{})
	if err != nil {
		panic(err)
	}
	go k.Run(context.Background())
	defer k.Shutdown()

	signer, _ := kernel.NewSigner(ci.SignatureScheme, []byte(ci.Key))
	shell := zmq4.NewDealer(context.Background(), zmq4.WithID(zmq4.SocketIdentity("frontend")))
	defer shell.Close()
	if err := shell.Dial(ci.Endpoint(ci.ShellPort)); err != nil {
		panic(err)
	}
	frames, _ := signer.Encode(&kernel.Message{
		Header:  kernel.Header{MsgID: "m1", Session: "s1", MsgType: "execute_request", Version: kernel.ProtocolVersion},
		Content: json.RawMessage(`{"code": "hello", "silent": false}`),
	})
	shell.SendMulti(zmq4.NewMsgFrom(frames...))
	raw, _ := shell.Recv()
	reply, _ := signer.Decode(raw.Frames)
	fmt.Println(reply.Header.MsgType, string(reply.Content))
	// Output:
	// execute_reply {"execution_count":1,"payload":[],"status":"ok","user_expressions":{}}
}
