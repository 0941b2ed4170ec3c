// Package figure draws matplotlib-like figures on gonum/plot, with
// pyplot's current-figure state, so that the seed's plotting code ports
// line by line:
//
//	figure.Figure(8, 3)                                // figure(figsize=(8, 3))
//	figure.Plot(M.T().In(ms), M.Of("v", 0))            // plot(M.t/ms, M.v[0])
//	figure.Axhline(1, figure.LS("--"), figure.Color("g"), figure.LW(2))
//	figure.Xlabel("Time (ms)")                         // xlabel('Time (ms)')
//	figure.Ylabel("v")
//	figure.TightLayout()
//
// In notebook cells these names are available bare (Figure, Plot, ...),
// and the figure appears when the cell ends, as with matplotlib inline
// (TakeFigures), or at once with display.Show(Gcf()).
//
// # From matplotlib
//
//	figure(figsize=(4, 6), dpi=150)       Figure(4, 6, 150)
//	subplot(321) / subplot(3, 2, 1)       Subplot(321) / Subplot(3, 2, 1)
//	ax = subplot(322, sharey=ax_top)      ax := Subplot(322, Sharey(axTop))
//	plot(x, y, '--g', lw=2, alpha=0.5)    Plot(x, y, "--g", LW(2), Alpha(0.5))
//	plot(t, Y.T, '-k', alpha=0.05)        Plot(t, Y, "-k", Alpha(0.05))   // Y: rows are traces
//	plot(t, v, 'o', color='r', mfc='none', ms=10)
//	                                      Plot(t, v, "o", Color("r"), MFC("none"), MS(10))
//	plot(spikes.t/ms, spikes.i, '|k')     Plot(st, si, "|k")
//	plot(t, I, label='I', c='C1')         Plot(t, I, Label("I"), Color("C1"))
//	axhline(-60, ls='--', color='g')      Axhline(-60, LS("--"), Color("g"))
//	axvline(10)                           Axvline(10)
//	n, edges, _ = hist(w, bins=20)        n, edges, err := Hist(w, Bins(20))
//	hist(w, 50, range=(0, 1), density=True, histtype='step')
//	                                      Hist(w, Bins(50), Range(0, 1), Density(true), Histtype("step"))
//	hist(w, bins=[0, 1, 5], weights=c)    Hist(w, Bins([]float64{0, 1, 5}), Weights(c))
//	bar(x, h, width=0.5, bottom=b)        Bar(x, h, Width(0.5), Bottom(b))
//	bar(['AMPA', 'NMDA'], g, ec='k')      Bar([]string{"AMPA", "NMDA"}, g, EdgeColor("k"))
//	barh(y, w, height=0.5, left=1)        Barh(y, w, Height(0.5), Left(1))
//	scatter(x, y, s=20, c=v, cmap='plasma', alpha=0.5)
//	                                      Scatter(x, y, Sizes(20), Colors(v), Cmap("plasma"), Alpha(0.5))
//	scatter(S.i, S.j, marker='^', c='k')  Scatter(S.I(), S.J(), Marker("^"), Color("k"))
//	errorbar(x, m, yerr=sd, fmt='o', capsize=3)
//	                                      Errorbar(x, m, "o", Yerr(sd), Capsize(3))
//	fill_between(t, m - sd, m + sd, alpha=0.3)
//	                                      FillBetween(t, lo, hi, Alpha(0.3))
//	axvspan(10, 20, color='r', alpha=0.2) Axvspan(10, 20, Color("r"), Alpha(0.2))
//	axhspan(-1, 1)                        Axhspan(-1, 1)
//	imshow(W, cmap='hot', origin='lower', aspect='auto', vmin=0)
//	                                      Imshow(W, Cmap("hot"), Origin("lower"), Aspect("auto"), Vmin(0))
//	imshow(W, extent=(0, 10, 0, 5))       Imshow(W, Extent(0, 10, 0, 5))
//	pcolormesh(x, y, C, cmap='RdBu')      Pcolormesh(x, y, C, Cmap("RdBu"))
//	colorbar(label='rate (Hz)')           Colorbar(Label("rate (Hz)"))
//	text(1, 2, 'A', ha='center', fontsize=14)
//	                                      Text(1, 2, "A", HA("center"), FontSize(14))
//	annotate('spike', xy=(10, 20), xytext=(15, 30), arrowprops=dict(arrowstyle='->'))
//	                                      Annotate("spike", 10, 20, XYText(15, 30), Arrow("->"))
//	xlabel('Time (ms)', fontsize=12)      Xlabel("Time (ms)", FontSize(12))
//	ylabel('Input current $I$')           Ylabel("Input current $I$")
//	title('Standard LIF')                 Title("Standard LIF")
//	xlim(0, 50); ylim(-70, -50)           Xlim(0, 50); Ylim(-70, -50)
//	xticks([]); yticks([])                Xticks(nil); Yticks(nil)
//	xticks([0, 1], ['a', 'b'])            Xticks([]float64{0, 1}, "a", "b")
//	ax.set_frame_on(False)                ax.SetFrameOn(false)
//	legend(loc='upper left')              Legend(Loc("upper left"))
//	xscale('log'); yscale('symlog')       Xscale("log"); Yscale("symlog")
//	ax2 = ax.twinx()                      ax2 := ax.Twinx()
//	fig, axs = subplots(2, 2, sharex=True, figsize=(8, 6))
//	                                      fig, axs := Subplots(2, 2, Sharex(true), Figsize(8, 6))
//	axs[0, 1].plot(t, v)                  axs[0][1].Plot(t, v)
//	ax.set_xlim(0, 10); ax.set_title('A') ax.SetXlim(0, 10); ax.SetTitle("A")
//	ax.set_aspect('equal')                ax.SetAspect("equal")
//	suptitle('Network')                   Suptitle("Network")
//	tight_layout()                        TightLayout()
//	savefig('f.png')                      Savefig("f.png")
//
// Hist counts as numpy.histogram does and returns its counts and edges:
// equal bins over the data's range (or Range) or explicit edges, each bin
// holding its left edge and the last one both; NaN or infinite data are an
// error unless Range or the edges say which values count. It draws bars
// that touch (RWidth narrows them), a step outline or a filled one, in the
// lines' next colour; Bar takes the next colour of its own cycle, as in
// matplotlib. Bars are drawn under the lines, and their base is a sticky
// edge: the 5% margin stops there, so positive bars start at exactly 0.
// The legend shows a bar or histogram as a small rectangle in its style.
//
// Every call that can fail returns an error naming the function and the
// culprit (a cell ends with it). Subplot and Figure return their axes and
// figure; a bad Subplot or Figure argument is reported by Err and by every
// later call on them.
//
// Format strings are "[marker][line][colour]" in any order: markers
// o . , | _ + x s ^ v < > D d p h 8 *; lines - -- : -.; colours b g r c
// m y k w and C0–C9.
// Colours also take "#rrggbb", grey levels ("0.8") and names ("orange").
//
// Scatter, Imshow and Pcolormesh map numbers to colours through
// matplotlib's colormaps (viridis by default; plasma, inferno, magma,
// cividis, gray, hot, coolwarm, RdBu and others, "_r" reversed) between
// Vmin and Vmax (default: the data's range), and Colorbar shows the last
// one's scale beside its axes. Images are averaged, not sampled, where
// cells are smaller than pixels; NaN cells are transparent. Scatter's
// markers are drawn once per size and sub-pixel offset and then copied,
// so a million points take a fraction of a second.
//
// Data are []float64, any other numeric slice or array, [][]float64 (one
// trace per row), a value with a Floats() []float64 method (the
// simulator's monitor values, e.g. M.Of("v", 0).In(mV)) or one with
// Rows() [][]float64. Non-finite values leave gaps. Types defined inside a
// notebook cell are interpreted, so their methods are not visible here:
// convert them to []float64 first.
//
// # Look and output
//
// Defaults follow matplotlib's: Liberation Sans (a sans-serif compiled in,
// metrically Arial) at 10 pt, the tab10 colour cycle, 1.5 pt lines, a box
// frame, outward ticks placed and formatted as AutoLocator and
// ScalarFormatter do (steps 1, 2, 2.5, 5; equal decimals; a true minus
// sign), 5% data margins, tight_layout's padding, and the inline backend's
// crop to the content plus 0.1 inch. Figures show as PNG with
// PixelDensity (2) pixels per dot and their display size in the metadata,
// so they are sharp; InlineFormat("svg") switches to SVG. In PNGs, bars
// are snapped to the pixel grid as matplotlib's Agg backend does, so that
// adjacent bars show no seam.
//
// Lines are stroked by the internal raster package rather than gonum/plot's
// general path filler, which is slow on long noisy lines: each pixel column
// keeps its lowest and highest point and segments are rasterised with exact
// antialiased coverage, so that the seed's 3×2 reliable-timing figure (52
// traces of 10,000 points) renders in about 110 ms of CPU. Rendering polls the
// context installed with SetContext (or given to ImageContext/PNGContext),
// so an interrupt stops it.
package figure
