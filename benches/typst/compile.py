"""Compile benches/typst/flyer.typ once with Typst's Python binding
(`pip install typst`), as a whole process: `hyperfine -N 'python3
benches/typst/compile.py'`. The fonts are handout's own (fonts/), not the
system's, so both set the same faces."""
import pathlib, sys, typst
here = pathlib.Path(__file__).resolve().parent
fonts = here.parent.parent / "fonts"
out = sys.argv[1] if len(sys.argv) > 1 else "/tmp/typst-flyer.pdf"
typst.compile(str(here / "flyer.typ"), output=out, font_paths=[str(fonts)], ignore_system_fonts=True)
