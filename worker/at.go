package worker

// packAt puts an execute ID (its low 24 bits) and a byte offset (below
// 2^40) in one word, so that one store publishes both: a reader never
// sees the offset of one cell with the ID of another.
func packAt(id uint64, off int) uint64 {
	return (id&(1<<24-1))<<40 | uint64(off)&(1<<40-1)
}

// unpackAt is the offset stored for id; ok false when the word holds
// another execute's (or nothing).
func unpackAt(w, id uint64) (int, bool) {
	if w == 0 || w>>40 != id&(1<<24-1) {
		return 0, false
	}
	return int(w & (1<<40 - 1)), true
}
