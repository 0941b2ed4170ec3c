package worker

import (
	"os"
	"sync/atomic"
	"syscall"
	"unsafe"
)

// The position of the running statement goes through a shared page, not
// a frame: a cell's statements would otherwise cost a pipe write and a
// wake-up of the kernel process each (a third of a trivial cell's round
// trip), for a value read only after a crash. The Supervisor passes a
// one-page file as the child's fd 5; the child maps it and stores
// (execute ID, offset) in one word; the Supervisor reads the file after
// the child died (the page cache is the mapping).

const childAtFD = 5

// atSlot is the shared word; nil where there is none (At sends frames).
type atSlot struct{ word *uint64 }

// newAtFile makes the Supervisor's end: an unlinked one-page file.
func newAtFile() (*os.File, error) {
	f, err := os.CreateTemp("", "gonsim-at-")
	if err != nil {
		return nil, err
	}
	os.Remove(f.Name())
	if err := f.Truncate(8); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}

// mapAtSlot maps the child's fd 5, when the Supervisor passed one.
func mapAtSlot() *atSlot {
	f := os.NewFile(childAtFD, "worker-at")
	if f == nil {
		return nil
	}
	defer f.Close() // the mapping stays
	syscall.CloseOnExec(childAtFD)
	b, err := syscall.Mmap(childAtFD, 0, 8, syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_SHARED)
	if err != nil {
		return nil
	}
	return &atSlot{word: (*uint64)(unsafe.Pointer(&b[0]))}
}

func (a *atSlot) store(id uint64, off int) { atomic.StoreUint64(a.word, packAt(id, off)) }

// readAt reads what the child stored last: ok when it is for id.
func readAt(f *os.File, id uint64) (off int, ok bool) {
	var b [8]byte
	if f == nil {
		return 0, false
	}
	if n, err := f.ReadAt(b[:], 0); n != 8 || err != nil {
		return 0, false
	}
	return unpackAt(*(*uint64)(unsafe.Pointer(&b[0])), id)
}
