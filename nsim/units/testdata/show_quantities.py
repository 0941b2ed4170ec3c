"""Writes show_quantities.golden: how Brian2 shows each quantity.

Run with the Python that has brian2 (/usr/bin/python3 show_quantities.py).
Each line is: expression <TAB> str() <TAB> _repr_latex_() of the value
rounded as str() rounds it (Brian2's own _repr_latex_ prints the float
noise str hides: 60.000000000000014 pA; gonsim shows what str shows).
"""
import warnings
warnings.simplefilter("ignore")
from brian2 import *

EXPRS = """
60.000000000000014*pA
100.00000000000001*usecond
0.1*ms*1.0000000000000001
100*usecond
20*mV
-65*mV
0.5*ms
5*ms
0*ms
0*mV
1.23456789012*mV
3*Hz
0.02/ms
1/(10*ms)
2.5e-9*amp
1e-12*volt
123456789*volt
1e9*second
0.1*nS
0.3*mV*3
10*ms*10*ms
1*ufarad*cm**-2
200*pF
0.7*mV*3
25*Mohm
10*nA*(20*Mohm)
-70*mV + 0.1*mV*3
1.0/3*second
2/3*mV
12345.678901234*Hz
0.000123*second
1e-5*second
7.5*msiemens/cm**2
1*mV/ms
3.3
1e-05
0.1+0.2
1e20*Hz
""".split("\n")

with open("show_quantities.golden", "w") as out:
    for e in EXPRS:
        e = e.strip()
        if not e:
            continue
        v = eval(e)
        if not isinstance(v, Quantity):
            v = Quantity(v)
        s = str(v)
        if v.is_dimensionless:
            latex = "$" + repr(float(s)) + "$"
        else:
            # Brian2's LaTeX of the unit, after the number's "\\,".
            unit = v._repr_latex_()[1:-1].split("\\,", 1)[1]
            num = s.split(" ")[0]
            latex = "$" + repr(float(num)) + "\\," + unit + "$"
        out.write(f"{e}\t{s}\t{latex}\n")
