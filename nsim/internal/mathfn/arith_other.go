//go:build !amd64

package mathfn

// Without arith_amd64.s the Go loops of arith.go do all the work.

func addVV(out, x, y []float64) int                   { return 0 }
func addVS(out, x []float64, c float64) int           { return 0 }
func addSV(out []float64, c float64, y []float64) int { return 0 }

func subVV(out, x, y []float64) int                   { return 0 }
func subVS(out, x []float64, c float64) int           { return 0 }
func subSV(out []float64, c float64, y []float64) int { return 0 }

func mulVV(out, x, y []float64) int                   { return 0 }
func mulVS(out, x []float64, c float64) int           { return 0 }
func mulSV(out []float64, c float64, y []float64) int { return 0 }

func divVV(out, x, y []float64) int                   { return 0 }
func divVS(out, x []float64, c float64) int           { return 0 }
func divSV(out []float64, c float64, y []float64) int { return 0 }
