package worker

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"
)

// The test binary is its own worker: with childEnv set, TestMain serves
// fakeSession instead of running the tests.
const childEnv = "GONSIM_WORKER_TEST_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(childEnv) != "" {
		srv, err := Child()
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		srv.Serve(&fakeSession{srv: srv})
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// fakeSession does what its cells name, with real crashes.
type fakeSession struct{ srv *Server }

//go:noinline
func recurse(n int) int { return recurse(n+1) + 1 }

var keep []byte

func (f *fakeSession) Execute(ctx context.Context, code string, out Output) Result {
	f.srv.At(strings.LastIndex(code, "\n") + 1)
	cmd, arg, _ := strings.Cut(strings.TrimSpace(code[strings.LastIndex(code, "\n")+1:]), " ")
	switch cmd {
	case "echo":
		out.Stream("stdout", arg+"\n")
		return Result{Value: Bundle{"text/plain": arg}}
	case "lines": // many stream frames, then a clean end
		for i := range 2000 {
			out.Stream("stdout", fmt.Sprintf("line %d\n", i))
		}
	case "display":
		out.Display(Bundle{"text/html": "<b>x</b>"}, Bundle{}, "d1", false)
		out.Clear(true)
	case "f(1)":
		recurse(1)
	case "maprace":
		m := map[int]int{}
		var wg sync.WaitGroup
		for g := range 4 {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 10_000_000 {
					m[i%100+g] = i
				}
			}()
		}
		wg.Wait()
	case "oom":
		keep = make([]byte, 1<<46)
	case "bgcrash": // the cell ends; its goroutine kills the process later
		go func() {
			time.Sleep(50 * time.Millisecond)
			recurse(1)
		}()
	case "sleep": // honours the interrupt
		select {
		case <-ctx.Done():
			return Result{Err: &Error{Name: "KeyboardInterrupt", Value: "interrupted"}}
		case <-time.After(time.Minute):
		}
	case "hang": // does not
		time.Sleep(time.Hour)
	case "input":
		name, err := out.Input("name? ", false)
		if err != nil {
			return Result{Err: asError(err)}
		}
		out.Stream("stdout", "hello "+name+"\n")
	case "alloc": // 400 MB touched and dropped
		b := make([]byte, 400<<20)
		for i := range b {
			b[i] = 1
		}
		out.Stream("stdout", fmt.Sprint(len(b)))
	case "fail":
		return Result{Err: &Error{Name: "panic", Value: arg, Traceback: []string{"panic: " + arg}}}
	}
	return Result{}
}

func (f *fakeSession) Evaluate(ctx context.Context, expr string) (Bundle, error) {
	if expr == "bad" {
		return nil, errors.New("no such name")
	}
	return Bundle{"text/plain": "=" + expr}, nil
}

func (f *fakeSession) Complete(code string, cursor int) Completion {
	if code == "hang" {
		time.Sleep(time.Second)
	}
	return Completion{Matches: []string{code + "x"}, CursorStart: 0, CursorEnd: cursor}
}

func (f *fakeSession) Inspect(code string, cursor, detail int) (Bundle, bool) {
	return Bundle{"text/plain": "doc of " + code}, true
}

func (f *fakeSession) IsComplete(code string) (string, string) { return "complete", "" }

// record is an Output that keeps what it was given.
type record struct {
	mu      sync.Mutex
	stdout  strings.Builder
	display []Bundle
	clears  int
	answer  string
}

func (r *record) Stream(name, text string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.stdout.WriteString(text)
}

func (r *record) Display(data, md Bundle, id string, update bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.display = append(r.display, data)
}

func (r *record) Clear(bool) { r.mu.Lock(); r.clears++; r.mu.Unlock() }

func (r *record) Input(prompt string, password bool) (string, error) {
	if r.answer == "" {
		return "", io.EOF
	}
	return r.answer, nil
}

func (r *record) text() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.stdout.String()
}

func start(t testing.TB, cfg Config) *Supervisor {
	t.Helper()
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Command = func() *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"=1")
		return cmd
	}
	if cfg.Log == nil {
		cfg.Log = io.Discard
	}
	s, err := Start(cfg)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}
