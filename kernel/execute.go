package kernel

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"time"
	"unicode"
)

// executeRequest is the content of an execute_request. Pointers tell an
// absent field from false, since the defaults are true.
type executeRequest struct {
	Code            string            `json:"code"`
	Silent          bool              `json:"silent"`
	StoreHistory    *bool             `json:"store_history"`
	UserExpressions map[string]string `json:"user_expressions"`
	AllowStdin      *bool             `json:"allow_stdin"`
	StopOnError     *bool             `json:"stop_on_error"`
}

func orDefault(p *bool, def bool) bool {
	if p == nil {
		return def
	}
	return *p
}

// execute runs a cell. The execution_count follows ipykernel: k.count is the
// number the next stored cell gets; execute_input and execute_result carry
// it, it advances after a cell with store_history (even a failed one), and
// the reply reports k.count-1 afterwards. Blank cells run nothing and do not
// advance it.
func (k *Kernel) execute(r *request) {
	var c executeRequest
	if !r.decode(&c) || k.missingCode(r) {
		return
	}
	silent := c.Silent
	store := orDefault(c.StoreHistory, !silent) && !silent
	stopOnError := orDefault(c.StopOnError, true)

	if !silent {
		r.publish("execute_input", map[string]any{"code": c.Code, "execution_count": k.count})
	}
	number := k.count
	blank := strings.TrimSpace(c.Code) == ""

	var res Result
	var payload []any
	switch {
	case blank:
	case pagerTarget(c.Code) != "":
		res, payload = k.page(c.Code)
		if res.Err != nil && !silent {
			e := errorContent(res.Err)
			delete(e, "status")
			r.publish("error", e)
		}
	default:
		res = k.run(r, c, silent)
	}
	if store && !blank {
		k.history = append(k.history, historyEntry{line: number, input: c.Code, output: plainText(res.Value)})
		k.count++
	}

	if res.Err != nil {
		content := errorContent(res.Err)
		content["execution_count"] = k.count - 1
		content["user_expressions"] = map[string]any{}
		content["payload"] = []any{}
		if stopOnError && !silent {
			k.settleShell()
			// Abort every execute_request received before this reply goes
			// out; one sent after the client saw it runs normally
			// (ipykernel's semantics). Taken before sending, or a fast
			// client's next request could be stamped earlier.
			k.abortBefore = time.Now()
		}
		r.reply("execute_reply", content)
		return
	}
	if payload == nil {
		payload = []any{}
	}
	r.reply("execute_reply", map[string]any{
		"status":           "ok",
		"execution_count":  k.count - 1,
		"payload":          payload,
		"user_expressions": k.userExpressions(c.UserExpressions),
	})
}

// run executes a non-blank cell and publishes its outputs.
func (k *Kernel) run(r *request, c executeRequest, silent bool) Result {
	ctx, cancel := context.WithCancel(k.ctx)
	defer cancel()
	k.cellMu.Lock()
	k.cancelCell, k.interrupts = cancel, 0
	k.cellMu.Unlock()

	out := newCellOutput(ctx, r, silent, orDefault(c.AllowStdin, true))
	res := k.evaluate(ctx, c.Code, out)

	k.cellMu.Lock()
	interrupted := k.interrupts > 0
	k.cancelCell = nil
	k.cellMu.Unlock()
	if res.Err == nil && interrupted {
		// The cell was interrupted but the Evaluator finished it anyway;
		// report the interrupt so queued cells are aborted as the user
		// expects.
		res = Result{Err: &Error{Name: "KeyboardInterrupt", Value: "interrupted", Traceback: []string{"KeyboardInterrupt: interrupted"}}}
	}
	if res.Value != nil {
		md := res.Metadata
		if md == nil {
			md = Bundle{}
		}
		out.publish("execute_result", map[string]any{"execution_count": k.count, "data": res.Value, "metadata": md})
	}
	if res.Err != nil {
		e := errorContent(res.Err)
		delete(e, "status")
		out.publish("error", e)
	}
	out.flush()
	return res
}

// evaluate calls Execute, turning a panic into a failed cell.
func (k *Kernel) evaluate(ctx context.Context, code string, out Output) (res Result) {
	defer func() {
		if p := recover(); p != nil {
			k.logf("evaluator panicked in Execute: %v\n%s", p, debug.Stack())
			res = Result{Err: &Error{Name: "panic", Value: fmt.Sprint(p), Traceback: []string{fmt.Sprintf("panic: %v", p)}}}
		}
	}()
	return k.ev.Execute(ctx, code, out)
}

// userExpressions evaluates the user_expressions of a successful cell;
// a failing expression gives its own error entry, not a failed request.
func (k *Kernel) userExpressions(exprs map[string]string) map[string]any {
	out := make(map[string]any, len(exprs))
	for name, expr := range exprs {
		func() {
			defer func() {
				if p := recover(); p != nil {
					out[name] = errorContent(&Error{Name: "panic", Value: fmt.Sprint(p), Traceback: []string{}})
				}
			}()
			data, err := k.ev.Evaluate(k.ctx, expr)
			switch {
			case err != nil:
				e, ok := err.(*Error)
				if !ok {
					e = &Error{Name: "Error", Value: err.Error(), Traceback: []string{err.Error()}}
				}
				out[name] = errorContent(e)
			default:
				if data == nil {
					data = Bundle{}
				}
				out[name] = map[string]any{"status": "ok", "data": data, "metadata": map[string]any{}}
			}
		}()
	}
	return out
}

// pagerTarget returns the expression of an IPython-style help cell
// ("fmt.Println?" or "x??"), or "" when code is not one.
func pagerTarget(code string) string {
	s := strings.TrimSpace(code)
	if !strings.HasSuffix(s, "?") {
		return ""
	}
	s = strings.TrimRight(s, "?")
	if s == "" {
		return ""
	}
	for _, c := range s {
		if c != '.' && c != '_' && !unicode.IsLetter(c) && !unicode.IsDigit(c) {
			return ""
		}
	}
	return s
}

// page answers a help cell with the Evaluator's Inspect, as a pager
// payload ("??" asks for more detail).
func (k *Kernel) page(code string) (Result, []any) {
	target := pagerTarget(code)
	detail := 0
	if strings.HasSuffix(strings.TrimSpace(code), "??") {
		detail = 1
	}
	data, found := func() (data Bundle, found bool) {
		defer func() {
			if p := recover(); p != nil {
				k.logf("evaluator panicked in Inspect: %v", p)
				data, found = nil, false
			}
		}()
		return k.ev.Inspect(target, runeLen(target), detail)
	}()
	if !found || data == nil {
		return Result{Err: &Error{Name: "NameError", Value: "no documentation found for " + target,
			Traceback: []string{"no documentation found for " + target}}}, nil
	}
	if _, ok := data["text/plain"]; !ok {
		data["text/plain"] = target
	}
	return Result{}, []any{map[string]any{"source": "page", "data": data, "start": 0}}
}

func plainText(b Bundle) any {
	if b == nil {
		return nil
	}
	if s, ok := b["text/plain"].(string); ok {
		return s
	}
	return nil
}
