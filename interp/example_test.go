package interp_test

import (
	"context"
	"fmt"
	"io"

	"gonsim/interp"
)

// notebook collects a cell's output as a frontend would show it.
type notebook struct{ text string }

func (n *notebook) Stream(name, text string)                                     { n.text += text }
func (n *notebook) Display(data, metadata interp.Bundle, id string, update bool) {}
func (n *notebook) Clear(wait bool)                                              {}
func (n *notebook) Input(prompt string, password bool) (string, error)           { return "", io.EOF }

func Example() {
	s, err := interp.New(interp.Options{})
	if err != nil {
		panic(err)
	}
	ctx := context.Background()
	out := &notebook{}
	s.Execute(ctx, "x := 6*7\nfunc half(n int) int { return n / 2 }\nfmt.Println(\"half:\", half(x))", out)
	r := s.Execute(ctx, "x", out)
	q := s.Execute(ctx, "tau := 10*ms\ntau * 3", out)
	bad := s.Execute(ctx, "y := 1\nfmt.Println(y + \"s\")", out)
	s.Close() // gives stdout back

	fmt.Print(out.text)
	fmt.Println(r.Value["text/plain"])
	fmt.Println(q.Value["text/plain"])
	fmt.Println(bad.Err.Name+":", bad.Err.Value)
	// Output:
	// half: 21
	// 42
	// 30. ms
	// CompileError: 2:13: invalid operation: mismatched types int and untyped string
}
