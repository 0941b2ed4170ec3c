package interp

// LanguageVersion is the Go that cells are: the language yaegi v0.16.1
// interprets (Go 1.21), not the toolchain that built the kernel. The
// session's rewrites add a few later forms (see "Which Go" in the package
// doc); a kernel reports this as language_info.version.
const LanguageVersion = "1.21"

// Interpreter names the interpreter and its version, for banners.
const Interpreter = "yaegi v0.16.1"
