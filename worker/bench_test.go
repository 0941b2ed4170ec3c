package worker

import (
	"context"
	"testing"
)

// BenchmarkRoundTrip is the hop alone: a cell the fake session answers
// at once ("echo", one statement position, one stream, one value),
// through the pipes and back.
func BenchmarkRoundTrip(b *testing.B) {
	s := start(b, Config{})
	out := &record{}
	ctx := context.Background()
	if r := s.Execute(ctx, "echo 1", out); r.Err != nil {
		b.Fatal(r.Err)
	}
	for b.Loop() {
		if r := s.Execute(ctx, "echo 1", out); r.Err != nil || r.Value["text/plain"] != "1" {
			b.Fatal(r)
		}
	}
}
