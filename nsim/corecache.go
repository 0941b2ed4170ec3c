package nsim

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
)

// coreCache is the size in bytes of the largest cache that one core has to
// itself (L2 on the machines measured), as Linux's sysfs describes cpu0's
// caches; 1 MiB where that cannot be read. Updates whose arrays fit in it
// run faster on one core than split (updater.go, serialFits).
var coreCache = sync.OnceValue(func() int {
	best := 0
	dirs, _ := filepath.Glob("/sys/devices/system/cpu/cpu0/cache/index*")
	for _, d := range dirs {
		shared, err1 := os.ReadFile(filepath.Join(d, "shared_cpu_list"))
		size, err2 := os.ReadFile(filepath.Join(d, "size"))
		kind, err3 := os.ReadFile(filepath.Join(d, "type"))
		if err1 != nil || err2 != nil || err3 != nil || strings.TrimSpace(string(shared)) != "0" ||
			strings.TrimSpace(string(kind)) == "Instruction" {
			continue
		}
		if b, ok := cacheSize(string(size)); ok {
			best = max(best, b)
		}
	}
	if best == 0 {
		return 1 << 20
	}
	return best
})

// cacheSize parses sysfs's size of a cache, such as "2048K".
func cacheSize(s string) (int, bool) {
	s = strings.TrimSpace(s)
	mul := 1
	switch {
	case strings.HasSuffix(s, "K"):
		mul, s = 1<<10, s[:len(s)-1]
	case strings.HasSuffix(s, "M"):
		mul, s = 1<<20, s[:len(s)-1]
	}
	v, err := strconv.Atoi(s)
	if err != nil || v <= 0 {
		return 0, false
	}
	return v * mul, true
}
