// Package kernel serves the Jupyter messaging protocol 5.3 over ZeroMQ
// (github.com/go-zeromq/zmq4) for any language that implements Evaluator.
//
// A kernel binary reads the connection file Jupyter gives it and serves
// until a shutdown_request:
//
//	ci, err := kernel.ReadConnectionFile(os.Args[1])
//	if err != nil {
//		log.Fatal(err)
//	}
//	k, err := kernel.New(ci, myEvaluator, kernel.Config{Banner: "hello"})
//	if err != nil {
//		log.Fatal(err) // e.g. an unknown signature_scheme
//	}
//	go func() { // SIGINT interrupts the cell instead of killing the kernel
//		for range sigint {
//			k.Interrupt()
//		}
//	}()
//	err = k.Run(context.Background())
//
// The package owns the wire (Signer: HMAC signatures, replay refusal,
// framing), the five sockets (shell, control, stdin, iopub, heartbeat;
// heartbeat, control and stdin on their own goroutines so they answer
// while a cell runs), busy/idle around every request, execution_count as
// ipykernel counts it, stop_on_error, interrupts, stdin, history and the
// batching of stream output. It knows nothing about what code means:
// that is the Evaluator's business (see evaluator.go).
//
// Messages that fail verification or decoding, and messages of unknown
// types, are dropped with one line on Config.Log; the kernel keeps serving.
//
// Until the first iopub subscription arrives, iopub messages are held and
// then sent to that subscriber in order (PUB sockets drop what they send
// before a subscriber's SUBSCRIBE arrives), so that a frontend connecting
// right after start sees the starting status and the busy and idle of its
// first kernel_info, as jupyter_client's wait_for_ready requires, without
// the reply waiting (iopub_hold.go).
//
// Around zmq4 (v0.17.0) the kernel works around what it gets wrong for a
// long-lived server: sends have a 3 s timeout instead of 5 minutes; the
// iopub PUB has a high-water mark instead of an unbounded queue and is
// written by one goroutine at a time; accepted connections get a deadline
// for the ZMTP handshake (zmq4 handshakes on its only accept goroutine, so
// one silent peer blocked every later frontend), a limit on announced
// frame sizes (zmq4 allocates them up front), buffered reads, and on Linux
// a watch that drops a peer leaving data unread for 10 s (zmq4 writes
// without deadlines, so one stuck subscriber stalled iopub for all)
// (transport.go, watch_linux.go).
package kernel
