package early

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// TestMain makes the test binary a kernel when a test starts it as one
// (EARLY_TEST_CHILD=1 and a connection file as its only argument): by then
// the package's init has run as in cmd/gonsim, and the child prints what
// it took.
func TestMain(m *testing.M) {
	if os.Getenv("EARLY_TEST_CHILD") == "1" {
		json.NewEncoder(os.Stdout).Encode(childReport())
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// report is what a child kernel took from init.
type report struct {
	Ports  []int // the ports Take gave, sorted
	Given  int   // how many of them a launcher had bound
	Env    string
	Leaked []int // the ports whose socket would reach a process the kernel starts
	Fd3    bool  // descriptor 3 is still open
}

func childReport() report {
	var r report
	given := bound.given
	for port, f := range Take(os.Args[1]) {
		r.Ports = append(r.Ports, port)
		if flags, err := fcntl(f.Fd(), syscall.F_GETFD); err != nil || flags&syscall.FD_CLOEXEC == 0 {
			r.Leaked = append(r.Leaked, port)
		}
	}
	slices.Sort(r.Ports)
	r.Given = given
	r.Env = os.Getenv("LISTEN_PID") + os.Getenv("LISTEN_FDS") + os.Getenv("LISTEN_FDNAMES")
	_, err := fcntl(3, syscall.F_GETFD)
	r.Fd3 = err == nil
	return r
}

func fcntl(fd uintptr, cmd int) (int, error) {
	r, _, errno := syscall.Syscall(syscall.SYS_FCNTL, fd, uintptr(cmd), 0)
	if errno != 0 {
		return 0, errno
	}
	return int(r), nil
}

// launcher builds cmd/gonsim-launch as tests/e2e/lib.sh's build_kernel
// does, with musl when it is installed.
func launcher(t *testing.T) string {
	t.Helper()
	cc, err := exec.LookPath("musl-gcc")
	if err != nil {
		if cc, err = exec.LookPath("cc"); err != nil {
			t.Skip("no C compiler (musl-gcc or cc) to build cmd/gonsim-launch")
		}
	}
	bin := filepath.Join(t.TempDir(), "gonsim-launch")
	out, err := exec.Command(cc, "-O2", "-static", "-Wall", "-Werror", "-o", bin, "../../cmd/gonsim-launch/main.c").CombinedOutput()
	if err != nil {
		t.Fatalf("%s: %v\n%s", cc, err, out)
	}
	return bin
}

// child runs the test binary as a kernel on the connection file, through
// argv's prefix (a launcher, or a shell), with extra descriptors from 3.
func child(t *testing.T, prefix []string, path string, extra ...*os.File) report {
	t.Helper()
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(prefix[0], append(prefix[1:], self, path)...)
	cmd.Env = append(os.Environ(), "EARLY_TEST_CHILD=1")
	cmd.ExtraFiles = extra
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("%v: %v\n%s", cmd.Args, err, ee.Stderr)
		}
		t.Fatal(err)
	}
	var r report
	if err := json.Unmarshal(out, &r); err != nil {
		t.Fatalf("child printed %q: %v", out, err)
	}
	return r
}

func connectionFile(t *testing.T, transport, ip string, p []int) string {
	return writeFile(t, fmt.Sprintf(`{
  "shell_port": %d,
  "iopub_port": %d,
  "stdin_port": %d,
  "control_port": %d,
  "hb_port": %d,
  "ip": %q,
  "key": "6a1b",
  "transport": %q,
  "signature_scheme": "hmac-sha256",
  "kernel_name": "shell_port"
}`, p[0], p[1], p[2], p[3], p[4], ip, transport))
}

// The kernel serves on the sockets gonsim-launch bound before it ran,
// when they are the connection file's, and binds itself otherwise; the
// socket activation variables never reach what the kernel starts.
func TestLaunch(t *testing.T) {
	launch := launcher(t)
	p := freePorts(t, 5)
	sorted := slices.Sorted(slices.Values(p))
	held, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	inUse := append(slices.Clone(p[:4]), held.Addr().(*net.TCPAddr).Port)
	tests := []struct {
		name  string
		path  string
		ports []int
		given int
	}{
		{"as jupyter_client writes it", connectionFile(t, "tcp", "127.0.0.1", p), sorted, 5},
		{"compact, on every address", writeFile(t, fmt.Sprintf(`{"transport":"tcp","ip":"*","shell_port":%d,"iopub_port":%d,"stdin_port":%d,"control_port":%d,"hb_port":%d}`,
			p[0], p[1], p[2], p[3], p[4])), sorted, 5},
		{"a port in use: neither binds", connectionFile(t, "tcp", "127.0.0.1", inUse), nil, 0},
		{"ipc: the kernel's business", connectionFile(t, "ipc", "/tmp/kernel", p), nil, 0},
		{"a host name: the kernel's business", connectionFile(t, "tcp", "localhost", p), nil, 0},
		{"escapes in the ip: the kernel binds", writeFile(t, fmt.Sprintf(`{"transport":"tcp","ip":"127.0.0.\u0031","shell_port":%d,"iopub_port":%d,"stdin_port":%d,"control_port":%d,"hb_port":%d}`,
			p[0], p[1], p[2], p[3], p[4])), sorted, 0},
		{"no file", filepath.Join(t.TempDir(), "missing.json"), nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := child(t, []string{launch}, tt.path)
			if !slices.Equal(r.Ports, tt.ports) || r.Given != tt.given {
				t.Errorf("ports %v (%d from the launcher), want %v (%d)", r.Ports, r.Given, tt.ports, tt.given)
			}
			if r.Env != "" || len(r.Leaked) > 0 {
				t.Errorf("LISTEN_* = %q after init; ports open across exec: %v", r.Env, r.Leaked)
			}
		})
	}
}

// The kernel takes handed sockets only as sd_listen_fds does: for its own
// pid, and only listening sockets on the file's address and ports.
func TestInherited(t *testing.T) {
	p := freePorts(t, 5)
	path := connectionFile(t, "tcp", "127.0.0.1", p)
	sockets := func(ip string, ports []int) []*os.File {
		var fs []*os.File
		for _, port := range ports {
			l, err := net.Listen("tcp", fmt.Sprintf("%s:%d", ip, port))
			if err != nil {
				t.Fatal(err)
			}
			f, err := l.(*net.TCPListener).File()
			l.Close()
			if err != nil {
				t.Fatal(err)
			}
			fs = append(fs, f)
		}
		return fs
	}
	activate := func(pid string, n int) []string {
		return []string{"sh", "-c", fmt.Sprintf(`LISTEN_PID=%s LISTEN_FDS=%d exec "$0" "$1"`, pid, n)}
	}
	regular, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer regular.Close()

	handed := func(pid string, fs ...*os.File) report {
		defer func() {
			for _, f := range fs {
				f.Close()
			}
		}()
		return child(t, activate(pid, len(fs)), path, fs...)
	}

	r := handed("$$", sockets("127.0.0.1", p)...)
	if r.Given != 5 || len(r.Ports) != 5 || r.Env != "" || len(r.Leaked) > 0 {
		t.Errorf("its own: %+v, want the 5 handed sockets", r)
	}
	// Another process's: left alone, so the kernel's own bind meets them
	// (they still listen here) and binds nothing.
	r = handed("1", sockets("127.0.0.1", p)...)
	if r.Given != 0 || r.Ports != nil || r.Env != "" {
		t.Errorf("another pid's: %+v, want none taken and the variables unset", r)
	}
	// A regular file and sockets on other ports or another address: not
	// taken; the kernel binds the file's ports itself.
	others := append(sockets("127.0.0.1", freePorts(t, 2)), sockets("127.0.0.2", p[:1])...)
	r = handed("$$", append([]*os.File{regular}, others...)...)
	if r.Given != 0 || len(r.Ports) != 5 || !r.Fd3 {
		t.Errorf("strangers: %+v, want the 5 ports bound by the kernel and descriptor 3 left open", r)
	}
}

// gonsim-launch says how it is used, and names a kernel it cannot run.
func TestLaunchErrors(t *testing.T) {
	launch := launcher(t)
	tests := []struct {
		args []string
		code int
		err  string
	}{
		{nil, 2, "usage: gonsim-launch KERNEL CONNECTION_FILE"},
		{[]string{"/nonexistent/gonsim", "kernel.json"}, 127, "gonsim-launch: cannot run /nonexistent/gonsim: No such file or directory"},
	}
	for _, tt := range tests {
		out, err := exec.Command(launch, tt.args...).CombinedOutput()
		var ee *exec.ExitError
		if !errors.As(err, &ee) || ee.ExitCode() != tt.code || !strings.Contains(string(out), tt.err) {
			t.Errorf("gonsim-launch %v: %v, %q; want exit %d and %q", tt.args, err, out, tt.code, tt.err)
		}
	}
}
