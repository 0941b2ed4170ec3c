package worker

import (
	"bufio"
	"encoding/json"
	"io"
	"sync"
)

// Operations of a frame. Requests go from the Supervisor to the child;
// the rest from the child to the Supervisor.
const (
	opExecute    = "execute"     // ID, Code, Stdin
	opEvaluate   = "evaluate"    // ID, Code
	opComplete   = "complete"    // ID, Code, Cursor
	opInspect    = "inspect"     // ID, Code, Cursor, Detail
	opIsComplete = "is_complete" // ID, Code
	opInterrupt  = "interrupt"   // ID of the execute to cancel
	opInputReply = "input_reply" // Seq of the input request, Text, Failed
	opComm       = "comm"        // ID, Comm: a frontend's comm message

	opReady   = "ready"    // the session is ready for requests
	opStream  = "stream"   // ID, Name, Text
	opDisplay = "display"  // ID, Data, Meta, DisplayID, Update
	opClear   = "clear"    // ID, Wait
	opInput   = "input"    // ID, Seq (numbers input requests), Text (the prompt), Password
	opAt      = "at"       // ID, Cursor: byte offset of the top-level statement starting
	opResult  = "result"   // ID, Data, Meta, Err, Matches, Cursor/End, Status, Indent, Found
	opCommOut = "comm_out" // ID, Comm: a comm message from the session
)

// Input reply errors: how Output.Input failed, across the pipe.
const (
	inputEOF         = "eof"
	inputInterrupted = "interrupted"
)

// frame is one message; which fields mean something depends on Op.
type frame struct {
	Op        string       `json:"op"`
	ID        uint64       `json:"id,omitempty"`
	Seq       uint64       `json:"seq,omitempty"`
	Code      string       `json:"code,omitempty"`
	Stdin     bool         `json:"stdin,omitempty"`
	Cursor    int          `json:"cursor,omitempty"`
	End       int          `json:"end,omitempty"`
	Detail    int          `json:"detail,omitempty"`
	Name      string       `json:"name,omitempty"`
	Text      string       `json:"text,omitempty"`
	Data      Bundle       `json:"data,omitempty"`
	Meta      Bundle       `json:"meta,omitempty"`
	DisplayID string       `json:"display_id,omitempty"`
	Update    bool         `json:"update,omitempty"`
	Wait      bool         `json:"wait,omitempty"`
	Password  bool         `json:"password,omitempty"`
	Err       *Error       `json:"err,omitempty"`
	Matches   []string     `json:"matches,omitempty"`
	Status    string       `json:"status,omitempty"`
	Indent    string       `json:"indent,omitempty"`
	Found     bool         `json:"found,omitempty"`
	Failed    string       `json:"failed,omitempty"` // an input reply's error (inputEOF, …)
	Parent    string       `json:"parent,omitempty"` // execute: msg_id of the request (comm.go)
	Comm      *CommMessage `json:"comm,omitempty"`   // opComm, opCommOut
}

// conn writes frames from any goroutine and reads them from one.
type conn struct {
	mu  sync.Mutex
	w   *bufio.Writer
	enc *json.Encoder
	r   *bufio.Reader
	big []byte // a frame longer than r's buffer, assembled
}

func newConn(r io.Reader, w io.Writer) *conn {
	bw := bufio.NewWriterSize(w, 64<<10)
	return &conn{w: bw, enc: json.NewEncoder(bw), r: bufio.NewReaderSize(r, 64<<10)}
}

// send writes one frame and flushes it: frames are few and each is
// awaited by someone.
func (c *conn) send(f *frame) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.enc.Encode(f); err != nil {
		return err
	}
	return c.w.Flush()
}

// recv reads one frame. A frame is one line (the encoder escapes the
// newlines of strings), so its end is found with a byte search rather
// than by json.Decoder's scan of the value before it is decoded.
func (c *conn) recv() (*frame, error) {
	line, err := c.r.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		c.big = append(c.big[:0], line...)
		for err == bufio.ErrBufferFull {
			line, err = c.r.ReadSlice('\n')
			c.big = append(c.big, line...)
		}
		line = c.big
		defer func() {
			if cap(c.big) > 1<<20 { // do not keep a figure's worth of buffer
				c.big = nil
			}
		}()
	}
	if err != nil {
		if err == io.EOF && len(line) > 0 {
			err = io.ErrUnexpectedEOF
		}
		return nil, err
	}
	f := new(frame)
	if err := json.Unmarshal(line, f); err != nil {
		return nil, err
	}
	return f, nil
}
