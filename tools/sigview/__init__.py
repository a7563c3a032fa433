"""sigview: a sigtrace log (the kernel's account of every signal) as a timeline page.

tracelog.py reads the log into events, page.py writes one self-contained HTML file
with sigview.js and sigview.css inlined, diff.py finds where two traces part ways.
`python3 tools/sigview LOG -o OUT.html`, or `tools/krun --html OUT.html PROG`.
"""
