package expr

import "testing"

func TestBlockErrors(t *testing.T) {
	scope := testScope()
	var out []string
	for _, in := range []string{
		"v += 1",
		"v = 3*second",
		"x *= v",
		"t = 0*ms",
		"gl = 0*nS",
		"undefined_var = 1; v = foo",
		"x = v > 0*mV",
		"v = 0*mV; v +",
	} {
		_, err := CheckBlock(in, scope)
		if err == nil {
			t.Errorf("CheckBlock(%q) succeeded", in)
			continue
		}
		out = append(out, "=== "+in)
		for _, e := range Errors(err) {
			out = append(out, e.Error()+" ["+e.Kind.String()+"]")
		}
	}
	golden(t, "block_errors.golden", joinLines(out))
}

func joinLines(l []string) string {
	s := ""
	for _, x := range l {
		s += x + "\n"
	}
	return s
}
