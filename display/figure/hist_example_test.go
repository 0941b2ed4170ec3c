package figure_test

import (
	"fmt"

	"gonsim/display/figure"
)

// A histogram of synaptic weights: the counts and edges are numpy's, the
// last bin holds its right edge.
func ExampleHist() {
	w := []float64{0.1, 0.4, 0.45, 0.5, 0.9, 1.0}
	figure.Figure(4, 3)
	counts, edges, err := figure.Hist(w, figure.Bins(3), figure.Range(0, 1), figure.Label("w"))
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(counts, edges)

	_, _, err = figure.Hist([]float64{1, 2, 3}, figure.Bins(0))
	fmt.Println(err)
	figure.TakeFigures()
	// Output:
	// [1 3 2] [0 0.3333333333333333 0.6666666666666666 1]
	// Hist: Bins: 0 bins; want between 1 and 10000000
}

// A stacked bar chart with categories on the x axis.
func ExampleBar() {
	figure.Figure(4, 3)
	kinds := []string{"AMPA", "NMDA", "GABA"}
	figure.Bar(kinds, []float64{3, 1.5, 2}, figure.Label("early"))
	figure.Bar(kinds, []float64{1, 1, 0.5}, figure.Bottom([]float64{3, 1.5, 2}), figure.Label("late"))
	figure.Legend()
	for _, f := range figure.TakeFigures() {
		fmt.Println(f)
	}
	// Output: <Figure size 400x300 with 1 Axes>
}
