package nsim

import "testing"

// TestCacheSize: sysfs's cache sizes as Linux writes them, and what is
// not one.
func TestCacheSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int
		ok   bool
	}{
		{"2048K\n", 2 << 20, true}, {"48K", 48 << 10, true}, {"1M", 1 << 20, true}, {"512", 512, true},
		{"", 0, false}, {"K", 0, false}, {"-4K", 0, false}, {"2G", 0, false},
	} {
		if got, ok := cacheSize(tc.in); got != tc.want || ok != tc.ok {
			t.Errorf("cacheSize(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
	if c := coreCache(); c < 64<<10 {
		t.Errorf("coreCache() = %d B, less than any L2", c)
	}
}
